#pragma once
/// The common output of the edge generators (rmat, erdos_renyi, the small-graph zoo): an edge list
/// on the vertex set [0, num_vertices), plus a one-line way to turn it into a CsrGraph.
#include <utility>

#include "engine/csr_builder.hpp"
#include "engine/edge_list.hpp"

namespace peerscout::datasets {

struct GeneratedEdges {
  VertexId num_vertices = 0;
  EdgeList edges;
};

/// build_csr(edges, num_vertices, opts).graph. The policies in `opts` decide what happens to the
/// self-loops and duplicates that some generators produce (R-MAT does, G(n, m) does not).
inline CsrGraph to_graph(GeneratedEdges g, const BuildOptions& opts = {}) {
  return build_csr(std::move(g.edges), g.num_vertices, opts).graph;
}

}  // namespace peerscout::datasets
