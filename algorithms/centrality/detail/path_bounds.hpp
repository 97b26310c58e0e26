#pragma once
/// Cheap, always valid upper bounds on shortest-path quantities, from the (strongly) connected
/// components and one or two BFS per component. Internal to the approximate and top-k centralities.
///
/// - Vertex diameter VD: the largest number of vertices on any shortest path (Riondato &
///   Kornaropoulos need an upper bound for their sample size). Undirected: per component C with a
///   BFS from its highest-degree vertex r, diam(C) <= 2 ecc(r), so VD <= max_C min(|C|, 2 ecc(r) + 1).
///   Directed: a shortest path crosses the strongly connected components along a path of the
///   condensation DAG, and its stretch inside each component C is a shortest path of G[C] (a path
///   leaving C cannot come back), with at most diam(G[C]) + 1 <= min(|C|, ecc_out(r) + ecc_in(r) + 1)
///   vertices (BFS inside C from r both ways); VD is at most the heaviest DAG path under these
///   weights. Weighted graphs (hop counts of weighted shortest paths are not bounded by the BFS):
///   the same with weight |C| per component.
/// - Reach: r(v) = number of vertices reachable from v (v excluded). Undirected: |C(v)| - 1, exact.
///   Directed: r(v) <= R(C(v)) - 1 with R(C) = min(n, |C| + sum of R over C's distinct successor
///   components), a DAG dynamic program (exact on a tree-shaped condensation, an overcount where
///   reachable sets overlap).
/// Time O(n + m) (Tarjan's strong components is serial), memory O(n) plus the condensation.
#include <cstdint>
#include <vector>

#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::centrality::detail {

struct PathBounds {
  std::uint64_t vertex_diameter = 0;    ///< upper bound on the vertices of a shortest path (0 if n = 0)
  std::vector<VertexId> reach_upper;    ///< per vertex: upper bound on r(v) (exact when undirected)
  bool reach_exact = false;             ///< reach_upper is exact (undirected graphs)
};

/// `out`: reach along the out-arcs (true) or the in-arcs (false; needs the in-adjacency when
/// directed). `weighted`: bound the vertex diameter of weighted shortest paths (component sizes).
/// `with_reach`: also fill reach_upper. The diameter part of a directed graph uses the in-adjacency
/// when present (else the component size bound).
PathBounds path_bounds(const CsrGraph& g, bool out, bool weighted, bool with_reach, RunContext& ctx);

}  // namespace peerscout::centrality::detail
