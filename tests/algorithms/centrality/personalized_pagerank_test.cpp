#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>

#include "algorithms/centrality/personalized_pagerank.hpp"
#include "datasets/embedded/karate.hpp"
#include "engine/error.hpp"
#include "engine/random.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle.hpp"
#include "tests/support/igraph_oracle_spectral.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using centrality::personalized_pagerank;
using centrality::personalized_pagerank_push;
using centrality::PushOptions;

namespace {

constexpr double kOracleTol = 1e-9;
// The exact reference for the push bounds: L1 error below 0.85/0.15 * 1e-14.
const centrality::PageRankOptions kExact{.tolerance = 1e-14};

// A fixed random subset of about `percent`% of the vertices (at least one), sorted.
std::vector<VertexId> random_seeds(VertexId n, std::uint64_t seed, std::uint64_t percent = 5) {
  std::vector<VertexId> s;
  for (VertexId v = 0; v < n; ++v)
    if (Rng::for_item(seed, Stream::kDemo, v).below(100) < percent) s.push_back(v);
  if (s.empty() && n > 0) s.push_back(n / 2);
  return s;
}

double l1(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += std::abs(a[i] - b[i]);
  return s;
}

double sum(const std::vector<double>& x) { return std::accumulate(x.begin(), x.end(), 0.0); }

// Out-weight of v as the push uses it (undirected loops twice), unweighted.
double out_degree_loops_twice(const CsrGraph& g, VertexId v) {
  double d = 0;
  for (VertexId u : g.out_neighbors(v)) d += (!g.directed() && u == v) ? 2 : 1;
  return d;
}

// Checks every documented guarantee of a push result against the exact vector.
void check_push(const CsrGraph& g, const std::vector<VertexId>& seeds, const PushOptions& o,
                const centrality::PushResult& r, const std::vector<double>& exact) {
  CAPTURE(o.epsilon, r.residual_l1, r.error_bound, r.pushes, r.arcs_scanned);
  REQUIRE(r.score.size() == exact.size());
  // L1 error within the bound; the estimate is a lower bound (up to the exact solver's 6e-14).
  CHECK(l1(r.score, exact) <= r.error_bound + 1e-12);
  double below = 0;
  for (std::size_t v = 0; v < exact.size(); ++v) below = std::max(below, r.score[v] - exact[v]);
  CHECK(below <= 1e-12);
  // The numerical slack is tiny, and it covers the mass lost to rounding.
  const double slack = r.error_bound - r.residual_l1;
  CHECK(slack < 1e-10);
  CHECK(std::abs(sum(r.score) + r.residual_l1 - 1.0) <= slack + 1e-12);
  // Work bound (unweighted): sum over pushes of max(d(u), 1) <= 1 / ((1 - damping) epsilon).
  if (!(o.use_weights && g.weighted()))
    CHECK(static_cast<double>(r.arcs_scanned) <= 1.0 / ((1.0 - o.damping) * o.epsilon) + static_cast<double>(seeds.size()));
  // Reversible walk (undirected, no isolated vertex): pi(v) - p(v) <= epsilon d(v).
  if (!g.directed() && !(o.use_weights && g.weighted())) {
    bool isolated = false;
    for (VertexId v = 0; v < g.num_vertices(); ++v) isolated = isolated || g.out_degree(v) == 0;
    if (!isolated) {
      double worst = 0;
      for (VertexId v = 0; v < g.num_vertices(); ++v)
        worst = std::max(worst, (exact[v] - r.score[v]) - o.epsilon * out_degree_loops_twice(g, v));
      CHECK(worst <= 1e-12);
    }
  }
}

}  // namespace

TEST_CASE("personalized_pagerank: solved by hand", "[ppr]") {
  // 0 -> 1 -> 2, seed {0}; 2 is dangling and jumps back to the seed:
  //   x0 = (1-d) + d x2, x1 = d x0, x2 = d x1  =>  x0 = 1 / (1 + d + d^2).
  const double d = 0.85;
  const auto g = test::directed(3, {{0, 1}, {1, 2}});
  const double x0 = 1.0 / (1.0 + d + d * d);
  const std::vector<double> expected{x0, d * x0, d * d * x0};
  const auto r = personalized_pagerank(g, {0}, {.tolerance = 1e-15});
  CHECK(r.converged);
  CHECK(test::max_abs_diff(r.score, expected) < 1e-14);
  CHECK(test::max_abs_diff(r.score, test::igraph_ppr_vs(g, {0}, d, false)) < 1e-13);
  // Duplicate seeds count once.
  CHECK(personalized_pagerank(g, {2, 0, 2}).score == personalized_pagerank(g, {0, 2}).score);
  // The push on the same graph: after enough rounds within epsilon.
  const auto p = personalized_pagerank_push(g, {0}, {.epsilon = 1e-12});
  CHECK(test::max_abs_diff(p.score, expected) <= p.error_bound);
  CHECK(p.error_bound < 1e-10);
}

