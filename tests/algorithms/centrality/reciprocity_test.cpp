#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "algorithms/centrality/reciprocity.hpp"
#include "datasets/embedded/karate.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle_spectral.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using centrality::reciprocity;

namespace {

const BuildOptions kMulti{.duplicates = Duplicates::kKeepAll, .self_loops = SelfLoops::kKeep};

// NaN-aware equality.
bool same(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
  return true;
}

// Brute force with sets of arcs.
std::vector<double> brute_force(const CsrGraph& g) {
  std::set<std::pair<VertexId, VertexId>> arcs;
  for (VertexId u = 0; u < g.num_vertices(); ++u)
    for (VertexId v : g.out_neighbors(u)) arcs.insert({u, v});
  std::vector<double> r(g.num_vertices(), std::nan(""));
  for (VertexId u = 0; u < g.num_vertices(); ++u) {
    double f = 0, back = 0;
    for (const auto& [a, b] : arcs)
      if (a == u && b != u) {
        f += 1;
        back += arcs.count({b, a}) ? 1 : 0;
      }
    if (f > 0) r[u] = back / f;
  }
  return r;
}

}  // namespace

TEST_CASE("reciprocity: hand-checked graphs", "[reciprocity]") {
  const double nan = std::nan("");
  // 0 follows 1, 2, 3; 1 and 3 follow back; 2 follows 4; 4 follows nobody.
  const auto g = test::directed(5, {{0, 1}, {0, 2}, {0, 3}, {1, 0}, {3, 0}, {2, 4}});
  CHECK(same(reciprocity(g), {2.0 / 3.0, 1.0, 0.0, 1.0, nan}));
  // Parallel arcs count once, loops never (a vertex following only itself is undefined).
  const auto m = test::directed(3, {{0, 1}, {0, 1}, {1, 0}, {0, 2}, {2, 2}, {0, 0}}, kMulti);
  CHECK(same(reciprocity(m), {0.5, 1.0, nan}));
  // Undirected: 1 where there is a contact, NaN for isolated and loop-only vertices.
  const auto u = test::undirected(4, {{0, 1}, {1, 2}, {3, 3}}, kMulti);
  CHECK(same(reciprocity(u), {1.0, 1.0, 1.0, nan}));
  CHECK(reciprocity(test::directed(0, {})).empty());
  // Without in-adjacency the binary-search path gives the same answer.
  EdgeList el;
  for (auto [a, b] : std::vector<std::pair<VertexId, VertexId>>{{0, 1}, {0, 2}, {0, 3}, {1, 0}, {3, 0}, {2, 4}}) el.add(a, b);
  const auto no_in = build_csr(std::move(el), 5, {.build_in_edges = false}).graph;
  CHECK(same(reciprocity(no_in), reciprocity(g)));
}

TEST_CASE("reciprocity agrees with a brute force and with igraph's global reciprocity", "[reciprocity][oracle]") {
  BuildOptions o = kMulti;
  o.directed = true;
  const auto g = test::skewed_random_graph(10, 6, 9, o);
  const auto r = reciprocity(g);
  CHECK(same(r, brute_force(g)));
  CHECK(same(reciprocity(datasets::karate(true)), brute_force(datasets::karate(true))));
}

TEST_CASE("reciprocity on the shared datasets: weighted mean = igraph_reciprocity", "[reciprocity][oracle][shared-data]") {
  int checked = 0;
  const bool found = test::for_each_shared_graph(false, [&](const test::SharedGraph& s) {
    CAPTURE(s.label());
    const CsrGraph& g = s.graph;  // duplicates merged: igraph's ratio counts arcs
    const auto r = reciprocity(g);
    double follows = 0, returned = 0;
    for (VertexId v = 0; v < g.num_vertices(); ++v) {
      double f = 0;
      for (VertexId u : g.out_neighbors(v)) f += u != v ? 1 : 0;
      if (f > 0) {
        follows += f;
        returned += r[v] * f;
      }
      if (f == 0) CHECK(std::isnan(r[v]));
    }
    CHECK(returned / follows == Approx(test::igraph_reciprocity(g)).epsilon(1e-12));
    ++checked;
  });
  if (!found) {
    WARN("skipped: ../shared/datasets not found");
    return;
  }
  CHECK(checked >= static_cast<int>(test::shared_datasets().size()));
}

TEST_CASE("reciprocity is identical for 1 and 2 threads", "[reciprocity][threads]") {
  const auto g = test::skewed_random_graph(15, 8, 23, {.directed = true});
  CHECK(same(test::with_threads(1, [&] { return reciprocity(g); }), test::with_threads(2, [&] { return reciprocity(g); })));
}
