#pragma once
/// Tie embeddedness: the number of contacts two tied people have in common. A tie embedded in many
/// shared contacts is a trusted tie (Granovetter's strong tie; Marsden 1987; Easley & Kleinberg,
/// "Networks, Crowds, and Markets", 2010, ch. 3.3: "the embeddedness of an edge is the number of
/// common neighbours the two endpoints have").
///
/// Definition. On the simple undirected graph of ties (u and v tied when g has an arc u->v or v->u,
/// u != v; directions, parallel arcs, weights and self-loops ignored), N(v) is the set of v's
/// contacts. For every ARC u->v of g (aligned with g.targets(), i.e. result[e] belongs to the arc
/// stored at index e of the CSR), embeddedness = |N(u) ∩ N(v)| (u and v themselves never count:
/// v is not in N(v)). Self-loop arcs get 0. Parallel arcs and the two arcs of an undirected edge
/// (or a reciprocal pair) get the same value. Equivalently: the number of triangles through the
/// tie {u, v}. Directed graphs use the underlying undirected neighbourhoods: a common contact may
/// follow or be followed by either endpoint.
///
/// Method. Triangles are listed once each on the degree-ordered orientation of the tie graph (see
/// clustering.hpp) and counted per oriented tie with integer atomics; each arc of g then looks up
/// its tie by binary search. Identical for any thread count. Time O(m^1.5) worst case plus
/// O(m log d); memory about 10 bytes per tie end beyond the graph and the result.
/// No igraph counterpart; the tests check hand-counted graphs, a brute-force set intersection per
/// arc, and sum over the arcs at v = 2 x igraph_adjacent_triangles(v) on simple graphs.
/// See docs/algorithms/clustering.md. Directed graphs need the in-adjacency (build_csr default).
#include <cstdint>
#include <vector>

#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::centrality {

/// Common contacts per arc of g (size g.num_arcs()). Throws InvalidArgument for a directed graph
/// without in-adjacency.
std::vector<std::uint32_t> embeddedness(const CsrGraph& g, RunContext& ctx = RunContext::none());

}  // namespace peerscout::centrality
