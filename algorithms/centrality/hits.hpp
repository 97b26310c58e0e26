#pragma once
/// HITS hub and authority scores (J. Kleinberg, "Authoritative sources in a hyperlinked
/// environment", J. ACM 46(5), 1999). An authority is followed by good hubs (the people whose
/// opinion is sought); a hub follows good authorities (curators, scouts who know whom to follow).
/// See docs/algorithms/hits.md.
///
/// Definition: hub = principal eigenvector of A A^T, authority = A^T hub, each scaled to max 1,
/// exactly as igraph_hub_and_authority_scores(scale = true) (the oracle in
/// tests/algorithms/centrality/hits_test.cpp). A is the weighted adjacency matrix (A[u][v] = sum of
/// the weights of the arcs u->v; weights finite and >= 0, else InvalidArgument). Directed
/// self-loops add w to the diagonal. Undirected graphs use the symmetric A with 2w on the diagonal
/// for a self-loop (as eigenvector centrality and PageRank; igraph 0.10.2 puts w there for HITS, a
/// bug fixed in igraph 0.10.5), so hub and authority are eigenvectors of A^2 for its largest
/// eigenvalue (the same vector when that eigenvalue is simple).
/// Degenerate cases as igraph: no arc of positive weight, or a single vertex: all scores 1.
/// When the largest eigenvalue of A A^T is not simple (e.g. two disconnected parts with the same
/// top singular value, or an undirected bipartite graph) the result is the projection of the start
/// vector onto that eigenspace; we use igraph's start vector (total degree without loops,
/// unweighted; 1 where 0), so we agree with igraph there too, up to its ARPACK accuracy.
///
/// Method: the dominant eigenvector of the symmetric positive semi-definite M = A A^T by LOBPCG
/// with block size 1 (detail/lobpcg.hpp; one application of M = a pull sweep over the in-arcs and
/// one over the out-arcs per step; steps grow like sqrt(1/gap)); stops when
/// max_v |(M h)(v) / sigma_1^2 - h(v)| < tolerance for h scaled to max 1. Fixed blocks, pull
/// direction, block-ordered dot products: bit-identical for any thread count.
/// Time O(steps * (n + m)), memory 7 n doubles beyond the graph. Directed graphs need the
/// in-adjacency.
#include <vector>

#include "algorithms/centrality/eigenvector.hpp"
#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::centrality {

struct HitsResult {
  std::vector<double> hub, authority;  ///< indexed by VertexId, max 1 each
  int iterations = 0;                  ///< LOBPCG steps (each = two sweeps)
  double residual = 0.0;               ///< stopping quantity of the last step (see above)
  bool converged = false;
  double eigenvalue = 0.0;             ///< estimate of sigma_1^2, the largest eigenvalue of A A^T
};

/// Hub and authority scores (see above); opts as for eigenvector().
HitsResult hits(const CsrGraph& g, const EigenvectorOptions& opts = {}, RunContext& ctx = RunContext::none());

}  // namespace peerscout::centrality
