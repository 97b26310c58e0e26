#pragma once
/// Personalized PageRank from a seed set: "who do my customers trust?". The random surfer starts
/// at, and teleports back to, the seeds (e.g. the CRM customer list), so the score of v measures
/// how strongly attention flows from the customers to v.
///
/// References: G. Jeh & J. Widom, "Scaling personalized web search", WWW 2003 (personalized
/// PageRank, linearity); R. Andersen, F. Chung & K. Lang, "Local graph partitioning using PageRank
/// vectors", FOCS 2006 (forward push); P. Berkhin, "Bookmark-coloring algorithm for personalized
/// PageRank computing", Internet Math. 3(1), 2006; D. F. Gleich, "PageRank beyond the Web", SIAM
/// Review 57(3), 2015. See docs/algorithms/personalized_pagerank.md.
///
/// Model (both functions): the PageRank walk of pagerank.hpp (attention flows along arcs, out-arc
/// chosen proportionally to its weight, undirected self-loops followed twice) with teleport vector
/// t = uniform over the DISTINCT seeds (a seed listed twice counts once). Dangling vertices (no
/// out-arc of positive weight) jump to t as well: exactly igraph_personalized_pagerank(_vs) with
/// PRPACK, the oracle in tests/algorithms/centrality/personalized_pagerank_test.cpp.
///
/// personalized_pagerank: the exact solution by pagerank() (pull Jacobi iteration; L1 error below
///   damping/(1-damping) * tolerance, 5.7e-10 with the defaults). Time O(iterations * (n + m)).
///
/// personalized_pagerank_push: the forward-push approximation, whose cost depends on epsilon, not
///   on the graph size: a local method for small seed sets on huge graphs. It keeps an estimate p
///   and a residual r (r = t initially) and repeatedly "pushes" every vertex u whose residual
///   exceeds epsilon * d(u): p(u) += (1-damping) r(u), and damping * r(u) is spread over u's
///   out-arcs in proportion to their weights (to t for a dangling u); r(u) = 0. Here d(u) is u's
///   out-weight (out-degree when unweighted; an undirected loop counts twice), or 1 for a dangling
///   vertex. Invariant: pi = p + PPR(r), so
///     * 0 <= pi(v) - score(v) for every v (score is a lower bound), and
///     * ||pi - score||_1 = ||r||_1 <= error_bound (also a bound on every single entry);
///     * undirected graphs without isolated vertices (reversible walk):
///       pi(v) - score(v) <= epsilon * d(v) (Andersen-Chung-Lang), up to the numerical slack;
///     * cost: sum over pushes of max(d(u), 1) <= 1 / ((1 - damping) * epsilon) when unweighted
///       (each push moves at least (1-damping) epsilon d(u) of mass into p, whose total is <= 1).
///   Parallel and deterministic: synchronous rounds (every vertex over the threshold at the start
///   of a round pushes in that round); residuals are kept in 64-bit fixed point (units of 2^-62),
///   so contributions can be added with atomic integer adds in any order and the result is
///   bit-identical for any thread count. Each contribution is rounded down to the unit; that loss
///   (< 2^-62 per arc push) and the floating-point error of the estimate are bounded and included
///   in error_bound. Mass pushed by dangling vertices is pooled and handed to the seeds at the end
///   of each round (the remainder that does not divide evenly stays pooled and counts as residual).
///   score sums to 1 - residual_l1 up to that slack.
#include <cstdint>
#include <vector>

#include "algorithms/centrality/pagerank.hpp"
#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::centrality {

/// Exact personalized PageRank with teleport (and dangling jumps) uniform over the distinct
/// `seeds`. opts.personalization must be empty (the seeds define it); the other options act as in
/// pagerank(). Throws InvalidArgument for an empty seed list, a seed id >= n, or bad options.
PageRankResult personalized_pagerank(const CsrGraph& g, const std::vector<VertexId>& seeds,
                                     const PageRankOptions& opts = {}, RunContext& ctx = RunContext::none());

/// Options for personalized_pagerank_push(). validate() throws InvalidArgument naming the field.
struct PushOptions {
  /// Probability of following an arc, in [0, 1).
  double damping = 0.85;
  /// Residual threshold per unit of out-weight, in [1e-15, 1]: u is pushed while
  /// r(u) > epsilon * d(u). Work is O(1 / ((1 - damping) epsilon)).
  double epsilon = 1e-7;
  /// Use edge weights (must be finite and >= 0). Ignored on unweighted graphs.
  bool use_weights = true;

  void validate() const;
};

struct PushResult {
  std::vector<double> score;      ///< p: lower bound on personalized PageRank, indexed by VertexId
  double residual_l1 = 0.0;       ///< ||r||_1 left (including pooled dangling mass)
  double error_bound = 0.0;       ///< residual_l1 + numerical slack: ||pi - score||_1 <= error_bound
  std::uint64_t pushes = 0;       ///< vertex pushes performed
  std::uint64_t arcs_scanned = 0; ///< arcs traversed by the pushes (the work)
  int rounds = 0;                 ///< synchronous rounds
};

/// Forward-push approximation of personalized PageRank (see above). Needs no in-adjacency.
/// Throws InvalidArgument for an empty seed list, a seed id >= n, bad options or bad weights.
PushResult personalized_pagerank_push(const CsrGraph& g, const std::vector<VertexId>& seeds,
                                      const PushOptions& opts = {}, RunContext& ctx = RunContext::none());

}  // namespace peerscout::centrality
