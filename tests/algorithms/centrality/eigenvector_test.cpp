#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>

#include "algorithms/centrality/eigenvector.hpp"
#include "datasets/embedded/karate.hpp"
#include "engine/error.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle_spectral.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using centrality::eigenvector;

namespace {

constexpr double kOracleTol = 1e-6;
const BuildOptions kKeepLoops{.self_loops = SelfLoops::kKeep};

}  // namespace

TEST_CASE("eigenvector: solved by hand", "[eigenvector]") {
  // Star K_{1,3} (bipartite: +-sqrt(3) are both eigenvalues; the shift avoids oscillation).
  const auto star = test::undirected(4, {{0, 1}, {0, 2}, {0, 3}});
  auto r = eigenvector(star);
  CHECK(r.converged);
  CHECK(test::max_abs_diff(r.score, {1.0, 1.0 / std::sqrt(3.0), 1.0 / std::sqrt(3.0), 1.0 / std::sqrt(3.0)}) < 1e-11);
  CHECK(r.eigenvalue == Approx(std::sqrt(3.0)).epsilon(1e-10));
  // Directed 3-cycle (periodic): uniform. 3 is followed by 0; 4 follows 0 but nobody follows 4.
  const auto c = test::directed(5, {{0, 1}, {1, 2}, {2, 0}, {0, 3}, {4, 0}});
  r = eigenvector(c);
  CHECK(r.converged);
  CHECK(test::max_abs_diff(r.score, {1.0, 1.0, 1.0, 1.0, 0.0}) < 1e-11);
  CHECK(r.eigenvalue == Approx(1.0).epsilon(1e-10));
  // Undirected self-loop counts twice: A = [[2, 1], [1, 0]], lambda = 1 + sqrt(2), x1 = x0 / lambda.
  const auto loop = test::undirected(2, {{0, 0}, {0, 1}}, kKeepLoops);
  r = eigenvector(loop);
  const double lambda = 1.0 + std::sqrt(2.0);
  CHECK(r.eigenvalue == Approx(lambda).epsilon(1e-10));
  CHECK(test::max_abs_diff(r.score, {1.0, 1.0 / lambda}) < 1e-11);
  CHECK(test::max_abs_diff(r.score, test::igraph_eigenvector(loop, false).vector) < 1e-9);
  // Weighted path 0 -(2)- 1 -(1)- 2: A = [[0,2,0],[2,0,1],[0,1,0]], lambda = sqrt(5),
  // x = (2, sqrt(5), 1) / sqrt(5).
  const auto w = test::weighted(false, 3, {{0, 1, 2.0F}, {1, 2, 1.0F}});
  r = eigenvector(w);
  CHECK(r.eigenvalue == Approx(std::sqrt(5.0)).epsilon(1e-10));
  CHECK(test::max_abs_diff(r.score, {2.0 / std::sqrt(5.0), 1.0, 1.0 / std::sqrt(5.0)}) < 1e-11);
  // Scale-free in the weights: all weights x 1000 give the same scores.
  const auto w1000 = test::weighted(false, 3, {{0, 1, 2000.0F}, {1, 2, 1000.0F}});
  CHECK(test::max_abs_diff(eigenvector(w1000).score, r.score) < 1e-11);
}

TEST_CASE("eigenvector: degenerate cases as igraph", "[eigenvector]") {
  // Edgeless: all 1, eigenvalue 0.
  auto r = eigenvector(test::undirected(3, {}));
  CHECK(r.score == std::vector<double>(3, 1.0));
  CHECK(r.eigenvalue == 0.0);
  CHECK(r.converged);
  // DAG: all 0 (igraph 0.10.2), also for the directed karate (edges point to larger ids).
  r = eigenvector(test::directed(3, {{0, 1}, {1, 2}, {0, 2}}));
  CHECK(r.score == std::vector<double>(3, 0.0));
  const auto dag = datasets::karate(true);
  CHECK(eigenvector(dag).score == test::igraph_eigenvector(dag, false).vector);
  // Only zero weights: like edgeless. A cycle of zero weights is no cycle.
  CHECK(eigenvector(test::weighted(true, 2, {{0, 1, 0.0F}, {1, 0, 0.0F}})).score == std::vector<double>(2, 1.0));
  CHECK(eigenvector(test::weighted(true, 3, {{0, 1, 1.0F}, {1, 0, 0.0F}, {1, 2, 1.0F}})).score ==
        std::vector<double>(3, 0.0));
  CHECK(eigenvector(test::undirected(0, {})).score.empty());
  // Bad input.
  CHECK_THROWS_AS(eigenvector(dag, {.tolerance = 0.0}), InvalidArgument);
  CHECK_THROWS_AS(eigenvector(dag, {.max_iterations = 0}), InvalidArgument);
  CHECK_THROWS_AS(eigenvector(test::weighted(false, 2, {{0, 1, -1.0F}})), InvalidArgument);
  EdgeList el;
  el.add(0, 1);
  CHECK_THROWS_AS(eigenvector(build_csr(std::move(el), 2, {.build_in_edges = false}).graph), InvalidArgument);
  std::atomic<bool> flag{true};
  RunContext ctx;
  ctx.set_cancel_flag(&flag);
  CHECK_THROWS_AS(eigenvector(datasets::karate(), {}, ctx), Cancelled);
  // Iteration cap.
  const auto capped = eigenvector(datasets::karate(), {.max_iterations = 2});
  CHECK_FALSE(capped.converged);
  CHECK(capped.iterations == 2);
}

