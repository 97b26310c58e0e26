#pragma once
/// Local clustering coefficient (local transitivity): how many of a person's contacts know each
/// other. High values mark a tight circle (trusted, redundant ties), low values a broker.
///
/// Definition (Watts & Strogatz, Nature 393:440, 1998). On the simple undirected graph of ties
/// (u and v tied when g has an arc u->v or v->u; directions, parallel arcs, weights and
/// self-loops ignored), with d(v) the number of distinct contacts of v and t(v) the number of
/// triangles through v:
///     C(v) = t(v) / (d(v) (d(v) - 1) / 2)   for d(v) >= 2,   C(v) = 0 for d(v) < 2.
/// This is igraph_transitivity_local_undirected with IGRAPH_TRANSITIVITY_ZERO (igraph 0.10 also
/// ignores directions and multiplicities), the oracle in tests/algorithms/centrality/clustering_test.cpp.
/// Directed graphs therefore use their underlying undirected graph: a follows-graph triangle is
/// any three people pairwise linked in some direction.
///
/// Method. Triangles are listed once each on the degree-ordered orientation of the tie graph
/// (every tie points from the endpoint of lower (degree, id) to the higher one; out-degrees are
/// O(sqrt(m)) even on skewed graphs), by merge intersection of sorted out-lists (galloping when the
/// lengths differ by 16x or more), in parallel with a dynamic schedule. Per-vertex counts are
/// integers updated atomically, so the result is identical for any thread count.
/// Time O(n + m^1.5) worst case (Chiba & Nishizeki 1985; Schank & Wagner 2005 "forward"); memory
/// about 6 bytes per tie end plus 8 bytes per vertex beyond the graph.
/// See docs/algorithms/clustering.md. Directed graphs need the in-adjacency (build_csr default).
#include <cstdint>
#include <vector>

#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::centrality {

/// C(v) per vertex, in [0, 1]. Throws InvalidArgument for a directed graph without in-adjacency.
std::vector<double> local_clustering(const CsrGraph& g, RunContext& ctx = RunContext::none());

/// Triangles through each vertex (t(v) above) on the same tie graph (igraph_adjacent_triangles).
std::vector<std::uint64_t> triangle_counts(const CsrGraph& g, RunContext& ctx = RunContext::none());

}  // namespace peerscout::centrality
