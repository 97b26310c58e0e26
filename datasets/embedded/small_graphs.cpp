#include "datasets/embedded/small_graphs.hpp"

#include <string>

#include "engine/error.hpp"

namespace peerscout::datasets {

GeneratedEdges null_graph() { return {}; }

GeneratedEdges singleton() { return {.num_vertices = 1, .edges = {}}; }

GeneratedEdges path(VertexId k) {
  GeneratedEdges g{.num_vertices = k, .edges = {}};
  for (VertexId i = 0; i + 1 < k; ++i) g.edges.add(i, i + 1);
  return g;
}

GeneratedEdges star(VertexId k) {
  GeneratedEdges g{.num_vertices = k, .edges = {}};
  for (VertexId i = 1; i < k; ++i) g.edges.add(0, i);
  return g;
}

GeneratedEdges cycle(VertexId k) {
  if (k < 3) throw InvalidArgument("cycle: needs at least 3 vertices, got " + std::to_string(k));
  GeneratedEdges g{.num_vertices = k, .edges = {}};
  for (VertexId i = 0; i < k; ++i) g.edges.add(i, (i + 1) % k);
  return g;
}

GeneratedEdges complete(VertexId k) {
  GeneratedEdges g{.num_vertices = k, .edges = {}};
  for (VertexId i = 0; i < k; ++i)
    for (VertexId j = i + 1; j < k; ++j) g.edges.add(i, j);
  return g;
}

GeneratedEdges two_cliques_bridge(VertexId k) {
  if (k < 1) throw InvalidArgument("two_cliques_bridge: needs k >= 1");
  GeneratedEdges g{.num_vertices = 2 * k, .edges = {}};
  for (VertexId base : {VertexId{0}, k})
    for (VertexId i = 0; i < k; ++i)
      for (VertexId j = i + 1; j < k; ++j) g.edges.add(base + i, base + j);
  g.edges.add(k - 1, k);
  return g;
}

GeneratedEdges loops_and_multi_edges() {
  GeneratedEdges g{.num_vertices = 4, .edges = {}};
  g.edges.add(0, 0, 1);
  g.edges.add(0, 1, 2);
  g.edges.add(1, 0, 3);
  g.edges.add(0, 1, 4);
  g.edges.add(1, 2, 5);
  g.edges.add(2, 2, 6);
  g.edges.add(2, 2, 7);
  g.edges.add(2, 3, 8);
  return g;
}

}  // namespace peerscout::datasets