TEST_CASE("eigenvector agrees with igraph on karate and skewed graphs", "[eigenvector][oracle]") {
  for (bool weighted : {false, true}) {
    CAPTURE(weighted);
    const auto g = datasets::karate(false, weighted);
    const auto r = eigenvector(g);
    const auto ref = test::igraph_eigenvector(g, weighted);
    CHECK(r.converged);
    CHECK(test::max_abs_diff(r.score, ref.vector) <= kOracleTol);
    CHECK(r.eigenvalue == Approx(ref.value).epsilon(1e-9));
  }
  // Skewed graphs with loops and multi-edges, directed (has cycles) and undirected.
  for (bool directed : {false, true}) {
    CAPTURE(directed);
    const auto g = test::skewed_random_graph(
        10, 8, 7, {.directed = directed, .duplicates = Duplicates::kKeepAll, .self_loops = SelfLoops::kKeep});
    REQUIRE(g.num_self_loops() > 0);
    const auto r = eigenvector(g);
    const auto ref = test::igraph_eigenvector(g, false);
    CHECK(r.converged);
    CHECK(test::max_abs_diff(r.score, ref.vector) <= kOracleTol);
    CHECK(r.eigenvalue == Approx(ref.value).epsilon(1e-9));
  }
}

TEST_CASE("eigenvector agrees with igraph on the shared datasets", "[eigenvector][oracle][shared-data]") {
  int checked = 0;
  const bool found = test::for_each_shared_graph(true, [&](const test::SharedGraph& s) {
    CAPTURE(s.label());
    const CsrGraph& g = s.graph;
    bool weights_ok = g.weighted();
    for (Weight w : g.weights()) weights_ok = weights_ok && w >= 0.0F;
    for (bool use_weights : {false, true}) {
      if (use_weights && !weights_ok) continue;
      CAPTURE(use_weights);
      // Directed graphs use power iteration, whose rate is (lambda_2 + s) / (lambda + s): hartford-drug
      // (lambda 2.331 vs 2.265) needs about 1400 sweeps for the default tolerance.
      const auto r = eigenvector(g, {.max_iterations = 5000, .use_weights = use_weights});
      const auto ref = test::igraph_eigenvector(g, use_weights);
      CAPTURE(r.iterations, r.residual, r.eigenvalue, ref.value);
      CHECK(r.converged);
      CHECK(test::max_abs_diff(r.score, ref.vector) <= kOracleTol);
      CHECK(r.eigenvalue == Approx(ref.value).epsilon(1e-8));
    }
    ++checked;
  });
  if (!found) {
    WARN("skipped: ../shared/datasets not found");
    return;
  }
  CHECK(checked >= static_cast<int>(test::shared_datasets().size()));
}

TEST_CASE("eigenvector is bit-identical for 1 and 2 threads", "[eigenvector][threads]") {
  for (bool directed : {true, false}) {
    CAPTURE(directed);
    const auto g = test::skewed_random_graph(15, 8, 25, {.directed = directed, .self_loops = SelfLoops::kKeep});
    const auto one = test::with_threads(1, [&] { return eigenvector(g); });
    const auto two = test::with_threads(2, [&] { return eigenvector(g); });
    CHECK(one.iterations == two.iterations);
    CHECK(one.eigenvalue == two.eigenvalue);
    CHECK(one.score == two.score);
  }
}
