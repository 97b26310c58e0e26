#include <catch2/catch.hpp>

#include <atomic>
#include <string>

#include "algorithms/centrality/kcore.hpp"
#include "datasets/embedded/karate.hpp"
#include "engine/error.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using centrality::core_numbers;
using centrality::DegreeMode;

namespace {

using Cores = std::vector<std::uint32_t>;
const BuildOptions kKeepLoops{.self_loops = SelfLoops::kKeep};

std::string mode_name(DegreeMode m) {
  switch (m) {
    case DegreeMode::kAll: return "all";
    case DegreeMode::kIn: return "in";
    case DegreeMode::kOut: return "out";
  }
  return "?";
}

}  // namespace

TEST_CASE("core_numbers: hand-checked graph", "[kcore]") {
  //   0 - 1    2 - 3 - 4
  //                \   |
  //                  5 - 6      7
  const auto g = test::undirected(8, {{0, 1}, {2, 3}, {3, 4}, {3, 5}, {4, 5}, {5, 6}});
  const auto r = core_numbers(g);
  CHECK(r.core == Cores{1, 1, 1, 2, 2, 2, 1, 0});
  CHECK(r.max_core == 2);
}

TEST_CASE("core_numbers: nested cores, drawn", "[kcore]") {
  // K4 on {0,1,2,3} (3-core), 4 and 5 attached to two K4 vertices each and to each other
  // (2-core: 4 - 0, 4 - 1, 5 - 2, 5 - 3, 4 - 5), a tail 5 - 6 - 7 (1-core), 8 isolated.
  const auto g = test::undirected(9, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}, {4, 0}, {4, 1}, {5, 2},
                                      {5, 3}, {4, 5}, {5, 6}, {6, 7}});
  const auto r = core_numbers(g);
  CHECK(r.core == Cores{3, 3, 3, 3, 3, 3, 1, 1, 0});
  // 4 and 5 have degree 3 inside {0..5}: the 3-core is {0..5}. Cut 4 - 5 and they drop to 2.
  const auto h = test::undirected(9, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}, {4, 0}, {4, 1}, {5, 2},
                                      {5, 3}, {5, 6}, {6, 7}});
  CHECK(core_numbers(h).core == Cores{3, 3, 3, 3, 2, 2, 1, 1, 0});
  CHECK(test::is_valid_core_numbers(h, core_numbers(h).core));
}

TEST_CASE("core_numbers: edge cases", "[kcore]") {
  CHECK(core_numbers(test::undirected(0, {})).core.empty());
  CHECK(core_numbers(test::undirected(0, {})).max_core == 0);
  CHECK(core_numbers(test::undirected(1, {})).core == Cores{0});
  CHECK(core_numbers(test::directed(3, {})).core == Cores{0, 0, 0});
  // Clique K5: every vertex in the 4-core. Star: 1-core.
  const auto k5 = test::undirected(5, {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {1, 2}, {1, 3}, {1, 4}, {2, 3}, {2, 4}, {3, 4}});
  CHECK(core_numbers(k5).core == Cores{4, 4, 4, 4, 4});
  CHECK(core_numbers(test::undirected(4, {{0, 1}, {0, 2}, {0, 3}})).core == Cores{1, 1, 1, 1});
  // Directed 3-cycle: in- and out-cores 1, total 2.
  const auto c3 = test::directed(3, {{0, 1}, {1, 2}, {2, 0}});
  CHECK(core_numbers(c3).core == Cores{2, 2, 2});
  CHECK(core_numbers(c3, {.mode = DegreeMode::kIn}).core == Cores{1, 1, 1});
  CHECK(core_numbers(c3, {.mode = DegreeMode::kOut}).core == Cores{1, 1, 1});
  EdgeList el;
  el.add(0, 1);
  const auto no_in = build_csr(std::move(el), 2, {.build_in_edges = false}).graph;
  CHECK_THROWS_AS(core_numbers(no_in), InvalidArgument);
  std::atomic<bool> flag{true};
  RunContext ctx;
  ctx.set_cancel_flag(&flag);
  CHECK_THROWS_AS(core_numbers(k5, {}, ctx), Cancelled);
}

TEST_CASE("core_numbers: self-loops and multi-edges as igraph_coreness", "[kcore][oracle]") {
  // igraph 0.10 counts an undirected loop twice: a lone vertex with a loop has core 2.
  CHECK(core_numbers(test::undirected(1, {{0, 0}}, kKeepLoops)).core == Cores{2});
  CHECK(test::igraph_coreness(test::undirected(1, {{0, 0}}, kKeepLoops)) == std::vector<std::int64_t>{2});
  const auto lone = test::directed(1, {{0, 0}}, kKeepLoops);
  CHECK(core_numbers(lone).core == Cores{2});
  CHECK(core_numbers(lone, {.mode = DegreeMode::kIn}).core == Cores{1});
  CHECK(core_numbers(lone, {.mode = DegreeMode::kOut}).core == Cores{1});
  // A path whose middle vertex has a loop: degrees 1, 4, 1 -> cores 1, 2... (the loop keeps 1 at 2).
  const auto path = test::undirected(3, {{0, 1}, {1, 1}, {1, 2}}, kKeepLoops);
  CHECK(core_numbers(path).core == Cores{1, 2, 1});
  BuildOptions multi{.duplicates = Duplicates::kKeepAll, .self_loops = SelfLoops::kKeep};
  const auto mg = test::undirected(4, {{0, 1}, {0, 1}, {0, 1}, {1, 2}, {2, 2}, {2, 3}, {3, 3}, {3, 3}}, multi);
  const auto md = test::directed(4, {{0, 1}, {0, 1}, {1, 0}, {1, 2}, {2, 2}, {2, 3}, {3, 1}, {3, 3}}, multi);
  for (const auto* g : {&mg, &md}) {
    for (auto mode : {DegreeMode::kAll, DegreeMode::kIn, DegreeMode::kOut}) {
      CAPTURE(g->directed(), mode_name(mode));
      const auto ours = core_numbers(*g, {.mode = mode}).core;
      CHECK(test::as_int64(ours) == test::igraph_coreness(*g, mode));
      CHECK(test::is_valid_core_numbers(*g, ours, mode));
    }
  }
}

