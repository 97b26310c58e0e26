#pragma once
/// Burt's structural holes: constraint and effective size. A strategic networker (broker) spans
/// structural holes: their contacts are not connected to each other, so they have LOW constraint
/// and an effective size close to their number of contacts.
///
/// Ties (as igraph_constraint): u and v (u != v) are tied when g has an arc u->v or v->u; the tie
/// strength s(u,v) = a[u][v] + a[v][u] is the total weight of all arcs between them in both
/// directions (1 per arc when unweighted or use_weights = false; parallel arcs add up; an
/// undirected edge counts once). Self-loops are ignored. N(i) = contacts of i, S(i) = sum_j s(i,j).
///
/// Constraint (R. S. Burt, "Structural Holes", Harvard University Press 1992, ch. 2; "Structural
/// holes and good ideas", Am. J. Sociology 110:349, 2004):
///     p(i,j) = s(i,j) / S(i)                          proportional tie strength
///     c(i,j) = (p(i,j) + sum_{q in N(i), q != i,j} p(i,q) p(q,j))^2
///     C(i)   = sum_{j in N(i)} c(i,j)
/// exactly igraph_constraint (igraph 0.10.2, weights included: the oracle in
/// tests/algorithms/centrality/structural_holes_test.cpp). Low values = many structural holes:
/// C = 1/d for d mutually unconnected contacts of equal strength, 1 for a single contact, 1.125
/// for a triangle (each contact also tied to the other).
///
/// Effective size (Burt 1992, p. 52; the redundancy form used by networkx.effective_size):
///     m(j,q)  = s(j,q) / max_k s(j,k)                 marginal strength (0 when j's ties all weigh 0)
///     ES(i)   = sum_{j in N(i)} (1 - sum_{q in N(i), q != j} p(i,q) m(j,q))
/// For unweighted simple undirected graphs this is Borgatti's n - 2t/n (S. Borgatti, "Structural
/// holes: unpacking Burt's redundancy measures", Connections 20(1):35, 1997), with n = |N(i)| and
/// t = ties among i's contacts; the tests use that identity (via triangle_counts) and a dense
/// brute-force evaluation of the formula as oracles (igraph has no effective size).
///
/// Undefined values: a vertex without contacts (isolated, or only self-loops) gets NaN in both
/// (igraph also returns NaN for isolated vertices, but 0 for a vertex whose only arcs are
/// self-loops; we return NaN there too). A vertex whose ties all have weight 0 gets NaN (0/0, as
/// in igraph); a contact q whose own ties all weigh 0 contributes p(q,j) = 0 (igraph: NaN).
/// Weights must be finite and >= 0 when used (InvalidArgument otherwise: signed trust
/// ratings are no tie strengths; pass use_weights = false).
///
/// Method. The sums over q run over the common contacts of i and j, i.e. over the triangles
/// through the tie {i, j}. Every triangle is listed once on the degree-ordered orientation of the
/// tie graph (as for local_clustering) and adds its terms to the six ordered pairs it serves. The
/// sums are kept in 64-bit fixed point (units of 2^-62; each lies in [0, 1]; rounding <= 2^-63 per
/// term), so triangles may be visited by any thread in any order and the result is still
/// bit-identical for any thread count; the per-ego sums then run over the sorted contact list.
/// Time O(n + m^1.5) worst case (igraph's loop is O(sum_i d_i^2)); memory about 100 bytes per tie
/// beyond the graph. See docs/algorithms/structural_holes.md (also for the two documented
/// differences from igraph). Directed graphs need the in-adjacency.
#include <vector>

#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::centrality {

struct StructuralHoles {
  std::vector<double> constraint;      ///< C(i) per vertex; NaN when undefined (see above)
  std::vector<double> effective_size;  ///< ES(i) per vertex; NaN when undefined
};

/// Both measures in one pass. Throws InvalidArgument for negative/NaN/infinite weights (when
/// used) or a directed graph without in-adjacency.
StructuralHoles structural_holes(const CsrGraph& g, bool use_weights = true, RunContext& ctx = RunContext::none());

}  // namespace peerscout::centrality
