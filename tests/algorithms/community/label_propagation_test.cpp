// Label propagation: hand-checked graphs, convergence, thread invariance, igraph's LPA quality.
#include <catch2/catch.hpp>

#include <map>

#include "algorithms/community/compare.hpp"
#include "algorithms/community/label_propagation.hpp"
#include "algorithms/community/quality.hpp"
#include "datasets/embedded/karate.hpp"
#include "datasets/embedded/small_graphs.hpp"
#include "engine/csr_builder.hpp"
#include "engine/error.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle_community.hpp"
#include "tests/support/shared_data.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using namespace peerscout::community;

TEST_CASE("label propagation on small graphs", "[community][lpa]") {
  const auto two = datasets::to_graph(datasets::two_cliques_bridge(6), {.directed = false});
  for (std::uint64_t s = 1; s <= 5; ++s) {
    const auto r = label_propagation(two, {.seed = s});
    CHECK(r.converged);
    CHECK(r.partition.membership == std::vector<std::uint32_t>{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1});
  }
  // A weighted tie-breaker: 1 is pulled to 0 by a heavy edge, 2 to 3.
  const auto w = test::weighted(false, 4, {{0, 1, 5}, {1, 2, 1}, {2, 3, 5}});
  CHECK(label_propagation(w).partition.membership == std::vector<std::uint32_t>{0, 0, 1, 1});
  // isolated vertices keep their own label
  CHECK(label_propagation(test::undirected(3, {})).partition.count == 3);
  CHECK_THROWS_AS(label_propagation(test::directed(2, {{0, 1}})), InvalidArgument);
  CHECK_THROWS_AS(label_propagation(two, {.max_iterations = 0}), InvalidArgument);
}

TEST_CASE("label propagation is identical for 1 and 2 threads and converges", "[community][lpa][threads]") {
  const auto g = test::skewed_random_graph(16, 8, 9, {.directed = false});
  const auto a = test::with_threads(1, [&] { return label_propagation(g, {.seed = 2}); });
  const auto b = test::with_threads(2, [&] { return label_propagation(g, {.seed = 2}); });
  CHECK(a.partition.membership == b.partition.membership);
  CHECK(a.iterations == b.iterations);
  CHECK(a.converged);
  // Converged means every vertex holds a label of maximal weight among its neighbours.
  const auto& m = a.partition.membership;
  bool stable = true;
  for (VertexId v = 0; v < g.num_vertices() && stable; ++v) {
    std::map<std::uint32_t, int> cnt;
    for (VertexId u : g.out_neighbors(v))
      if (u != v) ++cnt[m[u]];
    int best = 0;
    for (auto& [l, c] : cnt) best = std::max(best, c);
    if (!cnt.empty()) stable = cnt[m[v]] == best;
  }
  CHECK(stable);
}

TEST_CASE("label propagation tolerance stops early and 0 runs to convergence", "[community][lpa]") {
  const auto g = test::skewed_random_graph(15, 8, 3, {.directed = false});
  const auto full = label_propagation(g, {.seed = 5});
  const auto zero = label_propagation(g, {.seed = 5, .tolerance = 0.0});
  CHECK(full.converged);
  CHECK(full.iterations > 2);
  CHECK(zero.partition.membership == full.partition.membership);
  CHECK(zero.iterations == full.iterations);
  // A tolerance above the fraction changed in the first round stops after it, unconverged, with
  // the labels (and work) of a one-round run.
  const auto two = label_propagation(g, {.max_iterations = 2, .seed = 5});
  const auto tol = label_propagation(g, {.seed = 5, .tolerance = 0.999});
  CHECK(tol.iterations == 1);
  CHECK_FALSE(tol.converged);
  const auto one = label_propagation(g, {.max_iterations = 1, .seed = 5});
  CHECK(tol.partition.membership == one.partition.membership);
  CHECK(tol.arcs_scanned == one.arcs_scanned);
  CHECK(two.arcs_scanned > one.arcs_scanned);
  // Thread invariance with the tolerance stop (rounds on one thread and on all of them).
  const auto a = test::with_threads(1, [&] { return label_propagation(g, {.seed = 5, .tolerance = 0.01}); });
  const auto b = test::with_threads(2, [&] { return label_propagation(g, {.seed = 5, .tolerance = 0.01}); });
  CHECK(a.partition.membership == b.partition.membership);
  CHECK(a.iterations == b.iterations);
  CHECK(a.iterations <= full.iterations);
  CHECK_THROWS_AS(label_propagation(g, {.tolerance = -0.1}), InvalidArgument);
  CHECK_THROWS_AS(label_propagation(g, {.tolerance = 1.0}), InvalidArgument);
}

TEST_CASE("label propagation is identical for 1 and 2 threads on a weighted graph with hubs", "[community][lpa][threads]") {
  // Hubs above the hash-table degree (dense counters), mid degrees (hash table), low degrees
  // (local table), weights with ties; every round large enough to run on both threads.
  const auto base = test::skewed_random_graph(17, 16, 4, {.directed = false});
  EdgeList el;
  for (VertexId v = 0; v < base.num_vertices(); ++v) {
    for (VertexId u : base.out_neighbors(v))
      if (v < u) {
        el.src.push_back(v);
        el.dst.push_back(u);
        el.weight.push_back(static_cast<Weight>(1 + (u + v) % 3));  // many equal weights: ties
      }
    if (v % 97 == 0) {  // self-loops are ignored by the method
      el.src.push_back(v);
      el.dst.push_back(v);
      el.weight.push_back(5.0F);
    }
  }
  const auto g = build_csr(std::move(el), base.num_vertices(), {.directed = false, .self_loops = SelfLoops::kKeep}).graph;
  REQUIRE(g.weighted());
  const auto a = test::with_threads(1, [&] { return label_propagation(g, {.seed = 3}); });
  const auto b = test::with_threads(2, [&] { return label_propagation(g, {.seed = 3}); });
  CHECK(a.partition.membership == b.partition.membership);
  CHECK(a.iterations == b.iterations);
  CHECK(a.arcs_scanned == b.arcs_scanned);
  CHECK(a.converged == b.converged);
  EdgeIndex max_degree = 0;
  for (VertexId v = 0; v < g.num_vertices(); ++v) max_degree = std::max(max_degree, g.out_degree(v));
  CHECK(max_degree > 4096);
}

TEST_CASE("label propagation reaches igraph's LPA modularity on shared networks", "[community][lpa][shared-data][oracle]") {
  if (!test::shared_datasets_dir()) {
    WARN("shared datasets absent: skipped");
    return;
  }
  for (const auto& d : test::shared_datasets()) {
    if (d.directed || d.vertices > 40000 || d.vertices < 100) continue;
    const auto g = test::load_shared(d);
    double ours = 0, theirs = 0;
    constexpr int kRuns = 3;
    for (std::uint64_t s = 1; s <= kRuns; ++s) {
      ours += modularity(g, label_propagation(g, {.seed = s}).partition.membership) / kRuns;
      theirs += test::igraph_label_propagation(g, false, s).quality / kRuns;
    }
    INFO(d.name << " mean modularity ours " << ours << " igraph " << theirs);
    // Where igraph's own label propagation finds no structure (one label floods most of the graph,
    // e.g. github-social), either side's result is a matter of luck: compare only clear cases.
    if (theirs < 0.3) continue;
    // Our rule keeps a dominant current label (igraph redraws among the dominant labels every round),
    // which stops label spreading a little earlier: a somewhat lower modularity on some networks.
    CHECK(ours >= theirs - 0.06);
  }
}
