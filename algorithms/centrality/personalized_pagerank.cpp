#include "algorithms/centrality/personalized_pagerank.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <string>

#include "algorithms/centrality/detail/pull.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout::centrality {

namespace {

// Residuals are fixed-point integers in units of 2^-62: total mass 1 = 2^62 units, far below the
// 2^64 limit, and integer additions commute, so atomic adds from any thread in any order give the
// same bits.
constexpr double kUnit = 0x1p62;
constexpr double kInvUnit = 0x1p-62;
constexpr std::uint64_t kUnitInt = std::uint64_t{1} << 62;
constexpr double kEps53 = 0x1p-53;

std::vector<VertexId> distinct_seeds(const std::vector<VertexId>& seeds, VertexId n, const char* who) {
  if (seeds.empty()) throw InvalidArgument(std::string(who) + ": the seed list is empty");
  for (VertexId s : seeds)
    if (s >= n)
      throw InvalidArgument(std::string(who) + ": seed " + std::to_string(s) + " is not a vertex (the graph has " +
                            std::to_string(n) + " vertices)");
  std::vector<VertexId> s = seeds;
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
  return s;
}


}  // namespace

PageRankResult personalized_pagerank(const CsrGraph& g, const std::vector<VertexId>& seeds, const PageRankOptions& opts,
                                     RunContext& ctx) {
  if (!opts.personalization.empty())
    throw InvalidArgument("personalized_pagerank: opts.personalization must be empty (the seeds define the teleport vector)");
  const auto s = distinct_seeds(seeds, g.num_vertices(), "personalized_pagerank");
  PageRankOptions o = opts;
  o.personalization.assign(g.num_vertices(), 0.0);
  for (VertexId v : s) o.personalization[v] = 1.0;
  return pagerank(g, o, ctx);
}

void PushOptions::validate() const {
  auto bad = [](const std::string& m) { throw InvalidArgument("personalized_pagerank_push: " + m); };
  if (!(damping >= 0.0 && damping < 1.0)) bad("damping must be in [0, 1), got " + std::to_string(damping));
  if (!(epsilon >= 1e-15 && epsilon <= 1.0)) bad("epsilon must be in [1e-15, 1], got " + std::to_string(epsilon));
}

