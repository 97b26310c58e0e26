#include "algorithms/community/label_propagation.hpp"

#include <omp.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <numeric>
#include <string>
#include <utility>

#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "engine/random.hpp"

namespace peerscout::community {

namespace {

using u32 = std::uint32_t;
using u64 = std::uint64_t;
using u8 = std::uint8_t;

constexpr u32 kSerialMax = 4096;       // graphs up to this many vertices: serial sweep in hash order
constexpr u32 kBatches = 32;           // batches per round on larger graphs
constexpr u8 kIdle = 0xFF;             // batch_of[v]: v is not examined in this round
constexpr u32 kNone = 0xFFFFFFFFu;     // no label (self-loop slot, empty hash slot); labels are < n
constexpr EdgeIndex kSmallDegree = 24;  // up to this degree: linear scan of a local table
constexpr EdgeIndex kHashDegree = 4096;  // up to this degree: open-addressing table (else dense array)
constexpr std::size_t kHashCap = std::bit_ceil(static_cast<std::size_t>(2 * kHashDegree));
constexpr u64 kParallelMarks = u64{1} << 16;  // fewer marks in a round: next round's scan on one thread
constexpr EdgeIndex kParallelArcs = EdgeIndex{1} << 20;  // rounds with fewer active arcs: one thread

/// A software prefetch the compiler keeps: GCC 12 drops __builtin_prefetch from some loops.
inline void prefetch(const void* p) {
#if defined(__x86_64__) || defined(__i386__)
  asm volatile("prefetcht0 (%0)" : : "r"(p));
#else
  __builtin_prefetch(p);
#endif
}

inline u8 batch_index(u64 rkey, u32 v, u32 batches) {
  return static_cast<u8>((static_cast<Uint128>(mix64(rkey ^ v)) * batches) >> 64);
}

/// Per-thread scratch space of evaluate(), on its own cache lines (no false sharing of the
/// counters and vector ends the owning thread writes).
template <class Count>
struct alignas(64) Scratch {
  std::vector<u32> nl;                  // labels of the neighbours (kNone for self-loops)
  std::vector<u32> keys;                // open-addressing table (kNone = empty)
  std::vector<Count> vals;
  std::vector<u32> slots;               // occupied slots / touched labels
  std::vector<Count> acc;               // dense counters (only for degrees above kHashDegree)
  std::vector<u32> changed, new_label;  // this round's changes by this thread
  u64 scanned = 0;
  u64 marks = 0;                        // marks made (>= vertices made active)
  std::array<u32, kBatches> count{};    // active vertices per batch in this thread's id block
  char pad[64] = {};                    // keeps the next thread's fields off this one's last line
};

template <bool kWeighted>
class Lpa {
 public:
  using Count = std::conditional_t<kWeighted, double, u32>;

  Lpa(const CsrGraph& g, const LabelPropagationOptions& opts)
      : n_(g.num_vertices()), off_(g.offsets().data()), adj_(g.targets().data()),
        wts_(kWeighted ? g.weights().data() : nullptr), tie_seed_(mix64(opts.seed ^ 0x1AB5EEDULL)), opts_(opts) {
    for (u32 v = 0; v < n_; ++v) max_degree_ = std::max(max_degree_, off_[v + 1] - off_[v]);
    label_.resize(n_);
    std::iota(label_.begin(), label_.end(), 0u);
  }

  u64 round_key(int round) const { return mix64(opts_.seed ^ mix64(static_cast<u64>(round) + 0xB47C4ULL)); }

  void prepare(std::size_t threads) {
    scratch_.resize(threads);
    for (auto& s : scratch_) {
      s.nl.resize(max_degree_);
      if (max_degree_ > kSmallDegree) {
        s.keys.assign(kHashCap, kNone);
        s.vals.assign(kHashCap, Count{0});
        s.slots.reserve(std::min<EdgeIndex>(max_degree_, n_));
      }
      if (max_degree_ > kHashDegree) s.acc.assign(n_, Count{0});
    }
  }

