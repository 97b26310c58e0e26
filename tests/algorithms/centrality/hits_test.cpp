#include <catch2/catch.hpp>

#include <cmath>

#include "algorithms/centrality/hits.hpp"
#include "datasets/embedded/karate.hpp"
#include "engine/error.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle_spectral.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using centrality::hits;

namespace {

constexpr double kOracleTol = 1e-6;

// The directed graph with the same adjacency matrix as undirected g under our convention: every
// edge as two arcs, every self-loop as two parallel loop arcs (A[v][v] = 2w). igraph 0.10.2's HITS
// puts a directed loop once on the diagonal, so this is how its result is compared on graphs with
// undirected loops.
CsrGraph directed_equivalent(const CsrGraph& g) {
  EdgeList el;
  for (VertexId u = 0; u < g.num_vertices(); ++u) {
    const auto nb = g.out_neighbors(u);
    const auto ws = g.out_weights(u);
    for (std::size_t k = 0; k < nb.size(); ++k) {
      const int copies = nb[k] == u ? 2 : 1;
      for (int c = 0; c < copies; ++c) {
        if (g.weighted()) {
          el.add(u, nb[k], ws[k]);
        } else {
          el.add(u, nb[k]);
        }
      }
    }
  }
  return build_csr(std::move(el), g.num_vertices(),
                   {.directed = true, .duplicates = Duplicates::kKeepAll, .self_loops = SelfLoops::kKeep})
      .graph;
}

void check_against_igraph(const CsrGraph& g, bool weights) {
  const auto r = hits(g, {.use_weights = weights});
  const auto ref = test::igraph_hits(g.directed() || g.num_self_loops() == 0 ? g : directed_equivalent(g), weights);
  CAPTURE(r.iterations, r.residual, r.eigenvalue, ref.value);
  CHECK(r.converged);
  CHECK(test::max_abs_diff(r.hub, ref.hub) <= kOracleTol);
  CHECK(test::max_abs_diff(r.authority, ref.authority) <= kOracleTol);
  CHECK(r.eigenvalue == Approx(ref.value).epsilon(1e-8));
}

}  // namespace

TEST_CASE("hits: solved by hand", "[hits]") {
  // Out-star: 0 is the only hub, 1..3 the authorities.
  auto r = hits(test::directed(4, {{0, 1}, {0, 2}, {0, 3}}));
  CHECK(test::max_abs_diff(r.hub, {1, 0, 0, 0}) < 1e-12);
  CHECK(test::max_abs_diff(r.authority, {0, 1, 1, 1}) < 1e-12);
  CHECK(r.eigenvalue == Approx(3.0).epsilon(1e-12));
  // 0 -> 2, 1 -> 2, 1 -> 3: A A^T on hubs {0, 1} = [[1, 1], [1, 2]], lambda = (3 + sqrt 5) / 2,
  // h = (1/phi, 1), a = A^T h = (h0 + h1, h1) scaled: a2 = 1, a3 = 1/phi (phi = golden ratio).
  const double phi = (1.0 + std::sqrt(5.0)) / 2.0;
  r = hits(test::directed(4, {{0, 2}, {1, 2}, {1, 3}}));
  CHECK(r.converged);
  CHECK(test::max_abs_diff(r.hub, {1.0 / phi, 1.0, 0.0, 0.0}) < 1e-10);
  CHECK(test::max_abs_diff(r.authority, {0.0, 0.0, 1.0, 1.0 / phi}) < 1e-10);
  CHECK(r.eigenvalue == Approx((3.0 + std::sqrt(5.0)) / 2.0).epsilon(1e-12));
}

TEST_CASE("hits: a multiple top eigenvalue gives the start vector's projection, as igraph", "[hits][oracle]") {
  // Undirected star K_{1,3}: A^2 has eigenvalue 3 twice (from +-sqrt 3). The start vector (degrees
  // 3, 1, 1, 1) lies in that eigenspace, so hub = authority = (1, 1/3, 1/3, 1/3), in igraph too.
  const auto star = test::undirected(4, {{0, 1}, {0, 2}, {0, 3}});
  const auto r = hits(star);
  CHECK(test::max_abs_diff(r.hub, {1.0, 1.0 / 3, 1.0 / 3, 1.0 / 3}) < 1e-12);
  check_against_igraph(star, false);
}

TEST_CASE("hits: degenerate cases and bad input", "[hits]") {
  auto r = hits(test::directed(3, {}));
  CHECK(r.hub == std::vector<double>(3, 1.0));
  CHECK(r.authority == std::vector<double>(3, 1.0));
  r = hits(test::directed(1, {{0, 0}}, {.self_loops = SelfLoops::kKeep}));
  CHECK(r.hub == std::vector<double>{1.0});
  CHECK(hits(test::weighted(true, 2, {{0, 1, 0.0F}})).hub == std::vector<double>(2, 1.0));
  CHECK(hits(test::directed(0, {})).hub.empty());
  CHECK_THROWS_AS(hits(test::weighted(true, 2, {{0, 1, -2.0F}})), InvalidArgument);
  CHECK_THROWS_AS(hits(test::directed(2, {{0, 1}}), {.tolerance = -1.0}), InvalidArgument);
}

TEST_CASE("hits agrees with igraph on karate and skewed graphs", "[hits][oracle]") {
  for (bool directed : {false, true})
    for (bool weighted : {false, true}) {
      CAPTURE(directed, weighted);
      check_against_igraph(datasets::karate(directed, weighted), weighted);
    }
  for (bool directed : {false, true}) {
    CAPTURE(directed);
    const auto g = test::skewed_random_graph(
        10, 8, 9, {.directed = directed, .duplicates = Duplicates::kKeepAll, .self_loops = SelfLoops::kKeep});
    REQUIRE(g.num_self_loops() > 0);
    check_against_igraph(g, false);
  }
}

TEST_CASE("hits agrees with igraph on the shared datasets", "[hits][oracle][shared-data]") {
  int checked = 0;
  const bool found = test::for_each_shared_graph(true, [&](const test::SharedGraph& s) {
    CAPTURE(s.label());
    const CsrGraph& g = s.graph;
    bool weights_ok = g.weighted();
    for (Weight w : g.weights()) weights_ok = weights_ok && w >= 0.0F;
    for (bool use_weights : {false, true}) {
      if (use_weights && !weights_ok) continue;
      CAPTURE(use_weights);
      check_against_igraph(g, use_weights);
    }
    ++checked;
  });
  if (!found) {
    WARN("skipped: ../shared/datasets not found");
    return;
  }
  CHECK(checked >= static_cast<int>(test::shared_datasets().size()));
}

TEST_CASE("hits is bit-identical for 1 and 2 threads", "[hits][threads]") {
  for (bool directed : {true, false}) {
    CAPTURE(directed);
    const auto g = test::skewed_random_graph(15, 8, 26, {.directed = directed, .self_loops = SelfLoops::kKeep});
    const auto one = test::with_threads(1, [&] { return hits(g); });
    const auto two = test::with_threads(2, [&] { return hits(g); });
    CHECK(one.iterations == two.iterations);
    CHECK(one.hub == two.hub);
    CHECK(one.authority == two.authority);
  }
}
