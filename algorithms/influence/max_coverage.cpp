#include "algorithms/influence/max_coverage.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout::influence {

namespace {

using SetId = std::uint32_t;
using Count = std::uint32_t;

// vertex -> ids of the RR sets containing it.
struct InvertedIndex {
  std::vector<EdgeIndex> offsets;
  std::vector<SetId> sets;
  std::span<const SetId> of(VertexId v) const noexcept {
    return {sets.data() + offsets[v], sets.data() + offsets[v + 1]};
  }
  std::size_t bytes() const noexcept { return offsets.capacity() * sizeof(EdgeIndex) + sets.capacity() * sizeof(SetId); }
};

InvertedIndex build_index(const RRSets& rr, VertexId n) {
  InvertedIndex idx;
  const auto ns = static_cast<std::int64_t>(rr.size());
  std::vector<EdgeIndex> cnt(static_cast<std::size_t>(n) + 1, 0);
  const bool par = rr.members.size() > static_cast<std::size_t>(kParallelMin) * 16;
#pragma omp parallel for schedule(dynamic, 1024) if (par)
  for (std::int64_t s = 0; s < ns; ++s)
    for (VertexId v : rr[static_cast<std::uint64_t>(s)])
      std::atomic_ref<EdgeIndex>(cnt[v]).fetch_add(1, std::memory_order_relaxed);
  exclusive_scan_inplace(cnt);  // cnt[n] = 0 before, so cnt[n] = total after
  idx.offsets = cnt;
  idx.sets.resize(rr.members.size());
#pragma omp parallel for schedule(dynamic, 1024) if (par)
  for (std::int64_t s = 0; s < ns; ++s)
    for (VertexId v : rr[static_cast<std::uint64_t>(s)]) {
      const EdgeIndex pos = std::atomic_ref<EdgeIndex>(cnt[v]).fetch_add(1, std::memory_order_relaxed);
      idx.sets[pos] = static_cast<SetId>(s);
    }
  return idx;
}

// Max-heap entry: larger key first, then smaller id.
template <class Key>
struct Entry {
  Key key;
  VertexId v;
};
template <class Key>
struct Less {
  bool operator()(const Entry<Key>& a, const Entry<Key>& b) const noexcept {
    return a.key != b.key ? a.key < b.key : a.v > b.v;
  }
};

template <class Key>
class LazyHeap {
 public:
  void push(Key key, VertexId v) {
    h_.push_back({key, v});
    std::push_heap(h_.begin(), h_.end(), Less<Key>{});
  }
  Entry<Key> pop() {
    std::pop_heap(h_.begin(), h_.end(), Less<Key>{});
    const auto e = h_.back();
    h_.pop_back();
    return e;
  }
  bool empty() const noexcept { return h_.empty(); }
  const Entry<Key>& top() const noexcept { return h_.front(); }
  void assign(std::vector<Entry<Key>> entries) {
    h_ = std::move(entries);
    std::make_heap(h_.begin(), h_.end(), Less<Key>{});
  }

 private:
  std::vector<Entry<Key>> h_;
};

// The shared state of one greedy run: current marginal counts and covered flags.
// Distributed (comm size > 1): `rr` holds this rank's share of the sets and `count` its local
// counts, summed over the ranks when needed (pop_best). Every decision of the greedy depends only
// on such global counts, so all ranks take the same picks in the same order (and issue the same
// collectives), and the picks equal the single-process ones.
struct CoverState {
  const RRSets* rr;
  const InvertedIndex* idx;
  const mpi::Comm* comm;
  std::vector<Count> count;
  std::vector<std::uint8_t> covered;
  // Distributed only: fresh[v] == stamp when v's heap key was computed from its global count
  // fresh_count[v] since the last take (stamp advances with every take).
  std::vector<std::uint32_t> fresh;
  std::vector<Count> fresh_count;
  std::uint32_t stamp = 1;

