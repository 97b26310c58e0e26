#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <string>

#include "algorithms/centrality/betweenness.hpp"
#include "datasets/embedded/karate.hpp"
#include "datasets/embedded/small_graphs.hpp"
#include "engine/error.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle_paths.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using centrality::betweenness;
using centrality::BetweennessOptions;

namespace {

// Oracle tolerance: max |ours - igraph| <= 1e-9 * max(1, max |igraph|). Both sum the same
// dependencies in different orders; the observed differences are around 1e-15 relative.
constexpr double kTol = 1e-9;

// Exact betweenness against igraph costs about n * arcs for both; graphs above this budget are
// checked only by the [slow] test case. Chosen so that the default case runs in a few seconds in
// Release (igraph, serial, dominates).
constexpr double kDefaultBudget = 1.5e8;
constexpr double kSlowBudget = 5e10;

double work(const CsrGraph& g) { return static_cast<double>(g.num_vertices()) * static_cast<double>(g.num_arcs() + 1); }

std::vector<double> raw(const CsrGraph& g, bool weights = true) {
  return betweenness(g, {.use_weights = weights}).score;
}

void check_shared(double min_work, double max_work) {
  int checked = 0;
  for (bool weights : {false, true}) {
    const bool found = test::for_each_shared_graph(weights, [&](const test::SharedGraph& sg) {
      if (weights && !sg.graph.weighted()) return;  // the unweighted pass covered it
      const double w = work(sg.graph);
      if (w < min_work || w > max_work) return;
      const CsrGraph g = test::with_positive_weights(sg.graph);
      INFO(sg.label() << (weights ? " (weighted)" : "") << ", n = " << g.num_vertices() << ", arcs = " << g.num_arcs());
      CHECK(test::scaled_max_diff(raw(g, weights), test::igraph_betweenness(g, weights)) <= kTol);
      ++checked;
    });
    if (!found) {
      WARN("skipped: ../shared/datasets not found");
      return;
    }
  }
  CHECK(checked > 0);
}

}  // namespace

TEST_CASE("betweenness: hand-computed small graphs", "[betweenness]") {
  SECTION("path 0-1-2-3-4") {
    const auto g = datasets::to_graph(datasets::path(5), {.directed = false});
    CHECK(raw(g) == std::vector<double>{0, 3, 4, 3, 0});
    // Normalized by the n(n-1)/2 = 10 unordered pairs.
    CHECK(test::max_abs_diff(betweenness(g, {.normalized = true}).score, {0, 0.3, 0.4, 0.3, 0}) < 1e-15);
  }
  SECTION("directed path: only forward paths count") {
    const auto g = datasets::to_graph(datasets::path(4), {.directed = true});
    CHECK(raw(g) == std::vector<double>{0, 2, 2, 0});
    CHECK(test::max_abs_diff(betweenness(g, {.normalized = true}).score, {0, 2.0 / 12, 2.0 / 12, 0}) < 1e-15);
  }
  SECTION("star: the hub lies on every path between two leaves") {
    const auto g = datasets::to_graph(datasets::star(6), {.directed = false});
    CHECK(raw(g) == std::vector<double>{10, 0, 0, 0, 0, 0});  // C(5, 2)
  }
  SECTION("two K4 joined by a bridge 3-4") {
    const auto g = datasets::to_graph(datasets::two_cliques_bridge(4), {.directed = false});
    CHECK(raw(g) == std::vector<double>{0, 0, 0, 12, 12, 0, 0, 0});  // 3 x 4 pairs cross each end
  }
  SECTION("4-cycle: two shortest paths between opposite vertices") {
    const auto g = datasets::to_graph(datasets::cycle(4), {.directed = false});
    CHECK(raw(g) == std::vector<double>{0.5, 0.5, 0.5, 0.5});
  }
  SECTION("disconnected: pairs in different components count nothing") {
    // path 0-1-2 and path 3-4-5-6, vertex 7 isolated
    const auto g = test::undirected(8, {{0, 1}, {1, 2}, {3, 4}, {4, 5}, {5, 6}});
    CHECK(raw(g) == std::vector<double>{0, 1, 0, 0, 2, 2, 0, 0});
  }
  SECTION("parallel edges are distinct paths (as igraph)") {
    // 0-1-2 with the edge 1-2 doubled, and 0-3-2: 3 shortest 0-2 paths, 2 of them via 1.
    const auto g = test::undirected(4, {{0, 1}, {1, 2}, {1, 2}, {0, 3}, {3, 2}}, {.duplicates = Duplicates::kKeepAll});
    const auto b = raw(g);
    // 0-2: 1 gets 2/3, 3 gets 1/3. 1-3: paths 1-0-3 and 1-2-3 (x2): 0 gets 1/3, 2 gets 2/3.
    CHECK(test::max_abs_diff(b, {1.0 / 3, 2.0 / 3, 2.0 / 3, 1.0 / 3}) < 1e-15);
    CHECK(test::scaled_max_diff(b, test::igraph_betweenness(g, false)) <= kTol);
  }
  SECTION("self-loops are ignored") {
    const auto g = test::undirected(3, {{0, 1}, {1, 1}, {1, 2}, {2, 2}}, {.self_loops = SelfLoops::kKeep});
    CHECK(raw(g) == std::vector<double>{0, 1, 0});
  }
}

