// Boost.Graph sees CsrGraph through engine/bgl_adapter.hpp: concept checks at compile time, then
// BGL's own algorithms on our graphs, compared with ours and with igraph.
#include <catch2/catch.hpp>

#include <boost/concept/assert.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/graph_concepts.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/property_map/property_map.hpp>

#include <limits>
#include <queue>

#include "algorithms/structure/components.hpp"
#include "datasets/embedded/karate.hpp"
#include "engine/bgl_adapter.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;

BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<CsrGraph>));
BOOST_CONCEPT_ASSERT((boost::AdjacencyGraphConcept<CsrGraph>));
BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<CsrGraph>));
BOOST_CONCEPT_ASSERT((boost::EdgeListGraphConcept<CsrGraph>));
BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<CsrGraph, bgl::Edge, boost::edge_weight_t>));
BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<CsrGraph, VertexId, boost::vertex_index_t>));
BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<bgl::UndirectedView>));
BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<bgl::UndirectedView>));
BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<bgl::UndirectedView, bgl::Edge, boost::edge_weight_t>));
static_assert(std::is_same_v<boost::graph_traits<bgl::UndirectedView>::directed_category, boost::undirected_tag>);

namespace {

std::vector<VertexId> bgl_strong(const CsrGraph& g) {
  std::vector<VertexId> comp(g.num_vertices());
  boost::strong_components(g, boost::make_iterator_property_map(comp.begin(), get(boost::vertex_index, g)));
  return comp;
}

std::vector<VertexId> bgl_connected(const CsrGraph& g) {
  const bgl::UndirectedView view(g);
  std::vector<VertexId> comp(g.num_vertices());
  boost::connected_components(view, boost::make_iterator_property_map(comp.begin(), get(boost::vertex_index, view)));
  return comp;
}

// Hop distances from s by our own plain BFS (for comparing BGL's BFS through the adapter).
std::vector<VertexId> bfs_hops(const CsrGraph& g, VertexId s) {
  std::vector<VertexId> d(g.num_vertices(), kNoVertex);
  std::queue<VertexId> q;
  d[s] = 0;
  q.push(s);
  while (!q.empty()) {
    const VertexId u = q.front();
    q.pop();
    for (VertexId v : g.out_neighbors(u))
      if (d[v] == kNoVertex) {
        d[v] = d[u] + 1;
        q.push(v);
      }
  }
  return d;
}

}  // namespace

TEST_CASE("bgl adapter: traversal functions see the CSR as it is", "[bgl]") {
  const auto g = test::weighted(true, 4, {{0, 1, 2.0F}, {0, 3, 0.5F}, {2, 0, 1.0F}, {3, 3, 4.0F}},
                                {.self_loops = SelfLoops::kKeep});
  CHECK(num_vertices(g) == 4);
  CHECK(num_edges(g) == 4);
  CHECK(out_degree(0, g) == 2);
  std::vector<std::pair<VertexId, VertexId>> seen;
  std::vector<Weight> weights;
  const auto wmap = get(boost::edge_weight, g);
  for (auto [it, end] = edges(g); it != end; ++it) {
    seen.emplace_back(source(*it, g), target(*it, g));
    weights.push_back(get(wmap, *it));
  }
  CHECK(seen == std::vector<std::pair<VertexId, VertexId>>{{0, 1}, {0, 3}, {2, 0}, {3, 3}});
  CHECK(weights == std::vector<Weight>{2.0F, 0.5F, 1.0F, 4.0F});
  auto [a, b] = adjacent_vertices(0, g);
  CHECK(std::vector<VertexId>(a, b) == std::vector<VertexId>{1, 3});
  auto [o, oe] = out_edges(2, g);
  REQUIRE(oe - o == 1);
  CHECK((*o == bgl::Edge{2, 0, 2}));
  CHECK(get(boost::vertex_index, g, VertexId{3}) == 3);
  // The undirected view of a directed graph adds the reversed in-arcs (weights by in-slot).
  const bgl::UndirectedView view(g);
  std::vector<std::pair<VertexId, Weight>> around0;
  for (auto [it, end] = out_edges(0, view); it != end; ++it) around0.emplace_back(target(*it, view), get(boost::edge_weight, view, *it));
  CHECK(around0 == std::vector<std::pair<VertexId, Weight>>{{1, 2.0F}, {3, 0.5F}, {2, 1.0F}});
  CHECK(out_degree(0, view) == 3);
  // Unweighted graphs weigh 1.
  const auto u = test::undirected(2, {{0, 1}});
  CHECK(get(boost::edge_weight, u, *out_edges(0, u).first) == 1.0F);
  // An empty graph has no edges.
  const CsrGraph empty;
  CHECK(edges(empty).first == edges(empty).second);
}