  /// The new label of v from the current labels (rules in the header). With kMark and a change,
  /// also marks the neighbours to examine in the next round (see mark_rule).
  template <bool kMark>
  u32 evaluate(u32 v, Scratch<Count>& s, u64 rkey, u8 bv) {
    const u32 cur = label_[v];
    const u64 vkey = mix64(rkey ^ mix64(static_cast<u64>(v) + tie_seed_));
    const EdgeIndex begin = off_[v], end = off_[v + 1];
    const auto d = static_cast<std::size_t>(end - begin);
    const u32* nbr = adj_ + begin;
    u32* nl = s.nl.data();
    // Gather first: independent loads, many cache misses in flight.
    for (std::size_t i = 0; i < d; ++i) {
      const u32 u = nbr[i];
      nl[i] = u == v ? kNone : label_[u];
    }
    const auto weight = [&](std::size_t i) -> Count {
      if constexpr (kWeighted) {
        return static_cast<double>(wts_[begin + i]);
      } else {
        (void)i;
        return 1;
      }
    };
    Best best(cur, vkey);
    if (d <= kSmallDegree) {
      // Low degree (most vertices of a social graph): a tiny local table.
      u32 labs[kSmallDegree];
      Count ws[kSmallDegree];
      std::size_t k = 0;
      for (std::size_t i = 0; i < d; ++i) {
        const u32 l = nl[i];
        if (l == kNone) continue;
        const Count w = weight(i);
        std::size_t j = 0;
        while (j < k && labs[j] != l) ++j;
        if (j == k) {
          labs[k] = l;
          ws[k++] = w;
        } else {
          ws[j] += w;
        }
      }
      for (std::size_t j = 0; j < k; ++j)
        if (labs[j] == cur) best.set_current_weight(ws[j]);
      for (std::size_t j = 0; j < k; ++j) best.offer(labs[j], ws[j]);
    } else if (d <= kHashDegree) {
      const unsigned bits = static_cast<unsigned>(std::bit_width(2 * d - 1));  // capacity 2^bits >= 2d
      const u32 mask = (u32{1} << bits) - 1;
      u32* keys = s.keys.data();
      Count* vals = s.vals.data();
      auto& slots = s.slots;
      for (std::size_t i = 0; i < d; ++i) {
        const u32 l = nl[i];
        if (l == kNone) continue;
        u32 h = static_cast<u32>((static_cast<u64>(l) * 0x9E3779B97F4A7C15ULL) >> (64 - bits)) & mask;
        while (keys[h] != l && keys[h] != kNone) h = (h + 1) & mask;
        if (keys[h] == kNone) {
          keys[h] = l;
          vals[h] = weight(i);
          slots.push_back(h);
        } else {
          vals[h] += weight(i);
        }
      }
      for (u32 h : slots)
        if (keys[h] == cur) best.set_current_weight(vals[h]);
      for (u32 h : slots) {
        best.offer(keys[h], vals[h]);
        keys[h] = kNone;
      }
      slots.clear();
    } else {
      Count* acc = s.acc.data();
      auto& touched = s.slots;
      for (std::size_t i = 0; i < d; ++i) {
        const u32 l = nl[i];
        if (l == kNone) continue;
        if (acc[l] == Count{0}) touched.push_back(l);
        acc[l] += weight(i);
      }
      best.set_current_weight(acc[cur]);
      for (u32 l : touched) {
        best.offer(l, acc[l]);
        acc[l] = Count{0};
      }
      // Zero-weight arcs leave acc at 0 and may list a label twice: harmless (reset above).
      touched.clear();
    }
    const u32 l = best.result();
    if constexpr (kMark) {
      if (l != cur) {
        u64 marks = 0;
        for (std::size_t i = 0; i < d; ++i) {
          const u32 u = nbr[i];
          if (u != v && mark_rule(all_active_ ? batch_index(rkey, u, kBatches) : batch_of_[u], bv, nl[i], l)) {
            std::atomic_ref<u8>(active_[u]).store(1, std::memory_order_relaxed);
            ++marks;
          }
        }
        s.marks += marks;
      }
    }
    return l;
  }

  /// Software pipeline over the vertices of a batch (scattered ids): offsets 16 vertices ahead,
  /// adjacency 8 ahead, the first neighbours' labels 4 ahead.
  void prefetch_ahead(const u32* list, std::size_t i, std::size_t hi) const {
    if (i + 16 < hi) prefetch(off_ + list[i + 16]);
    if (i + 8 < hi) prefetch(adj_ + off_[list[i + 8]]);
    if (i + 4 < hi) {
      const u32 w = list[i + 4];
      const EdgeIndex b = off_[w], e = std::min(off_[w + 1], b + 8);
      for (EdgeIndex k = b; k < e; ++k) prefetch(label_.data() + adj_[k]);
    }
  }

