#pragma once
/// Katz centrality: attention that reaches a person along walks of every length, damped by alpha
/// per step (L. Katz, "A new status index derived from sociometric analysis", Psychometrika 18(1),
/// 1953; P. Bonacich & P. Lloyd, "Eigenvector-like measures of centrality for asymmetric
/// relations", Social Networks 23, 2001 (alpha centrality); M. Newman, "Networks", 2nd ed., ch. 7.1.3).
/// See docs/algorithms/katz.md.
///
/// Definition. x = alpha A^T x + beta 1, i.e. x = beta sum_{k>=0} alpha^k (A^T)^k 1:
/// x(v) = alpha * sum over in-arcs u->v of w x(u) + beta (attention flows along arcs, as in
/// PageRank: being followed by well-followed people counts). A as for eigenvector centrality
/// (weights: sum over parallel arcs, finite and >= 0; undirected self-loop 2w, directed w).
/// The series converges iff alpha < 1 / lambda_max (lambda_max = spectral radius of A).
/// normalized = true scales x to unit Euclidean norm (networkx.katz_centrality's convention);
/// false returns the raw solution. igraph has no Katz centrality: the tests solve
/// (I - alpha A^T) x = beta 1 by dense Gaussian elimination (graphs up to a few hundred vertices)
/// and check hand-computed cases.
///
/// alpha = 0 (default) picks alpha = 0.85 / u, where u >= lambda_max is a certified upper bound:
/// the Collatz-Wielandt bound u = max_v (A^T z)(v) / z(v), valid for every positive z, taken as the
/// smallest value over at most 50 shifted power-iteration sweeps z <- (A^T + s I) z (s = mean
/// positive weight; stops once u changes by < 0.1%). Hence alpha * lambda_max <= 0.85 and the
/// iteration below contracts by at most 0.85 per sweep (in the z-weighted max norm).
/// A graph without positive arcs gets u = 0 and alpha = 0.85 (scores = beta).
/// An explicit alpha > 0 is used as given: if alpha >= 1/lambda_max the iteration does not
/// converge (converged = false after max_iterations) and an overflow throws InvalidArgument.
///
/// Method: Jacobi iteration x_{k+1} = alpha A^T x_k + beta from x_0 = beta (pull sweeps over fixed
/// blocks: bit-identical for any thread count); stops when max_v |x_{k+1} - x_k| / max_v x_{k+1}
/// < tolerance. With contraction factor q the relative error is about q/(1-q) * tolerance
/// (5.7 * tolerance for the automatic alpha). Time O((iterations + bound sweeps) * (n + m)),
/// memory 3 n doubles beyond the graph. Directed graphs need the in-adjacency.
#include "algorithms/centrality/eigenvector.hpp"
#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::centrality {

/// Options for katz(). validate() throws InvalidArgument naming the field.
struct KatzOptions {
  /// Attenuation per step, >= 0 and finite; 0 = automatic (0.85 / upper bound on lambda_max).
  double alpha = 0.0;
  /// Exogenous score of every vertex, > 0 and finite.
  double beta = 1.0;
  /// Relative max-norm change that stops the iteration, > 0.
  double tolerance = 1e-10;
  /// Maximum number of sweeps (>= 1).
  int max_iterations = 1000;
  /// Use edge weights; ignored on unweighted graphs.
  bool use_weights = true;
  /// Scale the result to unit Euclidean norm.
  bool normalized = true;

  void validate() const;
};

struct KatzResult : IterativeResult {
  double alpha = 0.0;                  ///< the alpha used (the automatic choice when opts.alpha = 0)
  double spectral_radius_bound = 0.0;  ///< certified u >= lambda_max when alpha was automatic, else 0
};

/// Katz centrality (see above). Throws InvalidArgument for bad options or weights, a directed
/// graph without in-adjacency, or an iteration that overflows (alpha far above 1/lambda_max).
KatzResult katz(const CsrGraph& g, const KatzOptions& opts = {}, RunContext& ctx = RunContext::none());

}  // namespace peerscout::centrality