  CoverState(const RRSets& r, const InvertedIndex& i, VertexId n, const mpi::Comm& c)
      : rr(&r), idx(&i), comm(&c), count(n), covered(r.size(), 0) {
    for (VertexId v = 0; v < n; ++v) count[v] = static_cast<Count>(i.offsets[v + 1] - i.offsets[v]);
    if (c.distributed()) {
      fresh.assign(n, 0);
      fresh_count.assign(n, 0);
    }
  }
  // Current marginal coverage of every vertex (all ranks).
  std::vector<Count> all_current() const {
    std::vector<Count> c = count;
    comm->allreduce_sum(std::span<Count>(c));
    return c;
  }
  // Marks v's sets covered and decrements the counts of their members; returns the local gain.
  std::uint64_t take(VertexId v) {
    const std::uint64_t gain = count[v];
    for (SetId s : idx->of(v)) {
      if (covered[s]) continue;
      covered[s] = 1;
      for (VertexId u : (*rr)[s]) --count[u];
    }
    PS_ASSERT(count[v] == 0, "a chosen vertex keeps a positive marginal coverage");
    ++stamp;
    return gain;
  }
};

constexpr std::size_t kRefreshBatch = 64;  // stale heap entries refreshed per allreduce

// Lazy greedy step: pops the vertex with the largest current key (ties: smaller id) and its current
// count, discarding entries with drop(v) or a zero count and re-inserting stale entries with their
// current key (keys never increase, so a stale key is an upper bound). Each vertex has one entry.
// Serial: the classic CELF loop. Distributed: stale entries at the top are refreshed in batches
// (one allreduce of up to kRefreshBatch counts); once the top entry is fresh for this step it is
// the maximum, exactly as in the serial loop.
template <class Key, class KeyOf, class Drop>
bool pop_best(LazyHeap<Key>& heap, CoverState& st, KeyOf key_of, Drop drop, Entry<Key>& best, Count& best_count) {
  if (!st.comm->distributed()) {
    while (!heap.empty()) {
      const auto e = heap.pop();
      if (drop(e.v)) continue;
      const Count c = st.count[e.v];
      if (c == 0) continue;
      const Key k = key_of(e.v, c);
      if (k != e.key) {
        heap.push(k, e.v);
        continue;
      }
      best = e;
      best_count = c;
      return true;
    }
    return false;
  }
  std::vector<VertexId> batch;
  std::vector<Count> counts;
  while (!heap.empty()) {
    if (st.fresh[heap.top().v] == st.stamp) {
      best = heap.pop();
      best_count = st.fresh_count[best.v];
      return true;
    }
    batch.clear();
    while (!heap.empty() && batch.size() < kRefreshBatch && st.fresh[heap.top().v] != st.stamp) {
      const auto e = heap.pop();
      if (!drop(e.v)) batch.push_back(e.v);
    }
    counts.resize(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) counts[i] = st.count[batch[i]];
    st.comm->allreduce_sum(std::span<Count>(counts));
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const VertexId v = batch[i];
      if (counts[i] == 0) continue;
      st.fresh[v] = st.stamp;
      st.fresh_count[v] = counts[i];
      heap.push(key_of(v, counts[i]), v);
    }
  }
  return false;
}

constexpr auto kCountKey = [](VertexId, Count c) { return c; };
constexpr auto kNoDrop = [](VertexId) { return false; };

// Sum of the k largest current counts among the heap's vertices (refreshing stale entries).
std::uint64_t top_k_sum(LazyHeap<Count>& heap, CoverState& st, std::size_t k) {
  std::vector<Entry<Count>> valid;
  std::uint64_t sum = 0;
  Entry<Count> top{};
  Count c = 0;
  while (valid.size() < k && pop_best(heap, st, kCountKey, kNoDrop, top, c)) {
    valid.push_back(top);
    sum += c;
  }
  for (const auto& e : valid) heap.push(e.key, e.v);
  return sum;
}

constexpr double kOneMinusInvE = 1.0 - 0.36787944117144233;