TEST_CASE("bgl adapter: BFS and Dijkstra through the adapter", "[bgl]") {
  const auto g = datasets::karate();
  std::vector<VertexId> dist(g.num_vertices(), 0);
  boost::breadth_first_search(
      g, VertexId{0},
      boost::visitor(boost::make_bfs_visitor(boost::record_distances(
          boost::make_iterator_property_map(dist.begin(), get(boost::vertex_index, g)), boost::on_tree_edge()))));
  CHECK(dist == bfs_hops(g, 0));
  CHECK(*std::max_element(dist.begin(), dist.end()) == 3);  // eccentricity of Mr. Hi

  // Weighted shortest paths, by hand: 0 -> 1 (4), 0 -> 2 (1), 2 -> 1 (2), 1 -> 3 (1), 2 -> 3 (5).
  const auto w = test::weighted(true, 4, {{0, 1, 4.0F}, {0, 2, 1.0F}, {2, 1, 2.0F}, {1, 3, 1.0F}, {2, 3, 5.0F}});
  std::vector<double> d(4);
  boost::dijkstra_shortest_paths(
      w, VertexId{0},
      boost::distance_map(boost::make_iterator_property_map(d.begin(), get(boost::vertex_index, w)))
          .weight_map(get(boost::edge_weight, w)));
  CHECK(d == std::vector<double>{0.0, 3.0, 1.0, 4.0});
}

TEST_CASE("bgl components agree with ours and with igraph on karate", "[bgl][oracle]") {
  const auto u = datasets::karate();
  CHECK(test::same_partition(bgl_connected(u), structure::weak_components(u).membership));
  CHECK(test::same_partition(bgl_connected(u), test::igraph_components(u, false)));
  const auto d = datasets::karate(true);
  CHECK(test::same_partition(bgl_strong(d), structure::strong_components(d).membership));
  CHECK(test::same_partition(bgl_strong(d), test::igraph_components(d, true)));
  CHECK(test::same_partition(bgl_connected(d), test::igraph_components(d, false)));
  // A graph with several components of each kind.
  const auto r = test::skewed_random_graph(12, 2, 9);
  CHECK(test::same_partition(bgl_strong(r), structure::strong_components(r).membership));
  CHECK(test::same_partition(bgl_connected(r), structure::weak_components(r).membership));
  CHECK(structure::strong_components(r).count > 100);
}

TEST_CASE("bgl components agree with ours and with igraph on the shared datasets", "[bgl][oracle][shared-data]") {
  const bool found = test::for_each_shared_graph(false, [&](const test::SharedGraph& s) {
    CAPTURE(s.label());
    const CsrGraph& g = s.graph;
    const auto weak = bgl_connected(g);
    CHECK(test::same_partition(weak, structure::weak_components(g).membership));
    CHECK(test::same_partition(weak, test::igraph_components(g, false)));
    if (g.directed()) {
      const auto strong = bgl_strong(g);
      CHECK(test::same_partition(strong, structure::strong_components(g).membership));
      CHECK(test::same_partition(strong, test::igraph_components(g, true)));
    }
  });
  if (!found) WARN("skipped: ../shared/datasets not found");
}
