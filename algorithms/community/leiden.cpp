#include "algorithms/community/leiden.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "engine/random.hpp"

namespace peerscout::community {

namespace {

using u32 = std::uint32_t;
using u64 = std::uint64_t;
constexpr u32 kNone = 0xFFFFFFFFu;
// Minimum adjacency entries in a local-moving batch for a parallel evaluation.
constexpr EdgeIndex kParallelBatchArcs = EdgeIndex{1} << 14;
// Vertices with at most this many arcs accumulate community weights in a local table.
constexpr EdgeIndex kSmallDegree = 32;

// ---- graph views ----------------------------------------------------------------------------
// Level 0 reads the input CsrGraph in place (float or unit weights, self-arcs skipped by the
// callers); aggregate levels own their arrays (double weights, no self arcs: loops are kept in
// `loop`, in arc units, i.e. twice the loop edge weight).

struct InputView {
  const EdgeIndex* off;
  const VertexId* adj;
  const Weight* w;  // nullptr: unit weights
  double weight(EdgeIndex e) const noexcept { return w ? static_cast<double>(w[e]) : 1.0; }
};

struct AggGraph {
  std::vector<EdgeIndex> off;
  std::vector<VertexId> adj;
  std::vector<double> w;
};

struct AggView {
  const EdgeIndex* off;
  const VertexId* adj;
  const double* w;
  double weight(EdgeIndex e) const noexcept { return w[e]; }
};

// Per-level data besides the adjacency.
struct Level {
  u32 n = 0;
  std::vector<double> node_w;  // node weights (strength or size)
  std::vector<double> loop;    // self weight (arc units) of each node
};

// Dense per-thread accumulators: acc[c] plus the list of touched c.
struct Scratch {
  std::vector<double> acc;
  std::vector<u32> touched;
  std::vector<char> seen;
  // Refinement only, reused across communities: processing order, candidates, sub-cluster weights.
  std::vector<u32> order;
  std::vector<std::pair<u32, double>> cand;
  std::vector<u32> ts;
  std::vector<double> tw;
  void ensure(u32 n) {
    if (acc.size() < n) {
      acc.assign(n, 0.0);
      seen.assign(n, 0);
    }
    touched.clear();
  }
  void add(u32 c, double w) {
    if (!seen[c]) {
      seen[c] = 1;
      touched.push_back(c);
    }
    acc[c] += w;
  }
  void reset() {
    for (u32 c : touched) {
      acc[c] = 0.0;
      seen[c] = 0;
    }
    touched.clear();
  }
};

struct ScratchPool {
  std::vector<Scratch> per_thread;
  explicit ScratchPool(u32 n) : per_thread(static_cast<std::size_t>(std::max(1, max_threads()))) {
    for (auto& s : per_thread) s.ensure(n);
  }
  Scratch& local() { return per_thread[static_cast<std::size_t>(omp_get_thread_num())]; }
};

// ---- local moving ---------------------------------------------------------------------------

struct Proposal {
  u32 target;
  double k_target;
  double k_own;
};

template <class View>
void local_move(const View& gv, const Level& lv, double gamma_n, std::vector<u32>& comm, u64 key, ScratchPool& pool,
                RunContext& ctx) {
  const u32 n = lv.n;
  std::vector<double> N(n, 0.0);
  std::vector<u32> cnt(n, 0);
  for (u32 v = 0; v < n; ++v) {
    N[comm[v]] += lv.node_w[v];
    ++cnt[comm[v]];
  }
  // Unused community ids, smallest on top: a vertex may leave for a new (empty) community when
  // that beats staying and every neighbouring community (as in igraph's fast local move).
  std::vector<u32> empty_ids;
  for (u32 c = n; c-- > 0;)
    if (cnt[c] == 0) empty_ids.push_back(c);
  std::vector<char> active(n, 1);
  std::vector<u32> order;
  order.reserve(n);
  std::vector<Proposal> prop;
  std::vector<u32> moved;
  std::vector<u32> bucket_start;
  const bool sequential = n <= kSequentialLevelSize && gv.off[n] < kSequentialLevelArcs;

  auto evaluate = [&](u32 v, Scratch& s) -> Proposal {
    const u32 S = comm[v];
    const double nv = lv.node_w[v];
    const EdgeIndex end = gv.off[v + 1];
    if (end - gv.off[v] <= kSmallDegree) {
      // Low degree: accumulate in a tiny local table (no random access to the dense array).
      u32 cs[kSmallDegree];
      double ws[kSmallDegree];
      std::size_t k = 0;
      double k_own = 0.0;
      for (EdgeIndex e = gv.off[v]; e < end; ++e) {
        const VertexId u = gv.adj[e];
        if (u == v) continue;
        const u32 c = comm[u];
        const double w = gv.weight(e);
        if (c == S) {
          k_own += w;
          continue;
        }
        std::size_t i = 0;
        while (i < k && cs[i] != c) ++i;
        if (i == k) {
          cs[k] = c;
          ws[k++] = w;
        } else {
          ws[i] += w;
        }
      }
      const double base = N[S] - nv;
      Proposal p{S, k_own, k_own};
      double best = 0.0;
      for (std::size_t i = 0; i < k; ++i) {
        const u32 c = cs[i];
        const double gain = (ws[i] - k_own) - gamma_n * nv * (N[c] - base);
        if (gain > best || (gain == best && gain > 0.0 && c < p.target)) {
          best = gain;
          p.target = c;
          p.k_target = ws[i];
        }
      }
      if (cnt[S] > 1 && gamma_n * nv * base - k_own > best) p = Proposal{kNone, 0.0, k_own};
      return p;
    }
    for (EdgeIndex e = gv.off[v]; e < end; ++e) {
      if (e + 8 < end) __builtin_prefetch(comm.data() + gv.adj[e + 8]);
      const VertexId u = gv.adj[e];
      if (u == v) continue;
      s.add(comm[u], gv.weight(e));
    }
    const double k_own = s.seen[S] ? s.acc[S] : 0.0;
    const double base = N[S] - nv;
    Proposal p{S, k_own, k_own};
    double best = 0.0;
    for (u32 c : s.touched) {
      if (c == S) continue;
      const double gain = (s.acc[c] - k_own) - gamma_n * nv * (N[c] - base);
      if (gain > best || (gain == best && gain > 0.0 && c < p.target)) {
        best = gain;
        p.target = c;
        p.k_target = s.acc[c];
      }
    }
    s.reset();
    if (cnt[S] > 1 && gamma_n * nv * base - k_own > best) p = Proposal{kNone, 0.0, k_own};
    return p;
  };
  auto apply = [&](u32 v, const Proposal& p) -> bool {
    const u32 S = comm[v];
    const double nv = lv.node_w[v];
    if (p.target == kNone) {  // leave for an empty community
      if (cnt[S] <= 1 || empty_ids.empty() || !(gamma_n * nv * (N[S] - nv) - p.k_own > 0.0)) return false;
      const u32 c = empty_ids.back();
      empty_ids.pop_back();
      N[S] -= nv;
      --cnt[S];
      N[c] += nv;
      ++cnt[c];
      comm[v] = c;
      return true;
    }
    if (p.target == S || cnt[p.target] == 0) return false;
    const double gain = (p.k_target - p.k_own) - gamma_n * nv * (N[p.target] - (N[S] - nv));
    if (!(gain > 0.0)) return false;
    N[S] -= nv;
    if (--cnt[S] == 0) empty_ids.push_back(S);
    N[p.target] += nv;
    ++cnt[p.target];
    comm[v] = p.target;
    return true;
  };
  // rank[u]: when u is examined in the current round (its batch, or its position in the sequential
  // order); kNone when u is not in the round. A mover at rank r re-activates a neighbour outside its
  // new community for the next round only if that neighbour was already examined (rank <= r) or is
  // not in the round: one examined later in this round sees the move anyway (the queue of the fast
  // local move does not hold a vertex twice either).
  std::vector<u32> rank(n, kNone);
  auto activate_neighbours = [&](u32 v, u32 r) {
    const u32 c = comm[v];
    const EdgeIndex end = gv.off[v + 1];
    for (EdgeIndex e = gv.off[v]; e < end; ++e) {
      if (e + 8 < end) __builtin_prefetch(comm.data() + gv.adj[e + 8]);
      const VertexId u = gv.adj[e];
      if (u != v && comm[u] != c && (rank[u] == kNone || rank[u] <= r))
        std::atomic_ref<char>(active[u]).store(1, std::memory_order_relaxed);
    }
  };

  for (int round = 0; round < kMaxMoveRounds; ++round) {
    ctx.check_cancelled();
    order.clear();
    for (u32 v = 0; v < n; ++v)
      if (active[v]) {
        order.push_back(v);
        active[v] = 0;
      }
    if (order.empty()) break;
    const u64 rkey = mix64(key ^ mix64(static_cast<u64>(round) + 0x51ED27ULL));
    std::size_t moves = 0;
    if (sequential) {
      // Random order of the active vertices (order holds them by increasing id): Fisher-Yates.
      Rng rng = Rng::for_item(rkey, Stream::kTieBreak, order.size());
      shuffle(order.begin(), order.end(), rng);
      for (std::size_t i = 0; i < order.size(); ++i) rank[order[i]] = static_cast<u32>(i);
      Scratch& s = pool.per_thread[0];
      for (std::size_t i = 0; i < order.size(); ++i) {
        const u32 v = order[i];
        const Proposal p = evaluate(v, s);
        if (apply(v, p)) {
          ++moves;
          activate_neighbours(v, static_cast<u32>(i));
        }
      }
      for (const u32 v : order) rank[v] = kNone;
    } else {
      // Bucket the active vertices into B batches by hash; vertex order inside a batch. B depends
      // only on the active vertices and their arcs (never on the thread count): batches of about
      // 4 * kParallelBatchArcs arcs, so that each one is worth a parallel evaluation, 8 to 128 of them.
      EdgeIndex active_arcs = 0;
      for (const u32 v : order) active_arcs += gv.off[v + 1] - gv.off[v];
      const u32 B = static_cast<u32>(std::min<std::size_t>(
          order.size(), std::clamp<std::size_t>(static_cast<std::size_t>(active_arcs / (4 * kParallelBatchArcs)), 8, 128)));
      bucket_start.assign(static_cast<std::size_t>(B) + 1, 0);
      std::vector<u32> bucket_of(order.size());
      std::vector<EdgeIndex> bucket_arcs(B, 0);
      for (std::size_t i = 0; i < order.size(); ++i) {
        const u32 b = static_cast<u32>((static_cast<Uint128>(mix64(rkey ^ order[i])) * B) >> 64);
        bucket_of[i] = b;
        rank[order[i]] = b;
        ++bucket_start[b + 1];
        bucket_arcs[b] += gv.off[order[i] + 1] - gv.off[order[i]];
      }
      for (u32 b = 0; b < B; ++b) bucket_start[b + 1] += bucket_start[b];
      std::vector<u32> batched(order.size());
      {
        std::vector<u32> pos(bucket_start.begin(), bucket_start.end() - 1);
        for (std::size_t i = 0; i < order.size(); ++i) batched[pos[bucket_of[i]]++] = order[i];
      }
      prop.resize(order.size());
      moved.clear();
      for (u32 b = 0; b < B; ++b) {
        const auto lo = static_cast<std::int64_t>(bucket_start[b]), hi = static_cast<std::int64_t>(bucket_start[b + 1]);
        // A parallel region only pays off (and only survives a loaded machine) with enough work.
#pragma omp parallel for schedule(dynamic, 64) if (bucket_arcs[b] >= kParallelBatchArcs)
        for (std::int64_t i = lo; i < hi; ++i) {
          const auto ii = static_cast<std::size_t>(i);
          prop[ii] = evaluate(batched[ii], pool.local());
        }
        for (std::int64_t i = lo; i < hi; ++i) {
          const auto ii = static_cast<std::size_t>(i);
          if (apply(batched[ii], prop[ii])) moved.push_back(batched[ii]);
        }
      }
      moves = moved.size();
      // Neighbours of the movers are examined again in the next round (flags only: order-free).
      const auto nm = static_cast<std::int64_t>(moved.size());
#pragma omp parallel for schedule(dynamic, 256) if (nm >= 1024)
      for (std::int64_t i = 0; i < nm; ++i) {
        const u32 v = moved[static_cast<std::size_t>(i)];
        activate_neighbours(v, rank[v]);
      }
      for (u32 v : order) rank[v] = kNone;
    }
    if (moves == 0) break;
  }
}

// ---- refinement -----------------------------------------------------------------------------

// Groups nodes by label (labels < n): members of label c are members[start[c] .. start[c+1]).
void group_by(const std::vector<u32>& label, u32 n, std::vector<u32>& start, std::vector<u32>& members) {
  start.assign(static_cast<std::size_t>(n) + 1, 0);
  for (u32 v = 0; v < n; ++v) ++start[label[v] + 1];
  for (u32 c = 0; c < n; ++c) start[c + 1] += start[c];
  members.resize(n);
  std::vector<u32> pos(start.begin(), start.end() - 1);
  for (u32 v = 0; v < n; ++v) members[pos[label[v]]++] = v;
}

template <class View>
std::vector<u32> refine(const View& gv, const Level& lv, double gamma_n, double theta, const std::vector<u32>& comm,
                        u64 key, ScratchPool& pool) {
  const u32 n = lv.n;
  std::vector<u32> start, members;
  group_by(comm, n, start, members);
  std::vector<u32> refined(n);
  std::vector<double> rN(n), rE(n);
  std::vector<char> nonsingleton(n, 0);
  std::vector<u32> nonempty;
  for (u32 c = 0; c < n; ++c)
    if (start[c + 1] > start[c]) nonempty.push_back(c);
  // Largest communities first (load balance); the order does not affect the result.
  std::sort(nonempty.begin(), nonempty.end(), [&](u32 a, u32 b) {
    const u32 sa = start[a + 1] - start[a], sb = start[b + 1] - start[b];
    return sa != sb ? sa > sb : a < b;
  });
  // Singletons: each node's weight to the rest of its community (rE), in one streaming pass over
  // the arcs in node order (better locality than community by community; same sums).
  const bool par = gv.off[n] >= kParallelBatchArcs;
#pragma omp parallel for schedule(dynamic, 1024) if (par)
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
    const auto v = static_cast<u32>(i);
    const u32 S = comm[v];
    refined[v] = v;
    rN[v] = lv.node_w[v];
    double ext = 0.0;
    for (EdgeIndex e = gv.off[v]; e < gv.off[v + 1]; ++e) {
      const VertexId u = gv.adj[e];
      ext += (u != v && comm[u] == S) ? gv.weight(e) : 0.0;
    }
    rE[v] = ext;
  }
  const auto nc = static_cast<std::int64_t>(nonempty.size());
#pragma omp parallel for schedule(dynamic, 1) if (par)
  for (std::int64_t ci = 0; ci < nc; ++ci) {
    const u32 S = nonempty[static_cast<std::size_t>(ci)];
    const u32* mb = members.data() + start[S];
    const u32 size = start[S + 1] - start[S];
    if (size == 1) continue;
    double NS = 0.0;
    for (u32 i = 0; i < size; ++i) NS += lv.node_w[mb[i]];
    // Random processing order: Fisher-Yates with the community's own generator (mb[0] = smallest
    // member, so the stream does not depend on the thread or the schedule).
    Rng rng = Rng::for_item(key, Stream::kTieBreak, mb[0]);
    Scratch& s = pool.local();
    s.order.assign(mb, mb + size);
    shuffle(s.order.begin(), s.order.end(), rng);
    auto& cand = s.cand;
    auto& ts = s.ts;
    auto& tw = s.tw;
    for (const u32 v : s.order) {
      if (nonsingleton[v]) continue;  // v's cluster received other nodes: v is no longer a singleton
      const double nv = lv.node_w[v];
      if (rE[v] < gamma_n * nv * (NS - nv)) continue;  // v not well connected to S
      // Weights to the neighbouring sub-clusters, in first-touch order (a local table for low
      // degrees, the dense accumulator otherwise: same order, same result).
      ts.clear();
      tw.clear();
      if (gv.off[v + 1] - gv.off[v] <= kSmallDegree) {
        for (EdgeIndex e = gv.off[v]; e < gv.off[v + 1]; ++e) {
          const VertexId u = gv.adj[e];
          if (u == v || comm[u] != S) continue;
          const u32 T = refined[u];
          std::size_t i = 0;
          while (i < ts.size() && ts[i] != T) ++i;
          if (i == ts.size()) {
            ts.push_back(T);
            tw.push_back(gv.weight(e));
          } else {
            tw[i] += gv.weight(e);
          }
        }
      } else {
        for (EdgeIndex e = gv.off[v]; e < gv.off[v + 1]; ++e) {
          const VertexId u = gv.adj[e];
          if (u != v && comm[u] == S) s.add(refined[u], gv.weight(e));
        }
        for (u32 T : s.touched) {
          ts.push_back(T);
          tw.push_back(s.acc[T]);
        }
        s.reset();
      }
      cand.clear();
      double max_gain = 0.0;
      cand.emplace_back(v, 0.0);  // staying alone
      for (std::size_t i = 0; i < ts.size(); ++i) {
        const u32 T = ts[i];
        if (T == v) continue;
        if (rE[T] < gamma_n * rN[T] * (NS - rN[T])) continue;  // T not well connected to S
        const double gain = tw[i] - gamma_n * nv * rN[T];
        if (gain < 0.0) continue;
        cand.emplace_back(T, gain);
        max_gain = std::max(max_gain, gain);
      }
      u32 chosen = v;
      if (cand.size() > 1) {
        double total = 0.0;
        // exp(x) is exactly 0 in double for x < -745.2 (below the smallest subnormal): skip those
        // calls (same weights).
        const double cutoff = max_gain - 746.0 * theta;
        for (auto& c : cand) {
          c.second = c.second < cutoff ? 0.0 : std::exp((c.second - max_gain) / theta);
          total += c.second;
        }
        const double r = rng.uniform01() * total;
        double cum = 0.0;
        chosen = cand.back().first;
        for (const auto& c : cand) {
          cum += c.second;
          if (r < cum) {
            chosen = c.first;
            break;
          }
        }
      }
      if (chosen != v) {
        double k_vT = 0.0;
        for (std::size_t i = 0; i < ts.size(); ++i)
          if (ts[i] == chosen) k_vT = tw[i];
        refined[v] = chosen;
        rN[chosen] += nv;
        rE[chosen] = rE[chosen] + rE[v] - 2.0 * k_vT;
        nonsingleton[chosen] = 1;
      }
    }
  }
  return refined;
}

// ---- aggregation ----------------------------------------------------------------------------

// Compacts labels (< n) by first occurrence; returns the number of distinct labels.
u32 compact(std::vector<u32>& label, u32 n) {
  std::vector<u32> map(n, kNone);
  u32 next = 0;
  for (auto& l : label) {
    if (map[l] == kNone) map[l] = next++;
    l = map[l];
  }
  return next;
}

// Buffers reused by every level and iteration of one run: after the first iteration, aggregation
// allocates nothing of arc size (no page faults, no frees of large blocks).
struct Workspace {
  AggGraph graphs[2];               // the current and the next aggregate graph, alternating
  std::vector<VertexId> tmp_adj;    // aggregation: each task's lists before compaction
  std::vector<double> tmp_w;
};

// Grows v to at least k elements; never shrinks (the views read only the [off[0], off[n]) prefix).
template <class T>
void grow(std::vector<T>& v, std::size_t k) {
  if (v.size() < k) v.resize(k);
}

// Aggregation work unit: whole aggregate nodes [a_lo, a_hi), or (piece) the member range
// [m_lo, m_hi) of one node with many arcs. Tasks hold about kAggTaskArcs arcs and depend only on the
// partition and the graph, never on the thread count.
struct AggTask {
  u32 a_lo, a_hi, m_lo, m_hi;
  EdgeIndex base;  // first slot in the temporary arrays (the task's arcs: an upper bound on its lists)
  bool piece;
};
constexpr EdgeIndex kAggTaskArcs = EdgeIndex{1} << 15;
constexpr u32 kAggTaskNodes = 1024;

template <class View>
void aggregate(const View& gv, const Level& lv, const std::vector<u32>& agg, u32 na, AggGraph& out, Level& out_lv,
               ScratchPool& pool, Workspace& ws) {
  const u32 n = lv.n;
  std::vector<u32> start, members;
  group_by(agg, n, start, members);
  out_lv.n = na;
  out_lv.node_w.assign(na, 0.0);
  out_lv.loop.assign(na, 0.0);
  auto arcs_of = [&](u32 i) { return gv.off[members[i] + 1] - gv.off[members[i]]; };
  std::vector<EdgeIndex> tot(na);  // member arcs of each aggregate node
  const bool par = gv.off[n] >= kParallelBatchArcs;
#pragma omp parallel for schedule(dynamic, 1024) if (par)
  for (std::int64_t ai = 0; ai < static_cast<std::int64_t>(na); ++ai) {
    const auto A = static_cast<u32>(ai);
    EdgeIndex t = 0;
    for (u32 i = start[A]; i < start[A + 1]; ++i) t += arcs_of(i);
    tot[A] = t;
  }
  std::vector<AggTask> tasks;
  EdgeIndex base = 0;
  for (u32 A = 0; A < na;) {
    if (tot[A] > kAggTaskArcs) {
      for (u32 i = start[A]; i < start[A + 1];) {
        const u32 lo = i;
        EdgeIndex arcs = 0;
        while (i < start[A + 1] && arcs < kAggTaskArcs) arcs += arcs_of(i++);
        tasks.push_back({A, A + 1, lo, i, base, true});
        base += arcs;
      }
      ++A;
      continue;
    }
    const u32 lo = A;
    EdgeIndex arcs = 0;
    while (A < na && A - lo < kAggTaskNodes && tot[A] <= kAggTaskArcs && arcs + tot[A] <= kAggTaskArcs) arcs += tot[A++];
    tasks.push_back({lo, A, start[lo], start[A], base, false});
    base += arcs;
  }
  grow(ws.tmp_adj, base);
  grow(ws.tmp_w, base);
  VertexId* tadj = ws.tmp_adj.data();
  double* tw = ws.tmp_w.data();
  std::vector<EdgeIndex> deg(static_cast<std::size_t>(na) + 1, 0), src(na);
  // Pieces: list length and partial node weight and loop.
  std::vector<EdgeIndex> piece_len(tasks.size(), 0);
  std::vector<double> piece_nw(tasks.size(), 0.0), piece_loop(tasks.size(), 0.0);
  // Accumulates the arcs of members [m_lo, m_hi) of A into tadj/tw from pos (first-touch order; a
  // local search for few arcs, the dense accumulator otherwise: the same lists either way).
  auto collect = [&](u32 A, u32 m_lo, u32 m_hi, EdgeIndex arcs, EdgeIndex pos, double& nw, double& loop, Scratch& s) {
    const EdgeIndex first = pos;
    const bool small = arcs <= kSmallDegree;
    for (u32 i = m_lo; i < m_hi; ++i) {
      const u32 v = members[i];
      nw += lv.node_w[v];
      loop += lv.loop[v];
      for (EdgeIndex e = gv.off[v]; e < gv.off[v + 1]; ++e) {
        const VertexId u = gv.adj[e];
        if (u == v) continue;
        const u32 B = agg[u];
        if (B == A) {
          loop += gv.weight(e);
        } else if (small) {
          EdgeIndex k = first;
          while (k < pos && tadj[k] != B) ++k;
          if (k == pos) {
            tadj[pos] = B;
            tw[pos++] = gv.weight(e);
          } else {
            tw[k] += gv.weight(e);
          }
        } else {
          s.add(B, gv.weight(e));
        }
      }
    }
    if (!small) {
      for (const u32 B : s.touched) {
        tadj[pos] = B;
        tw[pos++] = s.acc[B];
      }
      s.reset();
    }
    return pos - first;
  };
  const auto nt = static_cast<std::int64_t>(tasks.size());
#pragma omp parallel for schedule(dynamic, 1) if (par)
  for (std::int64_t ti = 0; ti < nt; ++ti) {
    const AggTask& t = tasks[static_cast<std::size_t>(ti)];
    Scratch& s = pool.local();
    if (t.piece) {
      // A piece belongs to a node with more than kAggTaskArcs arcs: always the dense path.
      double nw = 0.0, loop = 0.0;
      piece_len[static_cast<std::size_t>(ti)] = collect(t.a_lo, t.m_lo, t.m_hi, tot[t.a_lo], t.base, nw, loop, s);
      piece_nw[static_cast<std::size_t>(ti)] = nw;
      piece_loop[static_cast<std::size_t>(ti)] = loop;
      continue;
    }
    EdgeIndex pos = t.base;
    for (u32 A = t.a_lo; A < t.a_hi; ++A) {
      double nw = 0.0, loop = 0.0;
      const EdgeIndex len = collect(A, start[A], start[A + 1], tot[A], pos, nw, loop, s);
      out_lv.node_w[A] = nw;
      out_lv.loop[A] = loop;
      src[A] = pos;
      deg[A] = len;
      pos += len;
    }
  }
  // Nodes split into pieces: merge the partial lists in task order (first-touch order over the
  // whole member range, as one task would have produced) into the first piece's slots.
  std::vector<std::size_t> first_piece;
  for (std::size_t t = 0; t < tasks.size(); ++t)
    if (tasks[t].piece && (t == 0 || !tasks[t - 1].piece || tasks[t - 1].a_lo != tasks[t].a_lo)) first_piece.push_back(t);
  const auto ns = static_cast<std::int64_t>(first_piece.size());
#pragma omp parallel for schedule(dynamic, 1) if (ns > 1)
  for (std::int64_t si = 0; si < ns; ++si) {
    const std::size_t t0 = first_piece[static_cast<std::size_t>(si)];
    const u32 A = tasks[t0].a_lo;
    Scratch& s = pool.local();
    double nw = 0.0, loop = 0.0;
    for (std::size_t t = t0; t < tasks.size() && tasks[t].piece && tasks[t].a_lo == A; ++t) {
      nw += piece_nw[t];
      loop += piece_loop[t];
      for (EdgeIndex k = tasks[t].base; k < tasks[t].base + piece_len[t]; ++k) s.add(tadj[k], tw[k]);
    }
    EdgeIndex pos = tasks[t0].base;
    for (const u32 B : s.touched) {
      tadj[pos] = B;
      tw[pos++] = s.acc[B];
    }
    s.reset();
    out_lv.node_w[A] = nw;
    out_lv.loop[A] = loop;
    src[A] = tasks[t0].base;
    deg[A] = pos - tasks[t0].base;
  }
  const EdgeIndex m = exclusive_scan_inplace(deg);
  out.off = std::move(deg);
  grow(out.adj, m);
  grow(out.w, m);
#pragma omp parallel for schedule(dynamic, 1024) if (par)
  for (std::int64_t ai = 0; ai < static_cast<std::int64_t>(na); ++ai) {
    const auto A = static_cast<std::size_t>(ai);
    const EdgeIndex len = out.off[A + 1] - out.off[A];
    std::copy_n(tadj + src[A], len, out.adj.data() + out.off[A]);
    std::copy_n(tw + src[A], len, out.w.data() + out.off[A]);
  }
}

// ---- driver ---------------------------------------------------------------------------------

struct IterationResult {
  std::vector<u32> membership;  // per original vertex, labels < n
  double quality = 0;           // of `membership`, computed on the last level graph
  // Aggregation map of each level, finest first: maps[k][x] = aggregate node of level-k node x
  // (level 0 = the input vertices). The per-vertex levels are built from them only for the
  // iteration that is kept (level_partitions), not for every iteration.
  std::vector<std::vector<u32>> maps;
};

// The hierarchy of one iteration: level k labels each input vertex with its aggregate node after
// k + 1 aggregations (maps composed), canonical.
std::vector<Partition> level_partitions(const std::vector<std::vector<u32>>& maps, u32 n0) {
  std::vector<Partition> levels;
  levels.reserve(maps.size());
  std::vector<u32> node(n0);
  std::iota(node.begin(), node.end(), 0u);
  for (const auto& m : maps) {
    for (auto& x : node) x = m[x];
    levels.push_back(canonical(node));
  }
  return levels;
}

IterationResult run_iteration(const CsrGraph& g, const Level& base, const detail::MultilevelConfig& cfg,
                              double gamma_n, double two_m, std::vector<u32> comm, u64 ikey, ScratchPool& pool,
                              Workspace& ws, RunContext& ctx) {
  IterationResult res;
  const bool weighted = cfg.use_weights && g.weighted();
  const InputView input{g.offsets().data(), g.targets().data(), weighted ? g.weights().data() : nullptr};
  AggGraph* cur_g = &ws.graphs[0];
  AggGraph* next_g = &ws.graphs[1];
  Level cur_lv, next_lv;
  const Level* lv = &base;
  bool at_input = true;
  for (u64 level = 0;; ++level) {
    ctx.check_cancelled();
    const u64 lkey = mix64(ikey ^ mix64(level + 1));
    const AggView aview{cur_g->off.data(), cur_g->adj.data(), cur_g->w.data()};
    if (at_input) {
      local_move(input, *lv, gamma_n, comm, lkey, pool, ctx);
    } else {
      local_move(aview, *lv, gamma_n, comm, lkey, pool, ctx);
    }
    const u32 n = lv->n;
    std::vector<u32> compacted = comm;
    const u32 ncomm = compact(compacted, n);
    if (ncomm == n) break;  // every community is one node: done
    std::vector<u32> agg;
    if (cfg.refine) {
      agg = at_input ? refine(input, *lv, gamma_n, cfg.randomness, comm, mix64(lkey ^ 0xA5A5ULL), pool)
                     : refine(aview, *lv, gamma_n, cfg.randomness, comm, mix64(lkey ^ 0xA5A5ULL), pool);
    } else {
      agg = comm;
    }
    u32 na = compact(agg, n);
    if (na == n) {
      // Refinement merged nothing although local moving did: aggregate the communities split into
      // their connected components instead (keeps every aggregate node connected).
      std::vector<u32> lab(n);
      std::iota(lab.begin(), lab.end(), 0u);
      // union-find over arcs inside communities
      auto find = [&](u32 x) {
        while (lab[x] != x) {
          lab[x] = lab[lab[x]];
          x = lab[x];
        }
        return x;
      };
      for (u32 v = 0; v < n; ++v) {
        const EdgeIndex b = at_input ? input.off[v] : aview.off[v], e_end = at_input ? input.off[v + 1] : aview.off[v + 1];
        for (EdgeIndex e = b; e < e_end; ++e) {
          const u32 u = at_input ? input.adj[e] : aview.adj[e];
          if (u != v && comm[u] == comm[v]) {
            u32 a = find(u), c = find(v);
            if (a != c) lab[std::max(a, c)] = std::min(a, c);
          }
        }
      }
      for (u32 v = 0; v < n; ++v) agg[v] = find(v);
      na = compact(agg, n);
      if (na == n) {
        // No progress possible: finish with the communities split into components.
        comm = agg;
        break;
      }
    }
    // Initial membership of each aggregate node: its (non-refined) community.
    std::vector<u32> next_comm(na);
    for (u32 v = 0; v < n; ++v) next_comm[agg[v]] = compacted[v];
    if (at_input) {
      aggregate(input, *lv, agg, na, *next_g, next_lv, pool, ws);
    } else {
      aggregate(aview, *lv, agg, na, *next_g, next_lv, pool, ws);
    }
    res.maps.push_back(std::move(agg));
    std::swap(cur_g, next_g);
    std::swap(cur_lv, next_lv);
    lv = &cur_lv;
    at_input = false;
    comm = std::move(next_comm);
  }
  // Each input vertex's community: the last level's labels pulled down through the maps, coarsest
  // first (work: the sum of the level sizes, not n0 per level).
  res.membership = comm;
  for (auto m = res.maps.rbegin(); m != res.maps.rend(); ++m) {
    std::vector<u32> finer(m->size());
    for (std::size_t x = 0; x < finer.size(); ++x) finer[x] = res.membership[(*m)[x]];
    res.membership = std::move(finer);
  }
  // Quality on the last level graph (the same sums as on the input, grouped): cheap, used for the
  // stopping rule only; the reported quality is recomputed on the input graph.
  {
    const u32 n = lv->n;
    std::vector<double> N(n, 0.0);
    double internal = 0.0;
    const AggView aview{cur_g->off.data(), cur_g->adj.data(), cur_g->w.data()};
    for (u32 v = 0; v < n; ++v) {
      N[comm[v]] += lv->node_w[v];
      internal += lv->loop[v];
      const EdgeIndex b = at_input ? input.off[v] : aview.off[v], e_end = at_input ? input.off[v + 1] : aview.off[v + 1];
      for (EdgeIndex e = b; e < e_end; ++e) {
        const u32 u = at_input ? input.adj[e] : aview.adj[e];
        if (u != v && comm[u] == comm[v]) internal += at_input ? input.weight(e) : aview.weight(e);
      }
    }
    double penalty = 0.0;
    for (double x : N) penalty += x * x;
    res.quality = (internal - gamma_n * penalty) / two_m;
  }
  return res;
}

[[noreturn]] void bad(const char* name, const std::string& msg) { throw InvalidArgument(std::string(name) + ": " + msg); }

}  // namespace