TEST_CASE("personalized_pagerank: bad input", "[ppr][push]") {
  const auto g = test::directed(3, {{0, 1}, {1, 2}});
  CHECK_THROWS_AS(personalized_pagerank(g, {}), InvalidArgument);
  CHECK_THROWS_AS(personalized_pagerank(g, {3}), InvalidArgument);
  CHECK_THROWS_AS(personalized_pagerank(g, {0}, {.personalization = {1, 1, 1}}), InvalidArgument);
  CHECK_THROWS_AS(personalized_pagerank(g, {0}, {.damping = 1.0}), InvalidArgument);
  CHECK_THROWS_AS(personalized_pagerank_push(g, {}), InvalidArgument);
  CHECK_THROWS_AS(personalized_pagerank_push(g, {7}), InvalidArgument);
  CHECK_THROWS_AS(personalized_pagerank_push(g, {0}, {.damping = -0.1}), InvalidArgument);
  CHECK_THROWS_AS(personalized_pagerank_push(g, {0}, {.epsilon = 0.0}), InvalidArgument);
  CHECK_THROWS_AS(personalized_pagerank_push(g, {0}, {.epsilon = 1e-16}), InvalidArgument);
  const auto neg = test::weighted(true, 2, {{0, 1, -1.0F}});
  CHECK_THROWS_AS(personalized_pagerank_push(neg, {0}), InvalidArgument);
  CHECK_NOTHROW(personalized_pagerank_push(neg, {0}, {.use_weights = false}));
  std::atomic<bool> flag{true};
  RunContext ctx;
  ctx.set_cancel_flag(&flag);
  CHECK_THROWS_AS(personalized_pagerank_push(g, {0}, {}, ctx), Cancelled);
  CHECK_THROWS_AS(personalized_pagerank(g, {0}, {}, ctx), Cancelled);
}

TEST_CASE("personalized_pagerank_push: small cases", "[push]") {
  // A single isolated seed keeps all the mass: the push hands the damping share back to it.
  const auto one = personalized_pagerank_push(test::directed(1, {}), {0}, {.epsilon = 1e-10});
  CHECK(one.score[0] == Approx(1.0).margin(1e-9));
  CHECK(one.score[0] <= 1.0 + 1e-15);
  // damping 0: one push, the score is the teleport vector.
  const auto g = test::undirected(4, {{0, 1}, {1, 2}, {2, 3}});
  const auto z = personalized_pagerank_push(g, {0, 3}, {.damping = 0.0});
  CHECK(test::max_abs_diff(z.score, {0.5, 0.0, 0.0, 0.5}) < 1e-15);
  CHECK(z.pushes == 2);
  CHECK(z.residual_l1 == 0.0);
  // epsilon = 1: nothing is above the threshold (residual 1/2 <= 1 * degree): no push at all.
  const auto e = personalized_pagerank_push(g, {0, 3}, {.epsilon = 1.0});
  CHECK(e.pushes == 0);
  CHECK(e.residual_l1 == Approx(1.0).margin(1e-15));
  CHECK(sum(e.score) == 0.0);
}

TEST_CASE("personalized_pagerank agrees with igraph on karate", "[ppr][oracle]") {
  for (bool directed : {false, true})
    for (bool weighted : {false, true})
      for (double damping : {0.5, 0.85, 0.99}) {
        CAPTURE(directed, weighted, damping);
        const auto g = datasets::karate(directed, weighted);
        const auto seeds = random_seeds(g.num_vertices(), 3, 15);
        const auto r = personalized_pagerank(g, seeds, {.damping = damping});
        CHECK(r.converged);
        CHECK(test::max_abs_diff(r.score, test::igraph_ppr_vs(g, seeds, damping, weighted)) <= kOracleTol);
        // The push converges to the same vector, within its bound.
        const PushOptions o{.damping = damping, .epsilon = 1e-9};
        const auto p = personalized_pagerank_push(g, seeds, o);
        const auto exact = personalized_pagerank(g, seeds, {.damping = damping, .tolerance = 1e-14}).score;
        check_push(g, seeds, o, p, exact);
      }
}