TEST_CASE("betweenness: weights are strengths, length 1/w", "[betweenness]") {
  // Triangle 0-1-2; the direct tie 0-2 has weight w02, the two-step path 0-1-2 has length 1 + 1 = 2.
  auto tri = [](Weight w02) { return test::weighted(false, 3, {{0, 1, 1.0F}, {1, 2, 1.0F}, {0, 2, w02}}); };
  CHECK(raw(tri(0.25F)) == std::vector<double>{0, 1, 0});    // 0-2 has length 4: the path via 1 wins
  CHECK(raw(tri(1.0F)) == std::vector<double>{0, 0, 0});     // length 1: direct
  CHECK(raw(tri(0.5F)) == std::vector<double>{0, 0.5, 0});   // length 2: a tie, half through 1
  CHECK(raw(tri(0.25F), false) == std::vector<double>{0, 0, 0});  // unweighted: direct
  // A tie only up to rounding: 1/3 + 1/6 and 1/2 differ in the last bit of double arithmetic, and
  // count as equal under igraph's relative 1e-10 tolerance.
  const auto g = test::weighted(false, 3, {{0, 1, 3.0F}, {1, 2, 6.0F}, {0, 2, 2.0F}});
  CHECK(raw(g) == std::vector<double>{0, 0.5, 0});
  CHECK(test::scaled_max_diff(raw(g), test::igraph_betweenness(g, true)) <= kTol);
  // Directed and weighted: 0->1->2 (lengths 1/2 + 1/2) beats 0->2 (length 2).
  const auto d = test::weighted(true, 3, {{0, 1, 2.0F}, {1, 2, 2.0F}, {0, 2, 0.5F}});
  CHECK(raw(d) == std::vector<double>{0, 1, 0});
}

TEST_CASE("betweenness: edge cases and bad input", "[betweenness]") {
  CHECK(raw(datasets::to_graph(datasets::null_graph())).empty());
  CHECK(raw(datasets::to_graph(datasets::singleton())) == std::vector<double>{0});
  CHECK(betweenness(test::undirected(2, {{0, 1}}), {.normalized = true}).score == std::vector<double>{0, 0});
  const auto bad = test::weighted(false, 3, {{0, 1, 1.0F}, {1, 2, 0.0F}});
  CHECK_THROWS_AS(raw(bad), InvalidArgument);
  CHECK_THROWS_WITH(raw(bad), Catch::Contains("betweenness: edge weights must be finite and > 0"));
  CHECK(raw(bad, false) == std::vector<double>{0, 1, 0});  // weights ignored
  std::atomic<bool> stop{true};
  RunContext ctx;
  ctx.set_cancel_flag(&stop);
  CHECK_THROWS_AS(betweenness(datasets::karate(), {}, ctx), Cancelled);
}