  /// Whether a neighbour u of a vertex v examined in batch bv that changes to label l must be
  /// examined in the next round; lu is u's label when v was examined. u is sure to keep its label
  /// (so examining it again would change nothing) when it is examined in a later batch than v (it
  /// sees v's new label; a later change of another neighbour marks it through that neighbour) or
  /// when its label is final and equals l (v's change only adds weight to u's label). u's label is
  /// final when u is not examined in this round or was examined in an earlier batch; in v's batch
  /// it may still change, so u is marked.
  static bool mark_rule(u8 bu, u8 bv, u32 lu, u32 l) {
    if (bu == kIdle) return lu != l;
    if (bu > bv) return false;
    return bu == bv || lu != l;
  }

  LabelPropagationResult run(RunContext& ctx) {
    return n_ <= kSerialMax ? run_serial(ctx) : run_batched(ctx);
  }

 private:
  /// The choice among the counted labels: the current label while it is among the heaviest, else
  /// the heaviest label with the smallest hash(seed, round, v, label).
  struct Best {
    u32 cur, best;
    u64 vkey, best_h = 0;
    Count best_w{0};
    bool keep = true;  // the current label is (so far) among the heaviest
    Best(u32 c, u64 k) : cur(c), best(c), vkey(k) {}
    void set_current_weight(Count w) { best_w = w; }  // before any offer()
    void offer(u32 l, Count w) {
      if (l == cur) return;
      if (w > best_w) {
        best_w = w;
        best = l;
        best_h = mix64(vkey ^ l);
        keep = false;
      } else if (w == best_w && !keep) {
        const u64 h = mix64(vkey ^ l);
        if (h < best_h || (h == best_h && l < best)) {
          best = l;
          best_h = h;
        }
      }
    }
    u32 result() const { return (keep || !(best_w > Count{0})) ? cur : best; }
  };

  LabelPropagationResult run_serial(RunContext& ctx);
  LabelPropagationResult run_batched(RunContext& ctx);
  void mark_after_round(const std::vector<u32>& changed);