TEST_CASE("core_numbers agrees with igraph_coreness on karate", "[kcore][oracle]") {
  const bool directed = GENERATE(false, true);
  const auto g = datasets::karate(directed);
  for (auto mode : {DegreeMode::kAll, DegreeMode::kIn, DegreeMode::kOut}) {
    CAPTURE(directed, mode_name(mode));
    const auto r = core_numbers(g, {.mode = mode});
    CHECK(test::as_int64(r.core) == test::igraph_coreness(g, mode));
    CHECK(test::is_valid_core_numbers(g, r.core, mode));
  }
  // Published: the karate club's degeneracy is 4 (the 4-core is {0,1,2,3,7,13,...}).
  CHECK(core_numbers(datasets::karate()).max_core == 4);
}

TEST_CASE("is_valid_core_numbers rejects wrong core numbers", "[kcore][invariant]") {
  const auto g = datasets::karate();
  auto core = core_numbers(g).core;
  REQUIRE(test::is_valid_core_numbers(g, core));
  std::string why;
  auto too_high = core;
  ++too_high[11];  // vertex 11 has degree 1
  CHECK_FALSE(test::is_valid_core_numbers(g, too_high, DegreeMode::kAll, &why));
  CHECK_THAT(why, Catch::Contains("vertex 11"));
  auto too_low = core;
  --too_low[0];  // vertex 0 is in the 4-core
  CHECK_FALSE(test::is_valid_core_numbers(g, too_low, DegreeMode::kAll, &why));
  CHECK_FALSE(test::is_valid_core_numbers(g, Cores(34, 0)));
}

TEST_CASE("core_numbers satisfies the definition on a skewed random graph", "[kcore][invariant]") {
  const auto g = test::skewed_random_graph(11, 8, 3, {.directed = false});
  const auto r = core_numbers(g);
  std::string why;
  CHECK(test::is_valid_core_numbers(g, r.core, DegreeMode::kAll, &why));
  INFO(why);
  CHECK(r.max_core > 5);
  const auto d = test::skewed_random_graph(11, 8, 4, {.self_loops = SelfLoops::kKeep});
  for (auto mode : {DegreeMode::kAll, DegreeMode::kIn, DegreeMode::kOut}) {
    CAPTURE(mode_name(mode));
    CHECK(test::is_valid_core_numbers(d, core_numbers(d, {.mode = mode}).core, mode, &why));
    INFO(why);
  }
}

TEST_CASE("core_numbers agrees with igraph_coreness on the shared datasets", "[kcore][oracle][shared-data]") {
  int checked = 0;
  const bool found = test::for_each_shared_graph(false, [&](const test::SharedGraph& s) {
    CAPTURE(s.label());
    const auto modes = s.graph.directed() ? std::vector<DegreeMode>{DegreeMode::kAll, DegreeMode::kIn, DegreeMode::kOut}
                                          : std::vector<DegreeMode>{DegreeMode::kAll};
    for (auto mode : modes) {
      CAPTURE(mode_name(mode));
      const auto r = core_numbers(s.graph, {.mode = mode});
      const auto expected = test::igraph_coreness(s.graph, mode);
      CHECK(test::as_int64(r.core) == expected);
      CHECK(r.max_core == (expected.empty() ? 0 : *std::max_element(expected.begin(), expected.end())));
    }
    ++checked;
  });
  if (!found) {
    WARN("skipped: ../shared/datasets not found");
    return;
  }
  CHECK(checked >= static_cast<int>(test::shared_datasets().size()));
}

TEST_CASE("core_numbers does not depend on the thread count", "[kcore][threads]") {
  const bool directed = GENERATE(false, true);
  // Large enough for the parallel passes and waves (> 2^16 units of work).
  const auto g = test::skewed_random_graph(17, 8, 7, {.directed = directed, .self_loops = SelfLoops::kKeep});
  REQUIRE(g.num_arcs() > 800000);
  for (auto mode : {DegreeMode::kAll, DegreeMode::kIn, DegreeMode::kOut}) {
    CAPTURE(directed, mode_name(mode));
    const auto one = test::with_threads(1, [&] { return core_numbers(g, {.mode = mode}); });
    const auto two = test::with_threads(2, [&] { return core_numbers(g, {.mode = mode}); });
    CHECK(one.core == two.core);
    CHECK(one.max_core == two.max_core);
    if (!directed) break;
  }
}
