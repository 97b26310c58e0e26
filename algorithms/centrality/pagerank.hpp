#pragma once
/// PageRank and personalized PageRank by pull-based Jacobi power iteration.
///
/// References: S. Brin & L. Page, "The anatomy of a large-scale hypertextual Web search engine",
/// WWW 1998; A. N. Langville & C. D. Meyer, "Deeper inside PageRank", Internet Math. 1(3), 2004
/// (dangling nodes, error bounds); D. F. Gleich, "PageRank beyond the Web", SIAM Review 57(3), 2015.
/// The conventions (dangling mass, self-loops, weights) are those of igraph's PRPACK solver
/// (igraph_pagerank / igraph_personalized_pagerank with IGRAPH_PAGERANK_ALGO_PRPACK), which is the
/// oracle in tests/algorithms/centrality/pagerank_test.cpp. See docs/algorithms/pagerank.md.
///
/// Model. Attention flows along arcs: an arc u->v ("u follows v") passes part of u's score to v.
/// A random surfer at u follows an out-arc with probability `damping`, choosing it with probability
/// proportional to its weight (1 on unweighted graphs), and teleports with probability 1-damping
/// to a vertex drawn from the teleport vector t (uniform, or the normalized `personalization`).
/// Dangling vertices (no out-arcs, or out-weights summing to 0) teleport along t with probability 1.
/// Undirected graphs: every edge is followed both ways; a self-loop counts twice in its vertex's
/// degree and is followed twice (as igraph does). Directed graphs: a self-loop u->u is one out-arc.
/// The result is the stationary distribution: scores are >= 0 and sum to 1.
///
/// Convergence. Iterates x_{k+1} = d*M*x_k + (1-d)*t from x_0 = t (M column-stochastic, including
/// the dangling correction), and stops after the first sweep whose L1 change
/// r = ||x_{k+1} - x_k||_1 is < tolerance. The map is an L1 contraction with factor d, so the
/// returned scores satisfy ||x - x*||_1 <= d/(1-d) * r < d/(1-d) * tolerance (before the final
/// renormalisation, which changes x by rounding only). For the defaults (d = 0.85,
/// tolerance = 1e-10) every score is within 5.7e-10 of the exact PageRank, hence within 1e-9 of
/// igraph's PRPACK result (whose own L1 error is about 1e-10).
///
/// Determinism. Pull direction (each vertex sums its in-neighbours' contributions in CSR order; no
/// atomics), Jacobi updates (a sweep reads only the previous iterate), and the residual and the
/// dangling mass are reduced over fixed blocks combined in block order (the deterministic_sum
/// scheme). Scores, residuals and the iteration count are therefore bit-identical for any thread
/// count.
///
/// MPI (docs/hpc.md). With several ranks in ctx.comm(), each rank sweeps a contiguous range of the
/// fixed blocks and the new scores and per-block sums are gathered every iteration (8n bytes per
/// rank): scores, residual and iterations equal the single-process run (collective).
///
/// Complexity. Time O(iterations * (n + m)), memory O(n) doubles beyond the graph. Needs the
/// in-adjacency of directed graphs (the build_csr default). Calls ctx.check_cancelled() and
/// ctx.report("pagerank", ...) once per iteration.
#include <vector>

#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::centrality {

/// Options for pagerank(). validate() throws InvalidArgument naming the offending field.
struct PageRankOptions {
  /// Probability of following an arc, in [0, 1).
  double damping = 0.85;
  /// Stop when the L1 norm of the change between two iterates is < tolerance (> 0). The error
  /// of the result is then below damping/(1-damping) * tolerance in the L1 norm (and therefore
  /// in every score): 5.7e-10 with the defaults.
  double tolerance = 1e-10;
  /// Maximum number of sweeps (>= 1); PageRankResult::converged tells whether it was reached.
  int max_iterations = 1000;
  /// Use edge weights (transition probabilities proportional to out-weight). Ignored on
  /// unweighted graphs. Weights must be finite and >= 0; arcs of weight 0 are never followed.
  bool use_weights = true;
  /// Teleport vector: empty = uniform; else one non-negative finite entry per vertex with a
  /// positive sum (normalized internally). Dangling vertices also jump along it.
  std::vector<double> personalization = {};

  void validate(VertexId num_vertices) const;
};

struct PageRankResult {
  std::vector<double> score;  ///< indexed by VertexId; >= 0, sums to 1 (empty for the null graph)
  int iterations = 0;         ///< sweeps performed
  double residual = 0.0;      ///< L1 change of the last sweep
  bool converged = false;     ///< residual < tolerance
};

/// PageRank (personalized when opts.personalization is set). Throws InvalidArgument for bad
/// options, negative/NaN/infinite weights (when used) or a directed graph without in-adjacency.
PageRankResult pagerank(const CsrGraph& g, const PageRankOptions& opts = {}, RunContext& ctx = RunContext::none());

}  // namespace peerscout::centrality