CoverageResult greedy_cardinality(const RRSets& rr, const InvertedIndex& idx, VertexId n, const CoverageOptions& o,
                                  const mpi::Comm& comm, RunContext& ctx) {
  CoverageResult r;
  r.rule = "greedy";
  CoverState st(rr, idx, n, comm);
  const auto eligible = [&](VertexId v) { return o.eligible.empty() || o.eligible[v] != 0; };
  std::vector<Entry<Count>> init;
  {
    const std::vector<Count> start = comm.distributed() ? st.all_current() : std::vector<Count>();
    const std::vector<Count>& c0 = comm.distributed() ? start : st.count;
    for (VertexId v = 0; v < n; ++v)
      if (c0[v] > 0 && eligible(v)) init.push_back({c0[v], v});
  }
  LazyHeap<Count> heap;
  heap.assign(std::move(init));
  std::vector<std::uint8_t> chosen(n, 0);
  double bound = std::numeric_limits<double>::infinity();
  for (std::size_t step = 0; step < o.k; ++step) {
    if (o.upper_bound)
      bound = std::min(bound, static_cast<double>(r.covered + top_k_sum(heap, st, o.k)));
    VertexId pick = kNoVertex;
    Count pick_gain = 0;
    Entry<Count> best{};
    if (pop_best(heap, st, kCountKey, kNoDrop, best, pick_gain)) pick = best.v;
    if (pick == kNoVertex) {
      // Nothing left to cover: pad with the smallest-id eligible vertices not chosen yet.
      for (VertexId v = 0; v < n && r.seeds.size() < o.k; ++v)
        if (eligible(v) && !chosen[v]) {
          chosen[v] = 1;
          r.seeds.push_back(v);
          r.gains.push_back(0);
        }
      break;
    }
    chosen[pick] = 1;
    st.take(pick);
    const std::uint64_t gain = pick_gain;  // over all ranks (= the local gain in one process)
    r.seeds.push_back(pick);
    r.gains.push_back(gain);
    r.covered += gain;
    if ((step & 63) == 63) ctx.check_cancelled();
  }
  if (o.upper_bound) {
    bound = std::min(bound, static_cast<double>(r.covered + top_k_sum(heap, st, o.k)));
    bound = std::min(bound, static_cast<double>(r.covered) / kOneMinusInvE);
    r.upper_bound = std::max(bound, static_cast<double>(r.covered));
  }
  r.index_bytes = idx.bytes() + st.covered.capacity() + st.count.capacity() * sizeof(Count);
  return r;
}

// One budgeted greedy run: key = count (unit-cost) or count / cost (cost-benefit).
CoverageResult greedy_budget(const RRSets& rr, const InvertedIndex& idx, VertexId n, const CoverageOptions& o,
                             bool cost_benefit, const std::vector<Count>& start, const mpi::Comm& comm) {
  CoverageResult r;
  r.rule = cost_benefit ? "cost-benefit" : "unit-cost";
  CoverState st(rr, idx, n, comm);
  const auto key = [&](VertexId v, Count c) {
    return cost_benefit ? static_cast<double>(c) / o.cost[v] : static_cast<double>(c);
  };
  std::vector<Entry<double>> init;
  for (VertexId v = 0; v < n; ++v)
    if (start[v] > 0 && (o.eligible.empty() || o.eligible[v] != 0) && o.cost[v] <= o.budget)
      init.push_back({key(v, start[v]), v});
  LazyHeap<double> heap;
  heap.assign(std::move(init));
  double remaining = o.budget;
  Entry<double> e{};
  Count c = 0;
  // Unaffordable entries are dropped: the remaining budget only shrinks.
  while (pop_best(heap, st, key, [&](VertexId v) { return o.cost[v] > remaining; }, e, c)) {
    st.take(e.v);
    const std::uint64_t gain = c;
    r.seeds.push_back(e.v);
    r.gains.push_back(gain);
    r.covered += gain;
    remaining -= o.cost[e.v];
  }
  r.index_bytes = idx.bytes() + st.covered.capacity() + st.count.capacity() * sizeof(Count);
  return r;
}

// Fractional knapsack over singleton coverages (`start`): an upper bound on any budget-feasible
// coverage.
double knapsack_bound(const std::vector<Count>& start, VertexId n, const CoverageOptions& o) {
  std::vector<std::pair<double, VertexId>> items;
  for (VertexId v = 0; v < n; ++v) {
    const auto c = start[v];
    if (c > 0 && (o.eligible.empty() || o.eligible[v] != 0) && o.cost[v] <= o.budget)
      items.push_back({static_cast<double>(c) / o.cost[v], v});
  }
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  double left = o.budget, value = 0.0;
  for (const auto& [ratio, v] : items) {
    const double c = o.cost[v];
    if (c <= left) {
      value += ratio * c;
      left -= c;
    } else {
      value += ratio * left;
      break;
    }
  }
  return value;
}

}  // namespace

double log_num_seed_sets(std::uint64_t candidates, std::uint64_t k) {
  if (k >= candidates) return 0.0;
  const auto c = static_cast<double>(candidates);
  const auto kk = static_cast<double>(k);
  return std::lgamma(c + 1.0) - std::lgamma(kk + 1.0) - std::lgamma(c - kk + 1.0);
}

