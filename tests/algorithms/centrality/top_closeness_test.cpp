#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "algorithms/centrality/closeness.hpp"
#include "algorithms/centrality/top_closeness.hpp"
#include "datasets/embedded/karate.hpp"
#include "datasets/embedded/small_graphs.hpp"
#include "engine/error.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle_paths.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using centrality::ClosenessOptions;
using centrality::top_k_closeness;
using centrality::top_k_harmonic;

// Oracle: the exact scores of every vertex (closeness() / harmonic(), themselves checked against
// igraph in closeness_test.cpp), sorted by (score descending, vertex id ascending; NaN last). The
// top-k result must be exactly the first k of that order, vertices AND scores bit for bit (both use
// the same formulas summed in the same order), so ties at the k-th place are decided by vertex id.

namespace {

struct Ranked {
  std::vector<VertexId> vertices;
  std::vector<double> score;
};

Ranked exact_top(const std::vector<double>& s, std::size_t k) {
  auto key = [](double x) { return std::isnan(x) ? -std::numeric_limits<double>::infinity() : x; };
  std::vector<VertexId> idx(s.size());
  std::iota(idx.begin(), idx.end(), VertexId{0});
  std::stable_sort(idx.begin(), idx.end(), [&](VertexId a, VertexId b) { return key(s[a]) > key(s[b]); });
  idx.resize(std::min(k, idx.size()));
  Ranked r;
  r.vertices = idx;
  for (VertexId v : idx) r.score.push_back(s[v]);
  return r;
}

bool same_scores(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
  return true;
}

void check_top(const CsrGraph& g, std::size_t k, const ClosenessOptions& o, const std::string& what) {
  INFO(what << ": k " << k << ", reverse " << o.reverse << ", wf " << o.wasserman_faust << ", normalized " << o.normalized
            << ", weights " << o.use_weights);
  {
    const auto want = exact_top(centrality::closeness(g, o), k);
    const auto got = top_k_closeness(g, k, o);
    CHECK(got.vertices == want.vertices);
    CHECK(same_scores(got.score, want.score));
  }
  {
    const auto want = exact_top(centrality::harmonic(g, o), k);
    const auto got = top_k_harmonic(g, k, o);
    CHECK(got.vertices == want.vertices);
    CHECK(same_scores(got.score, want.score));
  }
}

// `igraph_conventions`: also closeness with wasserman_faust = false (r/S and 1/S). Under these, every
// vertex that reaches a single neighbour scores 1 (r/S) and ties abound, so little can be cut: slow
// on larger graphs, hence optional.
void check_all_options(const CsrGraph& g, const std::string& what, std::size_t k, bool weights = false,
                       bool igraph_conventions = true) {
  for (bool reverse : {false, true}) {
    if (reverse && !g.directed()) continue;
    check_top(g, k, {.use_weights = weights, .reverse = reverse}, what);
    if (!igraph_conventions) continue;
    check_top(g, k, {.use_weights = weights, .wasserman_faust = false, .reverse = reverse}, what);
    check_top(g, k, {.use_weights = weights, .wasserman_faust = false, .normalized = false, .reverse = reverse}, what);
  }
}

}  // namespace

TEST_CASE("top-k closeness: hand-checked graphs and ties", "[topk][closeness][harmonic]") {
  // Star: the hub first, then the leaves, all tied: by id.
  const auto star = datasets::to_graph(datasets::star(6), {.directed = false});
  auto r = top_k_closeness(star, 3);
  CHECK(r.vertices == std::vector<VertexId>{0, 1, 2});
  CHECK(r.score == std::vector<double>{1.0, 5.0 / 9, 5.0 / 9});  // leaf: 1 + 4 * 2 = 9
  // Cycle: everybody ties.
  const auto cyc = datasets::to_graph(datasets::cycle(7), {.directed = false});
  CHECK(top_k_harmonic(cyc, 4).vertices == std::vector<VertexId>{0, 1, 2, 3});
  // Two K4 and a bridge: the bridge ends first.
  const auto tc = datasets::to_graph(datasets::two_cliques_bridge(4), {.directed = false});
  CHECK(top_k_closeness(tc, 2).vertices == std::vector<VertexId>{3, 4});
  CHECK(top_k_harmonic(tc, 2).vertices == std::vector<VertexId>{3, 4});
  // k = 0, k > n.
  CHECK(top_k_closeness(star, 0).vertices.empty());
  CHECK(top_k_closeness(star, 100).vertices.size() == 6);
  CHECK(top_k_closeness(datasets::to_graph(datasets::null_graph()), 5).vertices.empty());
  // Directed path 0 -> 1 -> 2 with igraph's convention: 2 reaches nothing (NaN), ranks last.
  const auto p = datasets::to_graph(datasets::path(3), {.directed = true});
  r = top_k_closeness(p, 3, {.wasserman_faust = false});
  CHECK(r.vertices == std::vector<VertexId>{1, 0, 2});
  CHECK(std::isnan(r.score[2]));
  CHECK_THROWS_WITH(top_k_closeness(test::directed(2, {{0, 1}}, {.build_in_edges = false}), 1, {.reverse = true}),
                    Catch::Contains("in-adjacency"));
  CHECK_THROWS_WITH(top_k_harmonic(test::weighted(false, 2, {{0, 1, 0.0F}}), 1), Catch::Contains("weights"));
}

