#pragma once
/// Per-person reciprocity: the share of the people v follows who follow v back. A returned follow
/// is a trusted tie; a person whose follows are rarely returned is a fan, not a peer.
///
/// Definition. For a directed graph, with F(v) = {u != v : v -> u} the distinct accounts v follows
/// (parallel arcs count once, self-loops never):
///     reciprocity(v) = |{u in F(v) : u -> v}| / |F(v)|,   NaN when F(v) is empty.
/// NaN marks "undefined" (v follows nobody, or only itself); NaN-aware tools (numpy.nanmean,
/// pandas) skip it, and it is distinguishable from a real 0 (v follows people, nobody returns).
/// Undirected graphs: every tie is mutual, so the value is 1 for every vertex with a neighbour
/// other than itself and NaN otherwise. Weights are ignored.
///
/// Relation to the global measure: sum_v reciprocity(v) |F(v)| / sum_v |F(v)| is the share of
/// reciprocated arcs among all non-loop arcs of the simple graph, igraph_reciprocity(ignore_loops =
/// true, IGRAPH_RECIPROCITY_DEFAULT) (Newman, Forrest & Balthrop, Phys. Rev. E 66:035101, 2002;
/// Wasserman & Faust 1994, ch. 13). The tests check this identity against igraph, plus a
/// brute-force count on hand-made graphs.
///
/// Method: one parallel pass; v's sorted out-list is merged with its sorted in-list (the in-adjacency
/// of build_csr), or, when the graph has none, each out-neighbour's out-list is binary-searched.
/// Time O(n + m) (O(m log d) without in-adjacency); no extra memory beyond the result. Exact
/// integer counts: identical for any thread count.
#include <vector>

#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::centrality {

/// Per-vertex reciprocity in [0, 1] or NaN (see above).
std::vector<double> reciprocity(const CsrGraph& g, RunContext& ctx = RunContext::none());

}  // namespace peerscout::centrality