double log_num_budget_sets(std::uint64_t candidates, std::uint64_t kmax) {
  kmax = std::min(kmax, candidates);
  // log-sum-exp of ln C(candidates, j), j = 0..kmax.
  double mx = -std::numeric_limits<double>::infinity();
  std::vector<double> terms(static_cast<std::size_t>(kmax) + 1);
  for (std::uint64_t j = 0; j <= kmax; ++j) {
    terms[j] = log_num_seed_sets(candidates, j);
    if (j == candidates) terms[j] = 0.0;
    mx = std::max(mx, terms[j]);
  }
  double s = 0.0;
  for (double t : terms) s += std::exp(t - mx);
  return mx + std::log(s);
}

CoverageResult max_coverage(const RRSets& rr, VertexId n, const CoverageOptions& o, RunContext& ctx) {
  return max_coverage(rr, n, o, mpi::Comm::serial(), ctx);
}

CoverageResult max_coverage(const RRSets& rr, VertexId n, const CoverageOptions& o, const mpi::Comm& comm,
                            RunContext& ctx) {
  if (comm.sum(rr.size()) >= std::numeric_limits<SetId>::max())
    throw InvalidArgument("influence: more than 4,294,967,294 RR sets are needed; raise epsilon");
  if (!o.eligible.empty() && o.eligible.size() != n)
    throw InvalidArgument("max_coverage: the eligible mask must have one entry per vertex");
  const bool budget_mode = o.budget > 0.0;
  if (budget_mode && o.cost.size() != n) throw InvalidArgument("max_coverage: budget mode needs one cost per vertex");
  const InvertedIndex idx = build_index(rr, n);
  ctx.check_cancelled();
  if (!budget_mode) return greedy_cardinality(rr, idx, n, o, comm, ctx);
  std::vector<Count> start(n);
  for (VertexId v = 0; v < n; ++v) start[v] = static_cast<Count>(idx.offsets[v + 1] - idx.offsets[v]);
  comm.allreduce_sum(std::span<Count>(start));
  CoverageResult uc = greedy_budget(rr, idx, n, o, false, start, comm);
  ctx.check_cancelled();
  CoverageResult cb = greedy_budget(rr, idx, n, o, true, start, comm);
  CoverageResult& best = cb.covered >= uc.covered ? cb : uc;
  if (o.upper_bound) {
    const double gamma = kOneMinusInvE / 2.0;
    best.upper_bound = std::max(static_cast<double>(best.covered),
                                std::min(static_cast<double>(best.covered) / gamma, knapsack_bound(start, n, o)));
  }
  return std::move(best);
}

std::vector<std::uint64_t> prefix_gains(const RRSets& rr, const std::vector<VertexId>& seeds, VertexId n) {
  return prefix_gains(rr, seeds, n, mpi::Comm::serial());
}

std::vector<std::uint64_t> prefix_gains(const RRSets& rr, const std::vector<VertexId>& seeds, VertexId n,
                                        const mpi::Comm& comm) {
  const std::size_t k = seeds.size();
  std::vector<std::uint32_t> pos(n, std::numeric_limits<std::uint32_t>::max());
  for (std::size_t i = 0; i < k; ++i)
    if (pos[seeds[i]] == std::numeric_limits<std::uint32_t>::max()) pos[seeds[i]] = static_cast<std::uint32_t>(i);
  std::vector<std::uint64_t> gains(k, 0);
  const auto ns = static_cast<std::int64_t>(rr.size());
#pragma omp parallel if (ns > kParallelMin)
  {
    std::vector<std::uint64_t> local(k, 0);
#pragma omp for schedule(static)
    for (std::int64_t s = 0; s < ns; ++s) {
      std::uint32_t first = std::numeric_limits<std::uint32_t>::max();
      for (VertexId v : rr[static_cast<std::uint64_t>(s)]) first = std::min(first, pos[v]);
      if (first != std::numeric_limits<std::uint32_t>::max()) ++local[first];
    }
#pragma omp critical(peerscout_prefix_gains)
    for (std::size_t i = 0; i < k; ++i) gains[i] += local[i];  // integers: order does not matter
  }
  comm.allreduce_sum(std::span<std::uint64_t>(gains));
  return gains;
}

}  // namespace peerscout::influence