TEST_CASE("betweenness agrees with igraph_betweenness on karate", "[betweenness][oracle]") {
  const bool directed = GENERATE(false, true);
  const bool weighted = GENERATE(false, true);
  const auto g = datasets::karate(directed, weighted);
  INFO("directed " << directed << ", weighted " << weighted);
  const auto ours = raw(g);
  CHECK(test::scaled_max_diff(ours, test::igraph_betweenness(g, weighted)) <= kTol);
  if (!directed && !weighted) CHECK(ours[0] == Approx(231.0714285714286).epsilon(1e-12));  // published value
}

TEST_CASE("betweenness agrees with igraph on random multigraphs with loops", "[betweenness][oracle]") {
  const bool directed = GENERATE(false, true);
  const bool weighted = GENERATE(false, true);
  // Small integer weights make many equal-length paths (ties) in the weighted case.
  const auto base = test::skewed_random_graph(9, 6, 11, {.directed = directed, .duplicates = Duplicates::kKeepAll,
                                                         .self_loops = SelfLoops::kKeep});
  std::vector<Weight> w;
  for (EdgeIndex e = 0; e < base.num_arcs(); ++e) w.push_back(static_cast<Weight>(1 + (e * 7919) % 4));
  CsrGraph g = base;
  if (weighted && !directed) {
    // Undirected arcs u->v and v->u must carry the same weight: derive it from the endpoints.
    auto off = base.offsets();
    auto tgt = base.targets();
    for (VertexId u = 0; u < base.num_vertices(); ++u)
      for (EdgeIndex e = off[u]; e < off[u + 1]; ++e) w[e] = static_cast<Weight>(1 + (std::min(u, tgt[e]) + std::max(u, tgt[e])) % 4);
    g = CsrGraph::from_arrays(false, {off.begin(), off.end()}, {tgt.begin(), tgt.end()}, w);
  } else if (weighted) {
    auto off = base.offsets();
    auto tgt = base.targets();
    for (VertexId u = 0; u < base.num_vertices(); ++u)
      for (EdgeIndex e = off[u]; e < off[u + 1]; ++e) w[e] = static_cast<Weight>(1 + (3 * u + tgt[e]) % 4);
    EdgeList el;
    for (VertexId u = 0; u < base.num_vertices(); ++u)
      for (EdgeIndex e = off[u]; e < off[u + 1]; ++e) el.add(u, tgt[e], w[e]);
    g = build_csr(std::move(el), base.num_vertices(),
                  {.directed = true, .duplicates = Duplicates::kKeepAll, .self_loops = SelfLoops::kKeep})
            .graph;
  }
  INFO("directed " << directed << ", weighted " << weighted << ", arcs " << g.num_arcs());
  CHECK(test::scaled_max_diff(raw(g, weighted), test::igraph_betweenness(g, weighted)) <= kTol);
}

TEST_CASE("betweenness agrees with igraph on the shared networks", "[betweenness][oracle][shared-data]") {
  check_shared(0, kDefaultBudget);
}

TEST_CASE("betweenness agrees with igraph on the larger shared networks", "[betweenness][oracle][shared-data][slow]") {
  check_shared(kDefaultBudget, kSlowBudget);
}

TEST_CASE("betweenness does not depend on the thread count", "[betweenness][threads]") {
  const bool directed = GENERATE(false, true);
  const auto g = test::skewed_random_graph(11, 8, 5, {.directed = directed});
  const auto one = test::with_threads(1, [&] { return raw(g); });
  const auto two = test::with_threads(2, [&] { return raw(g); });
  CHECK(one == two);
  const auto gw = test::with_positive_weights(datasets::karate(directed, true));
  CHECK(test::with_threads(1, [&] { return raw(gw); }) == test::with_threads(2, [&] { return raw(gw); }));
}
