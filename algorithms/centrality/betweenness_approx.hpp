#pragma once
/// Approximate betweenness with a uniform guarantee: every vertex within epsilon of its exact
/// normalized betweenness, simultaneously for all vertices, with probability >= 1 - delta.
///
/// Normalization: b(v) = 1/(n(n-1)) * sum over ORDERED pairs (s, t), s != t, of sigma_st(v) /
/// sigma_st, in [0, 1]. This equals betweenness(g, {.normalized = true}) (directed: raw / (n(n-1));
/// undirected: igraph's raw value / (n(n-1)/2)).
///
/// Sampling (both methods): sample i draws an ordered pair (s, t), s != t, uniformly, and a shortest
/// s-t path uniformly among all of them, from Rng::for_item(seed, Stream::kSourceSample, i) only;
/// every internal vertex of the path gets a count. Since E[count(v)] per sample = b(v), count / samples
/// estimates b(v). Samples are keyed by their index and counts are integers, so the result is
/// identical for any thread count (the stopping rule is evaluated at fixed sample counts).
/// Paths: unweighted, a balanced bidirectional BFS (expand the side whose frontier has the smaller
/// degree sum, collect all arcs joining the two balls, pick one with probability proportional to the
/// product of the path counts at its ends, then walk back to s and t choosing predecessors
/// proportionally to their path counts); weighted (use_weights; arc length 1/w, igraph's 1e-10 tie
/// rule as in betweenness()), a Dijkstra from s stopped when t is settled, then the same backward walk.
///
/// Methods.
/// - Riondato-Kornaropoulos (adaptive = false): M. Riondato & E. M. Kornaropoulos, "Fast
///   approximation of betweenness centrality through sampling", Data Min. Knowl. Disc. 30(2), 2016.
///   omega = ceil(0.5 / eps^2 * (floor(log2(VD - 2)) + 1 + ln(1/delta))) samples, VD an upper bound on
///   the vertex diameter (detail/path_bounds.hpp: BFS eccentricities, SCC condensation for directed
///   graphs; component sizes when weighted); by the VC-dimension bound this gives the guarantee.
/// - KADABRA (adaptive = true, default): M. Borassi & E. Natale, "KADABRA is an ADaptive Algorithm
///   for Betweenness via Random Approximation", ESA 2016 / ACM J. Exp. Algorithmics 24, 2019.
///   omega as above with ln(2/delta) (the RK guarantee at delta/2 if sampling runs to omega). A first
///   phase of ceil(omega/100) samples estimates b'(v); per-vertex failure budgets
///   delta_L(v) = delta_U(v) = exp(-C eps^2 / b'(v)) + delta * 0.001 / (4n) are chosen with the
///   smallest C (bisection) such that their sum over all vertices is <= delta/2. The second phase,
///   with fresh samples, stops at the first checkpoint tau (checkpoints every max(256, tau/16)
///   samples) where for every vertex f(b~, delta_L, omega, tau) < eps and g(b~, delta_U, omega, tau)
///   < eps (the paper's Theorem 6 bounds), or at tau = omega. The estimate uses phase-2 samples only.
///
/// MPI (docs/hpc.md): with several ranks in ctx.comm(), each rank draws its share of every sample
/// index range and the integer counts are summed at every checkpoint: the result equals the
/// single-process one (collective).
/// Complexity: O(samples * cost of one path); a balanced bidirectional BFS on social (heavy-tailed)
/// graphs touches far fewer than m arcs. Memory: 4 bytes per vertex of counts plus per-thread
/// scratch of about 14 bytes per vertex (plus 8 for the Dijkstra lengths when weighted); KADABRA
/// adds 8 bytes per vertex. Needs the in-adjacency of directed graphs. Calls ctx.check_cancelled()
/// and ctx.report("betweenness_approx", fraction of omega) at every checkpoint.
/// See docs/algorithms/betweenness.md.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::centrality {

struct BetweennessApproxOptions {
  double epsilon = 0.01;  ///< absolute error bound on the normalized betweenness, in (0, 1)
  double delta = 0.1;     ///< failure probability of the whole guarantee, in (0, 1)
  std::uint64_t seed = 1;
  bool use_weights = false;  ///< arc length 1/weight (weights = strengths); ignored on unweighted graphs
  bool adaptive = true;      ///< KADABRA (true) or the fixed Riondato-Kornaropoulos sample size (false)
  void validate() const;     ///< throws InvalidArgument naming the field
};

struct BetweennessApproxResult {
  std::vector<double> score;          ///< normalized by n(n-1) ordered pairs, in [0, 1]
  std::uint64_t samples = 0;          ///< sampled pairs behind `score`
  std::uint64_t samples_total = 0;    ///< including KADABRA's calibration phase
  std::uint64_t omega = 0;            ///< the Riondato-Kornaropoulos sample size (the cap)
  std::uint64_t vertex_diameter = 0;  ///< the upper bound VD used
  double epsilon = 0, delta = 0;
  std::string method;                 ///< "kadabra" or "riondato-kornaropoulos"
  double seconds = 0;
};

/// Approximate normalized betweenness (see the file comment). Throws InvalidArgument for bad
/// options, bad weights (when used) or a directed graph without in-adjacency.
BetweennessApproxResult betweenness_approx(const CsrGraph& g, const BetweennessApproxOptions& opts = {},
                                           RunContext& ctx = RunContext::none());

}  // namespace peerscout::centrality