  u32 n_;
  const EdgeIndex* off_;
  const VertexId* adj_;
  const Weight* wts_;
  u64 tie_seed_;
  const LabelPropagationOptions& opts_;
  EdgeIndex max_degree_ = 0;
  std::vector<u32> label_;
  std::vector<u8> active_, batch_of_;
  bool all_active_ = false;  // every vertex is examined in this round, in one of kBatches batches
  std::vector<Scratch<Count>> scratch_;
};

template <bool kWeighted>
LabelPropagationResult Lpa<kWeighted>::run_serial(RunContext& ctx) {
  // Small graphs: one plain asynchronous sweep per round in hash order (no parallel region).
  LabelPropagationResult r;
  prepare(1);
  active_.assign(n_, 1);
  std::vector<std::pair<u64, u32>> keyed;
  for (int round = 0; round < opts_.max_iterations; ++round) {
    ctx.check_cancelled();
    const u64 rkey = round_key(round);
    keyed.clear();
    for (u32 v = 0; v < n_; ++v)
      if (active_[v]) {
        keyed.emplace_back(mix64(rkey ^ v), v);
        active_[v] = 0;
      }
    if (keyed.empty()) {
      r.converged = true;
      break;
    }
    r.iterations = round + 1;
    std::sort(keyed.begin(), keyed.end());
    std::size_t changes = 0;
    for (const auto& kv : keyed) {
      const u32 v = kv.second;
      const u32 l = evaluate<false>(v, scratch_[0], rkey, 0);
      r.arcs_scanned += off_[v + 1] - off_[v];
      if (l != label_[v]) {
        label_[v] = l;
        ++changes;
        for (EdgeIndex e = off_[v]; e < off_[v + 1]; ++e)
          if (label_[adj_[e]] != l) active_[adj_[e]] = 1;
      }
    }
    ctx.report("label_propagation", static_cast<double>(round + 1) / static_cast<double>(opts_.max_iterations));
    if (changes == 0) {
      r.converged = true;
      break;
    }
    if (static_cast<double>(changes) < opts_.tolerance * static_cast<double>(n_)) break;
  }
  if (!r.converged) r.converged = std::none_of(active_.begin(), active_.end(), [](u8 a) { return a != 0; });
  r.partition = canonical(std::move(label_));
  return r;
}

template <bool kWeighted>
void Lpa<kWeighted>::mark_after_round(const std::vector<u32>& changed) {
  // The MPI path: the same marks as evaluate<true> makes, from the labels at the end of the round
  // (for a neighbour u outside v's batch or in an earlier one, its label when v was examined).
  const auto k = static_cast<std::int64_t>(changed.size());
#pragma omp parallel for schedule(dynamic, 64) if (k > 1024)
  for (std::int64_t i = 0; i < k; ++i) {
    const u32 v = changed[static_cast<std::size_t>(i)];
    const u32 l = label_[v];
    const u8 bv = batch_of_[v];
    for (EdgeIndex e = off_[v]; e < off_[v + 1]; ++e) {
      const u32 u = adj_[e];
      if (u != v && mark_rule(batch_of_[u], bv, label_[u], l))
        std::atomic_ref<u8>(active_[u]).store(1, std::memory_order_relaxed);
    }
  }
}

template <bool kWeighted>
LabelPropagationResult Lpa<kWeighted>::run_batched(RunContext& ctx) {
  LabelPropagationResult r;
  const int T = std::max(1, max_threads());
  prepare(static_cast<std::size_t>(T));
  // active_: to be examined in the coming round; batch_of_: the batch examining the vertex in the
  // current round (kIdle: not examined).
  active_.assign(n_, 1);
  batch_of_.assign(n_, kIdle);
  std::vector<u32> batched, bucket_start(kBatches + 1), proposal, changed_all;
  const mpi::Comm& comm = ctx.comm();
  const bool distributed = comm.distributed();

  for (int round = 0; round < opts_.max_iterations; ++round) {
    ctx.check_cancelled();
    const u64 rkey = round_key(round);
    u32 B = kBatches;
    std::size_t total = 0;
    for (auto& s : scratch_) {
      s.changed.clear();
      s.new_label.clear();
      s.scanned = 0;
    }
    // One thread when few vertices were marked in the previous round: the O(n) scan is then
    // cheaper than waking and synchronising threads.
    u64 marks = 0;
    for (auto& s : scratch_) marks += std::exchange(s.marks, 0);
#pragma omp parallel num_threads(T) if (round == 0 || distributed || marks >= kParallelMarks)
    {
      const int t = omp_get_thread_num(), nt = omp_get_num_threads();
      auto& me = scratch_[static_cast<std::size_t>(t)];
      const auto block = [&](int q) { return static_cast<u32>(static_cast<u64>(n_) * static_cast<u64>(q) / static_cast<u64>(nt)); };
      const u32 vlo = block(t), vhi = block(t + 1);
      // 1. The active vertices grouped by batch (hash(seed, round, v)), ascending ids within a
      // batch: a counting sort over id blocks, whose result does not depend on the thread count.
      me.count.fill(0);
      for (u32 v = vlo; v < vhi; ++v) {
        u8 b = kIdle;
        if (active_[v]) {
          active_[v] = 0;
          b = batch_index(rkey, v, kBatches);
          ++me.count[b];
        }
        batch_of_[v] = b;
      }
#pragma omp barrier
#pragma omp single
      {
        for (int q = 0; q < nt; ++q)
          for (u32 b = 0; b < kBatches; ++b) total += scratch_[static_cast<std::size_t>(q)].count[b];
        if (total > 0 && total < kBatches) {
          // Fewer active vertices than batches: min(32, active) batches, as documented.
          B = static_cast<u32>(total);
          for (int q = 0; q < nt; ++q) scratch_[static_cast<std::size_t>(q)].count.fill(0);
          int q = 0;
          for (u32 v = 0; v < n_; ++v) {
            while (v >= block(q + 1)) ++q;
            if (batch_of_[v] != kIdle) {
              batch_of_[v] = batch_index(rkey, v, B);
              ++scratch_[static_cast<std::size_t>(q)].count[batch_of_[v]];
            }
          }
        }
        // Exclusive offsets, batch-major and id block-minor.
        std::size_t run = 0;
        for (u32 b = 0; b < B; ++b) {
          bucket_start[b] = static_cast<u32>(run);
          for (int q = 0; q < nt; ++q) {
            auto& c = scratch_[static_cast<std::size_t>(q)].count[b];
            const u32 k = c;
            c = static_cast<u32>(run);
            run += k;
          }
        }
        bucket_start[B] = static_cast<u32>(run);
        batched.resize(total);
        all_active_ = total == n_ && B == kBatches;  // batch_of_ is then a hash: no memory access
      }
      if (total > 0) {
        EdgeIndex arcs = 0;
        for (u32 v = vlo; v < vhi; ++v)
          if (batch_of_[v] != kIdle) {
            batched[me.count[batch_of_[v]]++] = v;
            arcs += off_[v + 1] - off_[v];
          }
        me.scanned = arcs;
      }
    }
    if (total == 0) {
      r.converged = true;
      break;
    }
    r.iterations = round + 1;
    EdgeIndex active_arcs = 0;
    for (auto& s : scratch_) active_arcs += std::exchange(s.scanned, 0);
    r.arcs_scanned += active_arcs;
    // 2. The batches: a batch's labels are computed from the labels left by the previous batches,
    // then written. Marks for the next round are made during the evaluation. A round with little
    // work runs on one thread: two barriers per batch would cost more than the work.
    if (!distributed) {
#pragma omp parallel num_threads(T) if (active_arcs >= kParallelArcs)
      {
        auto& me = scratch_[static_cast<std::size_t>(omp_get_thread_num())];
        for (u32 b = 0; b < B; ++b) {
          const std::size_t first = me.changed.size();
          const auto lo = static_cast<std::int64_t>(bucket_start[b]), hi = static_cast<std::int64_t>(bucket_start[b + 1]);
#pragma omp for schedule(dynamic, 64) nowait
          for (std::int64_t i = lo; i < hi; ++i) {
            prefetch_ahead(batched.data(), static_cast<std::size_t>(i), static_cast<std::size_t>(hi));
            const u32 v = batched[static_cast<std::size_t>(i)];
            const u32 l = evaluate<true>(v, me, rkey, static_cast<u8>(b));
            if (l != label_[v]) {
              me.changed.push_back(v);
              me.new_label.push_back(l);
            }
          }
#pragma omp barrier
          for (std::size_t k = first; k < me.changed.size(); ++k) label_[me.changed[k]] = me.new_label[k];
#pragma omp barrier
        }
      }
    } else {
      // MPI: each rank evaluates its share of the batch (all from the same labels), then every
      // rank gathers all proposals and applies them as a single process does; the marks are made
      // after the round from the same rule.
      proposal.resize(total);
      changed_all.clear();
      for (u32 b = 0; b < B; ++b) {
        const u64 lo = bucket_start[b], hi = bucket_start[b + 1];
        const auto [plo, phi] = comm.share(lo, hi - lo);
#pragma omp parallel for schedule(dynamic, 64) num_threads(T) if (active_arcs >= kParallelArcs)
        for (auto i = static_cast<std::int64_t>(plo); i < static_cast<std::int64_t>(phi); ++i) {
          const auto ii = static_cast<std::size_t>(i);
          proposal[ii] = evaluate<false>(batched[ii], scratch_[static_cast<std::size_t>(omp_get_thread_num())], rkey, 0);
        }
        const auto counts = comm.share_counts(hi - lo);
        comm.allgatherv_inplace(std::span<u32>(proposal).subspan(lo, hi - lo), std::span<const u64>(counts));
        for (u64 i = lo; i < hi; ++i) {
          const u32 v = batched[i];
          if (proposal[i] != label_[v]) {
            label_[v] = proposal[i];
            changed_all.push_back(v);
          }
        }
      }
    }
    std::size_t changes = changed_all.size();
    if (!distributed) {
      changes = 0;
      for (auto& s : scratch_) changes += s.changed.size();
    }
    ctx.report("label_propagation", static_cast<double>(round + 1) / static_cast<double>(opts_.max_iterations));
    if (changes == 0) {
      r.converged = true;
      break;
    }
    if (distributed) mark_after_round(changed_all);
    if (static_cast<double>(changes) < opts_.tolerance * static_cast<double>(n_)) break;  // not converged
  }
  if (!r.converged) r.converged = std::none_of(active_.begin(), active_.end(), [](u8 a) { return a != 0; });
  r.partition = canonical(std::move(label_));
  return r;
}

}  // namespace

void LabelPropagationOptions::validate() const {
  if (max_iterations < 1)
    throw InvalidArgument("label_propagation: max_iterations must be >= 1, got " + std::to_string(max_iterations));
  if (!(tolerance >= 0.0 && tolerance < 1.0))
    throw InvalidArgument("label_propagation: tolerance must be in [0, 1), got " + std::to_string(tolerance));
}

LabelPropagationResult label_propagation(const CsrGraph& g, const LabelPropagationOptions& opts, RunContext& ctx) {
  opts.validate();
  if (g.directed())
    throw InvalidArgument("label_propagation: the graph must be undirected; symmetrize a directed layer first "
                          "(engine/symmetrize.hpp)");
  const bool weighted = opts.use_weights && g.weighted();
  if (weighted)
    for (Weight w : g.weights())
      if (!std::isfinite(w) || w < 0.0F)
        throw InvalidArgument("label_propagation: edge weights must be finite and >= 0, found " + std::to_string(w));
  auto phase = ctx.phase("label_propagation");
  if (weighted) return Lpa<true>(g, opts).run(ctx);
  return Lpa<false>(g, opts).run(ctx);
}

}  // namespace peerscout::community
