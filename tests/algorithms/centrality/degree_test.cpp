#include <catch2/catch.hpp>

#include "algorithms/centrality/degree.hpp"
#include "datasets/embedded/karate.hpp"
#include "engine/error.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using centrality::degrees;
using centrality::DegreeMode;

namespace {

using I64 = std::vector<std::int64_t>;

// Checks degrees() of g against igraph_degree / igraph_strength.
void check_against_igraph(const CsrGraph& g) {
  const auto r = degrees(g);
  if (g.directed()) {
    CHECK(r.out_degree == test::igraph_degree(g, DegreeMode::kOut, true));
    CHECK(r.in_degree == test::igraph_degree(g, DegreeMode::kIn, true));
    CHECK(test::max_abs_diff(r.out_strength, test::igraph_strength(g, DegreeMode::kOut, true)) <= 1e-9);
    CHECK(test::max_abs_diff(r.in_strength, test::igraph_strength(g, DegreeMode::kIn, true)) <= 1e-9);
  } else {
    // An undirected self-loop counts twice, as igraph_degree(..., IGRAPH_LOOPS).
    const auto expected = test::igraph_degree(g, DegreeMode::kAll, true);
    CHECK(r.out_degree == expected);
    CHECK(r.in_degree == expected);
    const auto strength = test::igraph_strength(g, DegreeMode::kAll, true);
    CHECK(test::max_abs_diff(r.out_strength, strength) <= 1e-9);
    CHECK(r.in_strength == r.out_strength);
  }
}

}  // namespace

TEST_CASE("degrees: drawn graphs", "[degree]") {
  // 0 -> 1 (w 2), 0 -> 2 (w 0.5), 2 -> 0 (w 1), 3 isolated.
  const auto g = test::weighted(true, 4, {{0, 1, 2.0F}, {0, 2, 0.5F}, {2, 0, 1.0F}});
  const auto r = degrees(g);
  CHECK(r.out_degree == I64{2, 0, 1, 0});
  CHECK(r.in_degree == I64{1, 1, 1, 0});
  CHECK(r.out_strength == std::vector<double>{2.5, 0.0, 1.0, 0.0});
  CHECK(r.in_strength == std::vector<double>{1.0, 2.0, 0.5, 0.0});
  // Undirected with a loop (two ends at 1) and an unweighted graph (strength = degree).
  const auto u = test::undirected(3, {{0, 1}, {1, 1}, {1, 2}}, {.self_loops = SelfLoops::kKeep});
  const auto ru = degrees(u);
  CHECK(ru.out_degree == I64{1, 4, 1});
  CHECK(ru.in_degree == ru.out_degree);
  CHECK(ru.out_strength == std::vector<double>{1.0, 4.0, 1.0});
  const auto uw = test::weighted(false, 2, {{0, 0, 1.5F}, {0, 1, 2.0F}}, {.self_loops = SelfLoops::kKeep});
  CHECK(degrees(uw).out_strength == std::vector<double>{5.0, 2.0});
  CHECK(degrees(test::directed(0, {})).out_degree.empty());
  EdgeList el;
  el.add(0, 1);
  CHECK_THROWS_AS(degrees(build_csr(std::move(el), 2, {.build_in_edges = false}).graph), InvalidArgument);
}

TEST_CASE("degrees agree with igraph_degree / igraph_strength", "[degree][oracle]") {
  const bool directed = GENERATE(false, true);
  const bool weighted = GENERATE(false, true);
  CAPTURE(directed, weighted);
  check_against_igraph(datasets::karate(directed, weighted));
  // Loops and parallel edges kept.
  BuildOptions multi{.duplicates = Duplicates::kKeepAll, .self_loops = SelfLoops::kKeep};
  const auto g = test::weighted(directed, 4,
                                {{0, 0, 2.0F}, {0, 1, 1.0F}, {0, 1, 3.0F}, {1, 2, 0.5F}, {2, 2, 1.0F}, {3, 0, 4.0F}}, multi);
  check_against_igraph(g);
  multi.directed = directed;
  check_against_igraph(test::skewed_random_graph(10, 4, 2, multi));
}

TEST_CASE("degrees agree with igraph on the shared datasets", "[degree][oracle][shared-data]") {
  const bool found = test::for_each_shared_graph(true, [&](const test::SharedGraph& s) {
    CAPTURE(s.label());
    check_against_igraph(s.graph);
  });
  if (!found) WARN("skipped: ../shared/datasets not found");
}

TEST_CASE("degrees do not depend on the thread count", "[degree][threads]") {
  EdgeList el;
  const auto g0 = test::skewed_random_graph(15, 4, 6);
  // Attach weights that do not sum exactly, to expose any change of summation order.
  for (VertexId u = 0; u < g0.num_vertices(); ++u)
    for (VertexId v : g0.out_neighbors(u)) el.add(u, v, 1.0F / static_cast<float>(1 + (u * 7 + v) % 13));
  const auto g = build_csr(std::move(el), g0.num_vertices()).graph;
  const auto one = test::with_threads(1, [&] { return degrees(g); });
  const auto two = test::with_threads(2, [&] { return degrees(g); });
  CHECK(one.in_strength == two.in_strength);
  CHECK(one.out_strength == two.out_strength);
  CHECK(one.in_degree == two.in_degree);
}
