#pragma once
/// Connected components: weakly connected (undirected connectivity) and strongly connected.
///
/// Both number components 0..count-1 in the order of their smallest vertex id (the component of
/// vertex 0 is 0, the component holding the smallest vertex not in it is 1, ...), so the output is
/// a pure function of the graph: identical for any thread count or schedule.
/// References: R. E. Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput.
/// 1(2), 1972 (strong components); union-find with lock-free linking by index as in J. Jaiganesh &
/// M. Burtscher, "A high-performance connected components implementation for GPUs" (ECL-CC),
/// HPDC 2018, and S. V. Jayanti & R. E. Tarjan, "A randomized concurrent algorithm for disjoint
/// set union", PODC 2016 (weak components). Oracle in tests: igraph_connected_components and
/// boost::strong_components / connected_components. See docs/algorithms/components.md.
#include <vector>

#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::structure {

struct ComponentsResult {
  std::vector<VertexId> membership;  ///< component id per vertex, numbered by smallest vertex id
  VertexId count = 0;                ///< number of components (0 for the null graph)
  std::vector<VertexId> sizes;       ///< vertices per component, indexed by component id
};

/// Weakly connected components (for undirected graphs: the connected components): arcs are
/// followed in both directions. Self-loops and weights play no role; needs no in-adjacency.
/// Parallel union-find over the arcs (each root linked under the smaller root with a CAS, path
/// halving), so every root is the smallest vertex of its set. Time O(m * alpha(n)) work, memory
/// 4 bytes per vertex beyond the result. Calls ctx.check_cancelled() between phases.
ComponentsResult weak_components(const CsrGraph& g, RunContext& ctx = RunContext::none());

/// Strongly connected components of a directed graph (InvalidArgument for undirected graphs,
/// whose strong components are the weak ones). Iterative Tarjan, serial: time O(n + m), memory
/// about 16 bytes per vertex; no recursion, so deep graphs cannot overflow the stack.
/// Calls ctx.check_cancelled() every 2^16 DFS roots.
ComponentsResult strong_components(const CsrGraph& g, RunContext& ctx = RunContext::none());

}  // namespace peerscout::structure