TEST_CASE("top-k closeness equals the exact top k on karate", "[topk][closeness][harmonic][oracle]") {
  const bool directed = GENERATE(false, true);
  const bool weighted = GENERATE(false, true);
  const auto g = datasets::karate(directed, weighted);
  for (std::size_t k : {1, 5, 10, 34}) check_all_options(g, "karate", k, weighted);
}

TEST_CASE("top-k closeness equals the exact top k on R-MAT-like graphs", "[topk][closeness][harmonic][oracle]") {
  const bool directed = GENERATE(false, true);
  // Heavy-tailed, with many small components and sinks; integer-valued scores tie often.
  const auto g = test::skewed_random_graph(12, 4, 17, {.directed = directed});
  const std::string name = directed ? "skewed directed" : "skewed undirected";
  for (std::size_t k : {1, 10, 100}) check_all_options(g, name, k, false, false);
  check_all_options(test::skewed_random_graph(10, 4, 18, {.directed = directed}), name + " (small)", 10);
  const auto w = test::with_positive_weights(datasets::karate(directed, true));
  check_all_options(w, "karate weighted", 7, true);
}

namespace {

// The oracle (all n scores by multi-source BFS) costs about n * arcs / 256 word operations per
// level; graphs between the two budgets run in the [slow] case.
void check_shared(double min_work, double max_work) {
  int checked = 0;
  const bool found = test::for_each_shared_graph(false, [&](const test::SharedGraph& sg) {
    const double w = static_cast<double>(sg.graph.num_vertices()) * static_cast<double>(sg.graph.num_arcs());
    if (w < min_work || w > max_work) return;
    check_top(sg.graph, 100, {}, sg.label());
    if (sg.graph.directed()) check_top(sg.graph, 100, {.reverse = true}, sg.label());
    ++checked;
  });
  if (!found) {
    WARN("skipped: ../shared/datasets not found");
    return;
  }
  CHECK(checked > 0);
}

}  // namespace

TEST_CASE("top-k closeness equals the exact top k on the shared networks", "[topk][closeness][harmonic][oracle][shared-data]") {
  check_shared(0, 2e9);
}

TEST_CASE("top-k closeness equals the exact top k on the larger shared networks",
          "[topk][closeness][harmonic][oracle][shared-data][slow]") {
  check_shared(2e9, 1e11);
}

TEST_CASE("top-k closeness prunes and does not depend on the thread count", "[topk][closeness][harmonic][threads]") {
  const bool directed = GENERATE(false, true);
  const auto g = test::skewed_random_graph(13, 8, 19, {.directed = directed});
  for (bool harm : {false, true}) {
    auto run = [&] { return harm ? top_k_harmonic(g, 50) : top_k_closeness(g, 50); };
    const auto one = test::with_threads(1, run);
    const auto two = test::with_threads(2, run);
    CHECK(one.vertices == two.vertices);
    CHECK(one.score == two.score);
    CHECK(one.bfs_visits == two.bfs_visits);
    CHECK(one.probes == two.probes);
    CHECK(one.bottom_up_levels == two.bottom_up_levels);
    // Both accelerations are exercised here: probes certify distances >= 3 and the searches that
    // survive their first levels continue bottom-up.
    CHECK(one.probes > 0);
    CHECK(one.bottom_up_levels > 0);
    // The cut searches visit far fewer vertices than n full searches would.
    const double n = g.num_vertices();
    INFO("harmonic " << harm << ", directed " << directed << ": visits " << one.bfs_visits << " of " << n * n);
    CHECK(static_cast<double>(one.bfs_visits) < 0.25 * n * n);
  }
}

TEST_CASE("top-k closeness without the in-adjacency of a directed graph", "[topk][closeness][harmonic][oracle]") {
  // No transpose: no probes and no bottom-up levels, plain cut searches; still the exact top k.
  const auto g = test::skewed_random_graph(11, 6, 23, {.directed = true, .build_in_edges = false});
  REQUIRE_FALSE(g.has_in_edges());
  for (std::size_t k : {1, 10, 60}) {
    INFO("k " << k);
    check_top(g, k, {}, "skewed directed, out-arcs only");
    const auto r = top_k_harmonic(g, k);
    CHECK(r.probes == 0);
    CHECK(r.bottom_up_levels == 0);
  }
  // The same graph with its in-adjacency gives the same answer with both accelerations on.
  const auto gi = test::skewed_random_graph(11, 6, 23, {.directed = true});
  const auto a = top_k_harmonic(g, 60), b = top_k_harmonic(gi, 60);
  CHECK(a.vertices == b.vertices);
  CHECK(a.score == b.score);
  CHECK(b.probes > 0);
}