void LeidenOptions::validate() const {
  if (!(resolution >= 0.0) || !std::isfinite(resolution))
    bad("leiden", "resolution must be a finite number >= 0, got " + std::to_string(resolution));
  if (!(randomness > 0.0) || !std::isfinite(randomness))
    bad("leiden", "randomness must be a finite number > 0, got " + std::to_string(randomness));
  if (!(tolerance >= 0.0) || !std::isfinite(tolerance))
    bad("leiden", "tolerance must be a finite number >= 0, got " + std::to_string(tolerance));
  if (max_iterations < 0) bad("leiden", "max_iterations must be >= 0 (0 = until stable), got " + std::to_string(max_iterations));
}

LeidenResult leiden(const CsrGraph& g, const LeidenOptions& opts, RunContext& ctx) {
  opts.validate();
  detail::MultilevelConfig cfg;
  cfg.objective = opts.objective;
  cfg.resolution = opts.resolution;
  cfg.randomness = opts.randomness;
  cfg.max_iterations = opts.max_iterations;
  cfg.tolerance = opts.tolerance;
  cfg.use_weights = opts.use_weights;
  cfg.refine = true;
  cfg.seed = opts.seed;
  cfg.initial = opts.initial_membership.empty() ? nullptr : &opts.initial_membership;
  cfg.name = "leiden";
  return detail::multilevel(g, cfg, ctx);
}

