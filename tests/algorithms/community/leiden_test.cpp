// Leiden: published karate optimum, connectivity, quality recomputation, thread invariance,
// igraph's Leiden (iterated to convergence) on every shared network.
#include <catch2/catch.hpp>

#include <cmath>
#include <fmt/format.h>

#include "algorithms/community/compare.hpp"
#include "algorithms/community/leiden.hpp"
#include "datasets/embedded/karate.hpp"
#include "datasets/embedded/small_graphs.hpp"
#include "engine/error.hpp"
#include "engine/random.hpp"
#include "engine/symmetrize.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle_community.hpp"
#include "tests/support/shared_data.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using namespace peerscout::community;

namespace {

void check_result(const CsrGraph& g, const LeidenResult& r, const LeidenOptions& o) {
  REQUIRE(r.partition.membership.size() == g.num_vertices());
  CHECK(canonical(r.partition.membership).membership == r.partition.membership);
  std::uint32_t bad = 0;
  CHECK(communities_connected(g, r.partition.membership, &bad));
  const double q = quality(g, r.partition.membership, o.objective, o.resolution, o.use_weights);
  CHECK(q == r.quality);
  REQUIRE_FALSE(r.levels.empty());
  CHECK(r.levels.back().membership == r.partition.membership);
  for (const auto& l : r.levels) CHECK(communities_connected(g, l.membership));
  // nested: each level's communities are unions of the previous level's
  for (std::size_t i = 1; i < r.levels.size(); ++i) {
    std::vector<std::uint32_t> up(r.levels[i - 1].count, 0xFFFFFFFFu);
    bool nested = true;
    for (std::size_t v = 0; v < g.num_vertices(); ++v) {
      auto& u = up[r.levels[i - 1].membership[v]];
      if (u == 0xFFFFFFFFu) u = r.levels[i].membership[v];
      nested = nested && u == r.levels[i].membership[v];
    }
    CHECK(nested);
  }
}

}  // namespace

TEST_CASE("leiden reaches the karate optimum (best of 10 runs)", "[community][leiden]") {
  const auto g = datasets::karate();
  double best = -1;
  std::uint32_t best_count = 0;
  for (std::uint64_t s = 1; s <= 10; ++s) {
    LeidenOptions o{.seed = s};
    const auto r = leiden(g, o);
    check_result(g, r, o);
    if (r.quality > best) {
      best = r.quality;
      best_count = r.partition.count;
    }
  }
  CHECK(best == Approx(datasets::kKarateMaxModularity).margin(5e-8));
  CHECK(best_count == 4);
}

TEST_CASE("leiden on small hand-checked graphs", "[community][leiden]") {
  // Two K5 joined by a bridge: the two cliques.
  const auto g = datasets::to_graph(datasets::two_cliques_bridge(5), {.directed = false});
  const auto r = leiden(g);
  CHECK(r.partition.membership == std::vector<std::uint32_t>{0, 0, 0, 0, 0, 1, 1, 1, 1, 1});
  // Empty and edgeless graphs: singletons, NaN quality.
  const auto e = datasets::to_graph(datasets::null_graph(), {.directed = false});
  CHECK(leiden(e).partition.count == 0);
  const auto iso = test::undirected(3, {});
  const auto ri = leiden(iso);
  CHECK(ri.partition.count == 3);
  CHECK(std::isnan(ri.quality));
  // Directed input and bad options are rejected.
  CHECK_THROWS_AS(leiden(test::directed(2, {{0, 1}})), InvalidArgument);
  CHECK_THROWS_AS(leiden(g, {.resolution = -1}), InvalidArgument);
  CHECK_THROWS_AS(leiden(g, {.randomness = 0}), InvalidArgument);
  // Weighted: a heavy edge keeps its endpoints together; a perfect matching of heavy edges in a
  // ring of light ones gives pairs.
  const auto w = test::weighted(false, 6,
                                {{0, 1, 10}, {1, 2, 0.1f}, {2, 3, 10}, {3, 4, 0.1f}, {4, 5, 10}, {5, 0, 0.1f}});
  CHECK(leiden(w).partition.membership == std::vector<std::uint32_t>{0, 0, 1, 1, 2, 2});
  // unweighted it is the 6-cycle, whose optimum 1/6 is reached by pairs and by halves alike
  CHECK(leiden(w, {.use_weights = false}).quality == Approx(1.0 / 6.0));
}

TEST_CASE("leiden CPM matches igraph's quality convention", "[community][leiden][oracle]") {
  const auto g = datasets::karate();
  for (double gamma : {0.05, 0.1, 0.2}) {
    LeidenOptions o{.objective = Objective::kCpm, .resolution = gamma};
    double best = -1e300;
    for (std::uint64_t s = 1; s <= 5; ++s) {
      o.seed = s;
      const auto r = leiden(g, o);
      check_result(g, r, o);
      best = std::max(best, r.quality);
    }
    double ig_best = -1e300;
    for (std::uint64_t s = 1; s <= 5; ++s) {
      const auto ir = test::igraph_leiden(g, true, gamma, 0.01, false, s);
      CHECK(std::abs(cpm_quality(g, ir.membership, gamma) - ir.quality) < 1e-12);
      ig_best = std::max(ig_best, ir.quality);
    }
    INFO("gamma " << gamma);
    CHECK(best >= ig_best - 1e-9);
  }
}

TEST_CASE("leiden is identical for 1 and 2 threads", "[community][leiden][threads]") {
  // Large enough for the batched (parallel) local moving and parallel refinement.
  const auto g = test::skewed_random_graph(15, 8, 5, {.directed = false});
  REQUIRE(g.num_vertices() > kSequentialLevelSize);
  for (auto obj : {Objective::kModularity, Objective::kCpm}) {
    LeidenOptions o{.objective = obj, .resolution = obj == Objective::kCpm ? 0.05 : 1.0, .max_iterations = 3, .seed = 3};
    const auto r1 = test::with_threads(1, [&] { return leiden(g, o); });
    const auto r2 = test::with_threads(2, [&] { return leiden(g, o); });
    CHECK(r1.partition.membership == r2.partition.membership);
    CHECK(r1.quality == r2.quality);
    CHECK(r1.iterations == r2.iterations);
    REQUIRE(r1.levels.size() == r2.levels.size());
    for (std::size_t i = 0; i < r1.levels.size(); ++i) CHECK(r1.levels[i].membership == r2.levels[i].membership);
    check_result(g, r1, o);
  }
  // weighted
  const auto gw = test::skewed_random_graph(15, 4, 6, {.directed = false});
  std::vector<Weight> wts(gw.num_arcs());
  // symmetric weights from the endpoints
  EdgeList el;
  for (VertexId u = 0; u < gw.num_vertices(); ++u)
    for (VertexId v : gw.out_neighbors(u))
      if (u < v) el.add(u, v, static_cast<Weight>(1 + (mix64(u ^ (std::uint64_t{v} << 32)) % 5)));
  const auto g2 = build_csr(std::move(el), gw.num_vertices(), {.directed = false}).graph;
  const LeidenOptions ow{.max_iterations = 2, .seed = 9};
  const auto a = test::with_threads(1, [&] { return leiden(g2, ow); });
  const auto b = test::with_threads(2, [&] { return leiden(g2, ow); });
  CHECK(a.partition.membership == b.partition.membership);
  CHECK(a.quality == b.quality);
  check_result(g2, a, ow);
}
