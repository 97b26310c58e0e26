#include <catch2/catch.hpp>
#include <algorithm>
#include <set>

#include "engine/csr_builder.hpp"
#include "engine/error.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/thread_sweep.hpp"

using namespace peerscout;
using test::to_vec;
using V = std::vector<VertexId>;
using W = std::vector<Weight>;

TEST_CASE("build_csr: directed graph with sorted lists and in-adjacency", "[csr]") {
  //  0 -> 2, 0 -> 1, 2 -> 0, 3 -> 0 (input deliberately unsorted)
  const auto g = test::directed(5, {{0, 2}, {0, 1}, {2, 0}, {3, 0}});
  CHECK(g.num_vertices() == 5);
  CHECK(g.num_edges() == 4);
  CHECK(g.num_arcs() == 4);
  CHECK(g.directed());
  CHECK_FALSE(g.weighted());
  CHECK(to_vec(g.out_neighbors(0)) == V{1, 2});
  CHECK(to_vec(g.out_neighbors(4)).empty());
  CHECK(to_vec(g.in_neighbors(0)) == V{2, 3});
  CHECK(to_vec(g.in_neighbors(1)) == V{0});
  CHECK(g.in_degree(0) == 2);
  CHECK(g.out_degree(3) == 1);
}

TEST_CASE("build_csr: undirected graph stores both arcs and merges u-v with v-u", "[csr]") {
  const auto r = build_csr([] {
    EdgeList el;
    el.add(0, 1);
    el.add(1, 0);  // the same friendship written the other way round
    el.add(1, 2);
    el.add(2, 2);  // self-loop: dropped by default
    return el;
  }(), 3, {.directed = false});
  const auto& g = r.graph;
  CHECK(g.num_edges() == 2);
  CHECK(g.num_arcs() == 4);
  CHECK(to_vec(g.out_neighbors(1)) == V{0, 2});
  CHECK(to_vec(g.in_neighbors(1)) == V{0, 2});
  CHECK(r.stats.input_edges == 4);
  CHECK(r.stats.self_loops_dropped == 1);
  CHECK(r.stats.duplicates_merged == 1);
  CHECK(r.stats.edges == 2);
}

TEST_CASE("build_csr: duplicate policies on weights", "[csr]") {
  // (0,1) three times with weights 5, 1, 2 in this input order.
  auto make = [] {
    EdgeList el;
    el.add(0, 1, 5.0f);
    el.add(0, 2, 1.5f);
    el.add(0, 1, 1.0f);
    el.add(0, 1, 2.0f);
    return el;
  };
  SECTION("sum") {
    const auto r = build_csr(make(), 3, {.duplicates = Duplicates::kSumWeights});
    CHECK(to_vec(r.graph.out_weights(0)) == W{8.0f, 1.5f});
    CHECK(r.stats.duplicates_merged == 2);
    CHECK(to_vec(r.graph.in_weights(1)) == W{8.0f});
  }
  SECTION("max") {
    const auto r = build_csr(make(), 3, {.duplicates = Duplicates::kMaxWeight});
    CHECK(to_vec(r.graph.out_weights(0)) == W{5.0f, 1.5f});
  }
  SECTION("keep first (input order, not sorted order)") {
    const auto r = build_csr(make(), 3, {.duplicates = Duplicates::kKeepFirst});
    CHECK(to_vec(r.graph.out_weights(0)) == W{5.0f, 1.5f});
    CHECK(r.stats.duplicates_merged == 2);
  }
  SECTION("keep all: parallel arcs in input order") {
    const auto r = build_csr(make(), 3, {.duplicates = Duplicates::kKeepAll});
    CHECK(to_vec(r.graph.out_neighbors(0)) == V{1, 1, 1, 2});
    CHECK(to_vec(r.graph.out_weights(0)) == W{5.0f, 1.0f, 2.0f, 1.5f});
    CHECK(to_vec(r.graph.in_weights(1)) == W{5.0f, 1.0f, 2.0f});
    CHECK(r.stats.duplicates_merged == 0);
    CHECK(r.graph.in_degree(1) == 3);
  }
}

TEST_CASE("build_csr: parallel arcs keep input order, in-lists sorted by source", "[csr]") {
  const auto g = test::weighted(true, 3, {{2, 1, 7.0f}, {0, 1, -3.0f}, {0, 1, 2.0f}, {0, 1, -0.5f}},
                                {.duplicates = Duplicates::kKeepAll});
  CHECK(to_vec(g.out_weights(0)) == W{-3.0f, 2.0f, -0.5f});
  CHECK(to_vec(g.in_neighbors(1)) == V{0, 0, 0, 2});
  CHECK(to_vec(g.in_weights(1)) == W{-3.0f, 2.0f, -0.5f, 7.0f});
}