namespace detail {

LeidenResult multilevel(const CsrGraph& g, const MultilevelConfig& cfg, RunContext& ctx) {
  if (g.directed()) bad(cfg.name, "the graph must be undirected; symmetrize a directed layer first (engine/symmetrize.hpp)");
  const u32 n = g.num_vertices();
  if (cfg.initial && cfg.initial->size() != n)
    bad(cfg.name, "initial_membership has " + std::to_string(cfg.initial->size()) + " entries, the graph has " +
                      std::to_string(n) + " vertices");
  const bool weighted = cfg.use_weights && g.weighted();
  if (weighted)
    for (Weight w : g.weights())
      if (!std::isfinite(w) || w < 0.0F) bad(cfg.name, "edge weights must be finite and >= 0, found " + std::to_string(w));
  LeidenResult r;
  auto phase = ctx.phase(cfg.name);
  // Level 0: strengths and loops.
  Level base;
  base.n = n;
  base.node_w.assign(n, 0.0);
  base.loop.assign(n, 0.0);
  std::vector<double> strength(n, 0.0);
  const auto nn = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(dynamic, 2048) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<VertexId>(i);
    const auto nb = g.out_neighbors(v);
    const auto ws = g.out_weights(v);
    double k = 0.0, loop = 0.0;
    for (std::size_t j = 0; j < nb.size(); ++j) {
      const double w = weighted ? static_cast<double>(ws[j]) : 1.0;
      if (nb[j] == v) {
        loop += 2.0 * w;
        k += 2.0 * w;
      } else {
        k += w;
      }
    }
    strength[v] = k;
    base.loop[v] = loop;
  }
  const double two_m = deterministic_sum(nn, [&](std::int64_t i) { return strength[static_cast<std::size_t>(i)]; });
  std::vector<u32> start_comm(n);
  if (cfg.initial) {
    start_comm = canonical(*cfg.initial).membership;
  } else {
    std::iota(start_comm.begin(), start_comm.end(), 0u);
  }
  if (n == 0 || !(two_m > 0.0)) {
    r.partition = canonical(start_comm);
    r.quality = std::numeric_limits<double>::quiet_NaN();
    r.levels.push_back(r.partition);
    return r;
  }
  double gamma_n = 0.0;
  if (cfg.objective == Objective::kModularity) {
    base.node_w = strength;
    gamma_n = cfg.resolution / two_m;
  } else {
    base.node_w.assign(n, 1.0);
    gamma_n = cfg.resolution;
  }
  ScratchPool pool(n);
  Workspace ws;
  const int max_it = cfg.max_iterations == 0 ? kMaxLeidenIterations : cfg.max_iterations;
  std::vector<u32> best = start_comm;
  double best_q = -std::numeric_limits<double>::infinity();
  std::vector<std::vector<u32>> best_maps;  // aggregation maps of the kept iteration
  bool have_best = false;
  std::vector<u32> current = start_comm;
  for (int it = 0; it < max_it; ++it) {
    ctx.check_cancelled();
    const u64 ikey = mix64(cfg.seed ^ mix64(static_cast<u64>(it) * 0x9E3779B97F4A7C15ULL + 0x1234567ULL));
    IterationResult ir = run_iteration(g, base, cfg, gamma_n, two_m, current, ikey, pool, ws, ctx);
    r.iterations = it + 1;
    Partition p = canonical(std::move(ir.membership));
    const double q = ir.quality;
    r.iteration_quality.push_back(q);
    ctx.report(cfg.name, static_cast<double>(it + 1) / static_cast<double>(max_it));
    const bool improved = !have_best || q > best_q;
    const bool same = have_best && p.membership == best;
    const bool small_gain = have_best && !(q - best_q > cfg.tolerance * std::abs(best_q));
    if (improved) {
      best_maps = std::move(ir.maps);
      best = p.membership;
      best_q = q;
      have_best = true;
    }
    if (!cfg.refine) break;  // Louvain: one pass of the multi-level scheme
    if (cfg.max_iterations == 0 && (!improved || same || small_gain)) break;
    current = best;
  }
  r.levels = level_partitions(best_maps, n);
  r.partition = canonical(std::move(best));
  r.quality = quality(g, r.partition.membership, cfg.objective, cfg.resolution, cfg.use_weights);
  if (r.levels.empty() || r.levels.back().membership != r.partition.membership) r.levels.push_back(r.partition);
  return r;
}

}  // namespace detail

}  // namespace peerscout::community