TEST_CASE("personalized PageRank on the shared datasets: exact vs igraph, push within its bound",
          "[ppr][push][oracle][shared-data]") {
  int checked = 0;
  const bool found = test::for_each_shared_graph(true, [&](const test::SharedGraph& s) {
    CAPTURE(s.label());
    const CsrGraph& g = s.graph;
    bool weights_ok = g.weighted();
    for (Weight w : g.weights()) weights_ok = weights_ok && w >= 0.0F;
    const bool use_weights = weights_ok;
    const auto seeds = random_seeds(g.num_vertices(), 17, 2);
    const auto r = personalized_pagerank(g, seeds, {.use_weights = use_weights});
    CHECK(r.converged);
    CHECK(test::max_abs_diff(r.score, test::igraph_ppr_vs(g, seeds, 0.85, use_weights)) <= kOracleTol);
    const auto exact = personalized_pagerank(g, seeds, {.tolerance = 1e-14, .use_weights = use_weights}).score;
    std::uint64_t previous_work = 0;
    for (double eps : {1e-4, 1e-6, 1e-7}) {
      const PushOptions o{.epsilon = eps, .use_weights = use_weights};
      const auto p = personalized_pagerank_push(g, seeds, o);
      check_push(g, seeds, o, p, exact);
      CHECK(p.arcs_scanned >= previous_work);  // smaller epsilon, more work
      previous_work = p.arcs_scanned;
    }
    ++checked;
  });
  if (!found) {
    WARN("skipped: ../shared/datasets not found");
    return;
  }
  CHECK(checked >= static_cast<int>(test::shared_datasets().size()));
}

TEST_CASE("personalized_pagerank_push: cost grows as 1/epsilon, error shrinks", "[push]") {
  const auto g = test::skewed_random_graph(14, 8, 31, {.directed = false});
  const auto seeds = random_seeds(g.num_vertices(), 5, 1);
  const auto exact = personalized_pagerank(g, seeds, kExact).score;
  double previous_err = 1.0;
  std::uint64_t previous_work = 0;
  for (double eps : {1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8}) {
    CAPTURE(eps);
    const PushOptions o{.epsilon = eps};
    const auto p = personalized_pagerank_push(g, seeds, o);
    check_push(g, seeds, o, p, exact);
    const double err = l1(p.score, exact);
    CHECK(err <= previous_err);
    CHECK(p.arcs_scanned > previous_work);
    // The measured work stays within the 1/((1-d) eps) bound and grows with 1/eps.
    CHECK(static_cast<double>(p.arcs_scanned) * eps <= 1.0 / 0.15);
    previous_err = err;
    previous_work = p.arcs_scanned;
  }
}

TEST_CASE("personalized PageRank is bit-identical for 1 and 2 threads", "[ppr][push][threads]") {
  for (bool directed : {true, false}) {
    CAPTURE(directed);
    BuildOptions opts{.directed = directed, .self_loops = SelfLoops::kKeep};
    const auto base = test::skewed_random_graph(15, 8, 21, opts);
    EdgeList el;
    for (VertexId u = 0; u < base.num_vertices(); ++u)
      for (VertexId v : base.out_neighbors(u))
        if (directed || u <= v) el.add(u, v, 1.0F / static_cast<float>(1 + (u * 7 + v) % 13));
    const auto g = build_csr(std::move(el), base.num_vertices(), opts).graph;
    const auto seeds = random_seeds(g.num_vertices(), 8, 1);
    for (bool weighted : {false, true}) {
      CAPTURE(weighted);
      const auto e1 = test::with_threads(1, [&] { return personalized_pagerank(g, seeds, {.use_weights = weighted}); });
      const auto e2 = test::with_threads(2, [&] { return personalized_pagerank(g, seeds, {.use_weights = weighted}); });
      CHECK(e1.score == e2.score);
      CHECK(e1.iterations == e2.iterations);
      const PushOptions o{.epsilon = 1e-7, .use_weights = weighted};
      const auto p1 = test::with_threads(1, [&] { return personalized_pagerank_push(g, seeds, o); });
      const auto p2 = test::with_threads(2, [&] { return personalized_pagerank_push(g, seeds, o); });
      CHECK(p1.score == p2.score);
      CHECK(p1.residual_l1 == p2.residual_l1);
      CHECK(p1.pushes == p2.pushes);
      CHECK(p1.arcs_scanned == p2.arcs_scanned);
      CHECK(p1.rounds == p2.rounds);
      CHECK(p1.pushes > 1000);  // enough rounds and pushes to expose any order dependence
    }
  }
}
