#include <catch2/catch.hpp>

#include <atomic>
#include <set>

#include "algorithms/centrality/clustering.hpp"
#include "datasets/embedded/karate.hpp"
#include "engine/error.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle_spectral.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using centrality::local_clustering;
using centrality::triangle_counts;

namespace {

using Counts = std::vector<std::uint64_t>;

// Brute force: the simple undirected neighbourhoods as sets, every pair of contacts checked.
std::vector<double> brute_force_clustering(const CsrGraph& g) {
  const VertexId n = g.num_vertices();
  std::vector<std::set<VertexId>> nb(n);
  for (VertexId u = 0; u < n; ++u)
    for (VertexId v : g.out_neighbors(u))
      if (u != v) {
        nb[u].insert(v);
        nb[v].insert(u);
      }
  std::vector<double> c(n, 0.0);
  for (VertexId v = 0; v < n; ++v) {
    const double d = static_cast<double>(nb[v].size());
    if (d < 2) continue;
    double t = 0;
    for (VertexId a : nb[v])
      for (VertexId b : nb[v])
        if (a < b && nb[a].count(b)) t += 1;
    c[v] = t / (d * (d - 1) / 2);
  }
  return c;
}

const BuildOptions kMulti{.duplicates = Duplicates::kKeepAll, .self_loops = SelfLoops::kKeep};

}  // namespace

TEST_CASE("local_clustering: hand-checked graphs", "[clustering]") {
  // Triangle 0-1-2 with a pendant 3 at 2: C(2) = 1 triangle / 3 pairs.
  const auto g = test::undirected(4, {{0, 1}, {1, 2}, {2, 0}, {2, 3}});
  CHECK(local_clustering(g) == std::vector<double>{1.0, 1.0, 1.0 / 3.0, 0.0});
  CHECK(triangle_counts(g) == Counts{1, 1, 1, 0});
  // K4: every pair of contacts tied. Star and path: no triangle.
  const auto k4 = test::undirected(4, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}});
  CHECK(local_clustering(k4) == std::vector<double>{1.0, 1.0, 1.0, 1.0});
  CHECK(triangle_counts(k4) == Counts{3, 3, 3, 3});
  CHECK(local_clustering(test::undirected(4, {{0, 1}, {0, 2}, {0, 3}})) == std::vector<double>(4, 0.0));
  // Two triangles sharing the edge 0-1, plus 4 hanging at 0: C(0) = 2 / C(4,2) = 1/3.
  const auto h = test::undirected(5, {{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 3}, {0, 4}});
  CHECK(triangle_counts(h) == Counts{2, 2, 1, 1, 0});
  CHECK(local_clustering(h)[0] == Approx(2.0 / 6.0).epsilon(1e-15));
  CHECK(local_clustering(h)[1] == Approx(2.0 / 3.0).epsilon(1e-15));
}

TEST_CASE("local_clustering: directions, multi-edges and self-loops are ignored", "[clustering]") {
  // Directed: 0 <-> 1, 1 -> 2, 2 -> 0 is the triangle {0, 1, 2}; 3 -> 2 a pendant.
  const auto d = test::directed(4, {{0, 1}, {1, 0}, {1, 2}, {2, 0}, {3, 2}});
  CHECK(local_clustering(d) == std::vector<double>{1.0, 1.0, 1.0 / 3.0, 0.0});
  // The same graph with loops and parallel arcs kept.
  const auto dm = test::directed(4, {{0, 1}, {1, 0}, {0, 1}, {1, 2}, {2, 0}, {3, 2}, {2, 2}, {3, 3}}, kMulti);
  REQUIRE(dm.num_self_loops() == 2);
  CHECK(local_clustering(dm) == local_clustering(d));
  const auto um = test::undirected(4, {{0, 1}, {1, 0}, {1, 2}, {2, 0}, {2, 3}, {2, 2}}, kMulti);
  CHECK(local_clustering(um) == std::vector<double>{1.0, 1.0, 1.0 / 3.0, 0.0});
  CHECK(local_clustering(um) == test::igraph_local_transitivity(um));
  CHECK(local_clustering(dm) == test::igraph_local_transitivity(dm));
}

TEST_CASE("local_clustering: edge cases", "[clustering]") {
  CHECK(local_clustering(test::undirected(0, {})).empty());
  CHECK(local_clustering(test::undirected(1, {})) == std::vector<double>{0.0});
  CHECK(local_clustering(test::directed(3, {})) == std::vector<double>(3, 0.0));
  EdgeList el;
  el.add(0, 1);
  const auto no_in = build_csr(std::move(el), 2, {.build_in_edges = false}).graph;
  CHECK_THROWS_AS(local_clustering(no_in), InvalidArgument);
  std::atomic<bool> flag{true};
  RunContext ctx;
  ctx.set_cancel_flag(&flag);
  CHECK_THROWS_AS(local_clustering(datasets::karate(), ctx), Cancelled);
  CHECK_THROWS_AS(triangle_counts(datasets::karate(), ctx), Cancelled);
}

TEST_CASE("local_clustering agrees with igraph on karate and skewed graphs", "[clustering][oracle]") {
  for (bool directed : {false, true}) {
    CAPTURE(directed);
    const auto g = datasets::karate(directed);
    const auto c = local_clustering(g);
    CHECK(test::max_abs_diff(c, test::igraph_local_transitivity(g)) <= 1e-15);
    CHECK(test::max_abs_diff(c, brute_force_clustering(g)) <= 1e-15);
    CHECK(test::as_int64(triangle_counts(g)) == test::igraph_triangles(g));
  }
  // Skewed multigraphs with loops: hubs exercise the galloping intersection.
  for (bool directed : {false, true}) {
    CAPTURE(directed);
    BuildOptions o = kMulti;
    o.directed = directed;
    const auto g = test::skewed_random_graph(11, 8, 5, o);
    REQUIRE(g.num_self_loops() > 0);
    const auto c = local_clustering(g);
    CHECK(test::max_abs_diff(c, test::igraph_local_transitivity(g)) <= 1e-15);
    CHECK(test::max_abs_diff(c, brute_force_clustering(g)) <= 1e-15);
    CHECK(test::as_int64(triangle_counts(g)) == test::igraph_triangles(g));
  }
}

TEST_CASE("local_clustering agrees with igraph on the shared datasets", "[clustering][oracle][shared-data]") {
  int checked = 0;
  const bool found = test::for_each_shared_graph(false, [&](const test::SharedGraph& s) {
    CAPTURE(s.label());
    const auto c = local_clustering(s.graph);
    CHECK(test::max_abs_diff(c, test::igraph_local_transitivity(s.graph)) <= 1e-9);
    CHECK(test::as_int64(triangle_counts(s.graph)) == test::igraph_triangles(s.graph));
    ++checked;
  });
  if (!found) {
    WARN("skipped: ../shared/datasets not found");
    return;
  }
  CHECK(checked >= static_cast<int>(test::shared_datasets().size()));
}

TEST_CASE("local_clustering is identical for 1 and 2 threads", "[clustering][threads]") {
  for (bool directed : {false, true}) {
    BuildOptions o = kMulti;
    o.directed = directed;
    const auto g = test::skewed_random_graph(15, 8, 21, o);
    const auto one = test::with_threads(1, [&] { return local_clustering(g); });
    const auto two = test::with_threads(2, [&] { return local_clustering(g); });
    CHECK(one == two);
    CHECK(test::with_threads(1, [&] { return triangle_counts(g); }) ==
          test::with_threads(2, [&] { return triangle_counts(g); }));
  }
}