PushResult personalized_pagerank_push(const CsrGraph& g, const std::vector<VertexId>& seeds_in, const PushOptions& opts,
                                      RunContext& ctx) {
  opts.validate();
  const VertexId n = g.num_vertices();
  const auto seeds = distinct_seeds(seeds_in, n, "personalized_pagerank_push");
  const bool weighted = opts.use_weights && g.weighted();
  if (weighted) detail::check_weights(g, "personalized_pagerank_push");
  const auto nn = static_cast<std::int64_t>(n);
  const bool loop_twice = !g.directed() && g.num_self_loops() > 0;
  const double d = opts.damping;

  // Out-weight W(u) (undirected loops twice, as pagerank) and the push threshold in units.
  std::vector<double> out_weight(n), threshold(n);
#pragma omp parallel for schedule(dynamic, 2048) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<VertexId>(i);
    const auto nb = g.out_neighbors(v);
    const auto ws = g.out_weights(v);
    double w = 0.0;
    for (std::size_t k = 0; k < nb.size(); ++k) {
      const double x = weighted ? static_cast<double>(ws[k]) : 1.0;
      w += (loop_twice && nb[k] == v) ? 2.0 * x : x;
    }
    out_weight[v] = w;
    threshold[v] = opts.epsilon * (w > 0.0 ? w : 1.0) * kUnit;
  }

  PushResult res;
  res.score.assign(n, 0.0);
  std::vector<std::uint64_t> r(n, 0);
  const auto k = static_cast<std::uint64_t>(seeds.size());
  const std::uint64_t share0 = kUnitInt / k;
  const std::uint64_t initial_loss = kUnitInt - share0 * k;  // < k units never enter the residual
  for (VertexId s : seeds) r[s] = share0;
  std::uint64_t pool = 0;  // dangling mass waiting to be handed to the seeds (units)

  std::vector<VertexId> frontier;
  for (VertexId s : seeds)
    if (static_cast<double>(r[s]) > threshold[s]) frontier.push_back(s);
  // Contributions of a round go to `incoming` and are merged into r after the round, so a
  // frontier vertex can read and clear its own residual while others push to it.
  std::vector<std::uint64_t> incoming(n, 0);
  std::vector<std::uint32_t> stamp(n, 0);
  ThreadBuffers touched, next;
  std::uint64_t pushes = 0, arcs = 0;
  std::uint32_t round = 0;
  double* const p = res.score.data();
  std::uint64_t* const rr = r.data();
  std::uint64_t* const in = incoming.data();
  const EdgeIndex m = g.num_arcs();

  while (!frontier.empty()) {
    ctx.check_cancelled();
    ++round;
    const auto nf = static_cast<std::int64_t>(frontier.size());
    EdgeIndex work = 0;
    for (std::int64_t i = 0; i < nf && work <= m / 16; ++i) work += g.out_degree(frontier[static_cast<std::size_t>(i)]);
    // Dense rounds merge and filter by scanning every vertex; sparse ones only the touched ones.
    const bool dense = work > m / 16 || static_cast<std::uint64_t>(nf) > n / 16;
    const bool par = static_cast<std::int64_t>(work) + nf > detail::kParallelWork;
    const std::uint32_t rnd = round;
    std::uint64_t pooled = 0;
    touched.clear();
    next.clear();
    // One parallel region per round: push, then (after a barrier) hand the pooled dangling mass
    // to the seeds, then (after a barrier) merge incoming into r and collect the next frontier.
#pragma omp parallel if (par)
    {
      auto& mine = touched.local();
      const bool atomic = omp_get_num_threads() > 1;
      auto touch = [&](VertexId v) {
        if (dense) return;
        std::atomic_ref<std::uint32_t> st(stamp[v]);
        std::uint32_t old = st.load(std::memory_order_relaxed);
        if (old != rnd && st.compare_exchange_strong(old, rnd, std::memory_order_relaxed)) mine.push_back(v);
      };
      std::uint64_t my_pushes = 0, my_arcs = 0, my_pooled = 0;
#pragma omp for schedule(dynamic, 16)
      for (std::int64_t i = 0; i < nf; ++i) {
        const VertexId u = frontier[static_cast<std::size_t>(i)];
        const std::uint64_t R = rr[u];
        rr[u] = 0;
        p[u] += (1.0 - d) * (static_cast<double>(R) * kInvUnit);
        ++my_pushes;
        const double mass = d * static_cast<double>(R);
        const double W = out_weight[u];
        if (!(W > 0.0)) {
          my_pooled += static_cast<std::uint64_t>(mass);
          continue;
        }
        const double scale = mass / W;
        const auto nb = g.out_neighbors(u);
        const auto ws = g.out_weights(u);
        my_arcs += nb.size();
        for (std::size_t a = 0; a < nb.size(); ++a) {
          const VertexId v = nb[a];
          double c = weighted ? scale * static_cast<double>(ws[a]) : scale;
          if (loop_twice && v == u) c += c;
          const auto add = static_cast<std::uint64_t>(c);
          if (add == 0) continue;
          if (atomic) {
            std::atomic_ref<std::uint64_t>(in[v]).fetch_add(add, std::memory_order_relaxed);
          } else {
            in[v] += add;
          }
          touch(v);
        }
      }
#pragma omp atomic
      pushes += my_pushes;
#pragma omp atomic
      arcs += my_arcs;
#pragma omp atomic
      pooled += my_pooled;
#pragma omp barrier
#pragma omp single
      {
        // Pooled dangling mass goes to the seeds in equal integer shares; the remainder stays pooled.
        pool += pooled;
        if (pool >= k) {
          const std::uint64_t share = pool / k;
          for (VertexId s : seeds) {
            in[s] += share;
            touch(s);
          }
          pool -= share * k;
        }
      }
      // 3. Merge incoming into r and collect the next frontier (a set: its order does not matter).
      auto& out = next.local();
      auto settle = [&](VertexId v) {
        rr[v] += in[v];
        in[v] = 0;
        if (static_cast<double>(rr[v]) > threshold[v]) out.push_back(v);
      };
      if (dense) {
#pragma omp for schedule(static)
        for (std::int64_t i = 0; i < nn; ++i) settle(static_cast<VertexId>(i));
      } else {
        for (VertexId v : mine) settle(v);  // every touched vertex is in exactly one list
      }
    }
    next.gather(frontier);
  }

  std::uint64_t left = pool;
#pragma omp parallel for schedule(static) reduction(+ : left) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) left += rr[static_cast<std::size_t>(i)];
  res.residual_l1 = static_cast<double>(left) * kInvUnit;
  res.pushes = pushes;
  res.arcs_scanned = arcs;
  res.rounds = static_cast<int>(round);
  // Numerical slack (docs/algorithms/personalized_pagerank.md): rounding down of the initial
  // shares and of every contribution (< 1 unit each), the relative 3 * 2^-53 error of each
  // contribution over at most 1/(1-d) of pushed mass, and the rounding of the estimate's sums.
  const double truncation = (static_cast<double>(initial_loss) + static_cast<double>(arcs) + static_cast<double>(pushes)) * kInvUnit;
  const double slack = truncation + 4.0 * kEps53 / (1.0 - d) + 2.0 * kEps53 * (1.0 + static_cast<double>(round)) +
                       kEps53 * res.residual_l1;
  res.error_bound = res.residual_l1 + slack;
  ctx.report("personalized_pagerank_push", 1.0);
  return res;
}

}  // namespace peerscout::centrality
