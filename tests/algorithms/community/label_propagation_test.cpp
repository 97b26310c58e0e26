// Label propagation: hand-checked graphs, convergence, thread invariance, igraph's LPA quality.
#include <catch2/catch.hpp>

#include <map>

#include "algorithms/community/compare.hpp"
#include "algorithms/community/label_propagation.hpp"
#include "algorithms/community/quality.hpp"
#include "datasets/embedded/karate.hpp"
#include "datasets/embedded/small_graphs.hpp"
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
