#pragma once
/// Eigenvector centrality: a person is central when central people point to them (Bonacich,
/// "Factoring and weighting approaches to status scores and clique identification", J. Math.
/// Sociology 2(1), 1972; "Power and centrality: a family of measures", Am. J. Sociology 92, 1987;
/// M. Newman, "Networks", 2nd ed., ch. 7.1.2). See docs/algorithms/eigenvector.md.
///
/// Definition. x = A^T x / lambda with lambda the largest eigenvalue of the (weighted) adjacency
/// matrix A, x >= 0, scaled so that max(x) = 1, as igraph_eigenvector_centrality(directed = true,
/// scale = true), the oracle in tests/algorithms/centrality/eigenvector_test.cpp:
///   * undirected: A symmetric; a self-loop contributes 2w to the diagonal (igraph's convention);
///   * directed: x(v) = sum over in-arcs u->v of w x(u) / lambda (attention flows along arcs:
///     being followed by central people counts); a self-loop contributes w once;
///   * weights: A[u][v] = sum of the weights of the arcs u->v (parallel arcs add up); weights must
///     be finite and >= 0 (InvalidArgument otherwise); arcs of weight 0 are absent.
///
/// Where defined. The eigenvector is unique when lambda is a simple eigenvalue: always for
/// connected undirected graphs and strongly connected directed graphs (Perron-Frobenius), and in
/// practice for social graphs whose largest component / strongly connected component dominates.
/// Then every vertex outside the dominant component (and, directed, not reachable from the
/// dominant strongly connected component) gets 0, as in igraph. Otherwise (several components
/// sharing the largest eigenvalue) the result is the limit of the iteration below from its start
/// vector (igraph's limit depends on its random start vector), and `converged` may be false.
/// Conventions for the degenerate cases, as igraph 0.10.2:
///   * no arc of positive weight (includes the edgeless graph): all scores 1, eigenvalue 0;
///   * directed graph without a cycle of positive-weight arcs (a DAG; lambda = 0): all 0,
///     eigenvalue 0 (found by a serial O(n + m) topological sort before iterating).
///
/// Method. Undirected graphs (A symmetric): LOBPCG with block size 1 (Knyazev 2001; see
/// detail/lobpcg.hpp): each step maximizes the Rayleigh quotient over {x, residual, previous
/// step}, one sweep per step, and the number of steps grows like sqrt(1/gap) instead of 1/gap
/// (deezer-europe: 154 steps where power iteration needs 984). Directed graphs: power iteration on
/// A^T + s I with s = the mean positive arc weight (1 unweighted), normalized to max 1 after every
/// sweep; the shift makes lambda + s strictly dominant in modulus (no oscillation on directed
/// cycles) and keeps weighted results scale-free; the rate is (lambda_2 + s) / (lambda + s) per
/// sweep, so graphs whose strongly connected components have close eigenvalues need many sweeps
/// (hartford-drug: ~1400). Both start from igraph's start vector (strength; in-strength when
/// directed; 1 where it is 0) and stop when max_v |(A^T x)(v) / lambda - x(v)| < tolerance for x
/// scaled to max 1 (for power iteration: the change of the normalized scores in one sweep).
/// Pull sweeps over fixed blocks, dot products over fixed blocks: bit-identical results for any
/// thread count.
/// Complexity: O(steps * (n + m)) time; memory 6 n doubles (undirected) or 2 n doubles (directed)
/// beyond the graph. Directed graphs need the in-adjacency (build_csr default).
/// ctx.check_cancelled() once per step.
#include <vector>

#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::centrality {

/// Options for eigenvector() and hits(). validate() throws InvalidArgument naming the field.
struct EigenvectorOptions {
  /// Stop when max_v |(M x)(v) / lambda - x(v)| < tolerance for x normalized to max 1 (for the
  /// power iteration: the largest change of a normalized score in one sweep); > 0.
  double tolerance = 1e-12;
  /// Maximum number of steps (>= 1); the result tells whether the tolerance was reached.
  int max_iterations = 1000;
  /// Use edge weights; ignored on unweighted graphs.
  bool use_weights = true;

  void validate(const char* who) const;
};

/// Result of an iterative centrality (eigenvector, Katz).
struct IterativeResult {
  std::vector<double> score;  ///< indexed by VertexId
  int iterations = 0;         ///< steps (sweeps) performed
  double residual = 0.0;      ///< stopping quantity of the last sweep (see the function)
  bool converged = false;     ///< residual < tolerance (or a degenerate case solved directly)
};

struct EigenvectorResult : IterativeResult {
  double eigenvalue = 0.0;  ///< estimate of lambda (0 in the degenerate cases)
};

/// Eigenvector centrality (see above). Throws InvalidArgument for bad options or weights, or a
/// directed graph without in-adjacency.
EigenvectorResult eigenvector(const CsrGraph& g, const EigenvectorOptions& opts = {}, RunContext& ctx = RunContext::none());

}  // namespace peerscout::centrality