TEST_CASE("build_csr: self-loops kept on request", "[csr]") {
  const auto d = test::directed(2, {{0, 0}, {0, 1}, {0, 0}}, {.self_loops = SelfLoops::kKeep});
  CHECK(to_vec(d.out_neighbors(0)) == V{0, 1});
  CHECK(d.num_self_loops() == 1);
  const auto u = test::undirected(2, {{1, 1}, {0, 1}}, {.self_loops = SelfLoops::kKeep});
  CHECK(to_vec(u.out_neighbors(1)) == V{0, 1});  // a loop is one arc
  CHECK(u.num_edges() == 2);
  CHECK(u.num_arcs() == 3);
}

TEST_CASE("build_csr: edge cases", "[csr]") {
  const auto empty = build_csr(EdgeList{}, 0).graph;
  CHECK(empty.num_vertices() == 0);
  CHECK(empty.num_edges() == 0);
  const auto isolated = build_csr(EdgeList{}, 3).graph;
  CHECK(isolated.num_vertices() == 3);
  CHECK(isolated.out_degree(2) == 0);
  EdgeList bad;
  bad.add(0, 7);
  CHECK_THROWS_WITH(build_csr(std::move(bad), 3), Catch::Contains("endpoint >= num_vertices = 3"));
  EdgeList ragged;
  ragged.add(0, 1);
  ragged.weight = {1.0f, 2.0f};
  CHECK_THROWS_AS(build_csr(std::move(ragged), 3), InvalidArgument);
}

TEST_CASE("build_csr: transpose swaps directions", "[csr]") {
  const auto g = test::weighted(true, 3, {{0, 1, 1.0f}, {0, 2, 2.0f}, {2, 1, 3.0f}});
  const auto t = transpose(g);
  CHECK(to_vec(t.out_neighbors(1)) == V{0, 2});
  CHECK(to_vec(t.out_weights(1)) == W{1.0f, 3.0f});
  CHECK(to_vec(t.in_neighbors(0)) == V{1, 2});
}

TEST_CASE("CsrGraph::from_arrays validates its input", "[csr]") {
  CHECK_NOTHROW(CsrGraph::from_arrays(true, {0, 1, 1}, {1}, {}));
  CHECK_THROWS_AS(CsrGraph::from_arrays(true, {0, 2, 2}, {1, 0}, {}), InvalidArgument);  // unsorted
  CHECK_THROWS_AS(CsrGraph::from_arrays(true, {0, 1, 1}, {5}, {}), InvalidArgument);     // out of range
  CHECK_THROWS_AS(CsrGraph::from_arrays(true, {0, 1}, {0, 0}, {}), InvalidArgument);     // offsets/arcs mismatch
}

TEST_CASE("build_csr: identical graph for 1 and 2 threads", "[csr][threads]") {
  // A pseudo-random multigraph with weights, large enough to run the parallel paths.
  auto make = [] {
    EdgeList el;
    std::uint64_t x = 12345;
    for (int i = 0; i < 200000; ++i) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      const auto u = static_cast<VertexId>((x >> 33) % 5000);
      const auto v = static_cast<VertexId>((x >> 13) % 5000);
      el.add(u, v, static_cast<Weight>((x >> 40) % 7) * 0.1f);
    }
    return el;
  };
  for (auto dup : {Duplicates::kSumWeights, Duplicates::kKeepFirst, Duplicates::kKeepAll}) {
    for (bool directed : {true, false}) {
      const BuildOptions opts{.directed = directed, .duplicates = dup};
      const auto one = test::with_threads(1, [&] { return build_csr(make(), 5000, opts); });
      const auto two = test::with_threads(2, [&] { return build_csr(make(), 5000, opts); });
      CHECK(std::ranges::equal(one.graph.offsets(), two.graph.offsets()));
      CHECK(std::ranges::equal(one.graph.targets(), two.graph.targets()));
      CHECK(std::ranges::equal(one.graph.weights(), two.graph.weights()));
      CHECK(std::ranges::equal(one.graph.in_sources(), two.graph.in_sources()));
      CHECK(std::ranges::equal(one.graph.in_weights_all(), two.graph.in_weights_all()));
      CHECK(one.stats.duplicates_merged == two.stats.duplicates_merged);
    }
  }
}

TEST_CASE("build_csr: agrees with a naive set-based construction", "[csr][invariant]") {
  EdgeList el;
  std::set<std::pair<VertexId, VertexId>> arcs;
  std::uint64_t x = 99;
  for (int i = 0; i < 30000; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto u = static_cast<VertexId>((x >> 33) % 700);
    const auto v = static_cast<VertexId>((x >> 17) % 700);
    el.add(u, v);
    if (u != v) {
      arcs.insert({u, v});
      arcs.insert({v, u});
    }
  }
  const auto r = build_csr(std::move(el), 700, {.directed = false});
  std::set<std::pair<VertexId, VertexId>> got;
  for (VertexId u = 0; u < 700; ++u)
    for (VertexId v : r.graph.out_neighbors(u)) got.insert({u, v});
  CHECK(got == arcs);
  CHECK(r.graph.num_arcs() == arcs.size());
  CHECK(r.stats.edges + r.stats.duplicates_merged + r.stats.self_loops_dropped == r.stats.input_edges);
}
