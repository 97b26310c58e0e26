#pragma once
/// Closeness and harmonic centrality: exact (all sources) and sampled (Eppstein-Wang with error
/// bars).
///
/// Distances. d(u, v) is the length of a shortest path from u to v along the arcs ("u reaches v").
/// On a follows layer (arc u -> v: "u follows v") that is the direction of attention: u's closeness
/// tells how few hops separate u from the accounts it (indirectly) follows. `reverse = true` uses
/// d(v, u) instead ("v reaches u"): how few hops u's posts need to reach its direct and indirect
/// followers, usually the question a campaign asks. Undirected graphs: both are the same.
/// igraph's mode IGRAPH_OUT is reverse = false, IGRAPH_IN is reverse = true.
/// Weights (use_weights, weighted graphs): arc length 1/w (a weight is an interaction strength), as
/// in betweenness(); weights must be finite and > 0. Parallel arcs and self-loops do not change
/// distances.
///
/// Closeness of u, with r = number of vertices u reaches (u excluded) and S = sum of their
/// distances:
///   - wasserman_faust = true (default): C(u) = (r / (n-1)) * (r / S) = r^2 / ((n-1) S), and 0 when
///     r = 0. S. Wasserman & K. Faust, "Social Network Analysis", 1994, eq. 5.5; networkx's
///     closeness_centrality(wf_improved=True). In a (strongly) connected graph this is (n-1)/S, the
///     classic normalized closeness (Bavelas 1950, Sabidussi 1966); in a disconnected one it scales
///     the inverse mean distance by the reachable fraction, so a vertex that reaches two neighbours
///     does not outrank a hub. `normalized` is ignored (the formula is normalized by construction).
///   - wasserman_faust = false: igraph_closeness of igraph 0.10: r / S when normalized (the inverse
///     mean distance to the REACHABLE vertices), 1 / S when not; NaN when r = 0.
/// Harmonic centrality of u: H(u) = sum over v != u of 1 / d(u, v), unreachable vertices adding 0
/// (Marchiori & Latora, Physica A 285, 2000; Rochat 2009; Boldi & Vigna, Internet Math. 10, 2014).
/// normalized = true (default) divides by n - 1, as igraph_harmonic_centrality(normalized = true);
/// graphs with fewer than 2 vertices are not divided.
///
/// Exact method: unweighted, all n sources as bit-parallel multi-source BFS traversals (up to 512 sources
/// per traversal, detail/ms_bfs.hpp): time O(n/512 * levels * (n + m)) word operations, memory
/// about 240 bytes per vertex plus 4 per BFS level; weighted, one Dijkstra per vertex, O(n (n + m) log n), parallel over
/// vertices. Results are identical for any thread count. Oracle: igraph_closeness and
/// igraph_harmonic_centrality (tests/algorithms/centrality/closeness_test.cpp).
///
/// Sampled method (closeness_sampled, harmonic_sampled): D. Eppstein & J. Wang, "Fast approximation
/// of centrality", J. Graph Algorithms Appl. 8(1), 2004, with post-stratification. Sources s_1..s_k
/// are drawn uniformly with replacement (s_i from Rng::for_item(seed, Stream::kSourceSample, i)); one
/// search from each along the reversed direction gives d(u, s_i) for every u. For each u the other
/// vertices split into strata of known size: unweighted, N1(u), its distinct out-neighbours
/// (distance 1, counted exactly); undirected, the vertices outside u's component (unreachable,
/// exact); the rest F(u), |F| = (component size - 1 or, directed, n - 1) - |N1|. Given how many
/// sources fall into F (k_F), those are i.i.d. uniform on F, so every sum over F is |F| times a mean
/// estimated from k_F values: harmonic, H(u) = (|N1| + |F| E_F[1/d]) / (n-1) (unbiased); closeness,
/// S(u) = |N1| + |F| E_F[d], r(u) exact when undirected and |N1| + |F| * (fraction of F reached)
/// when directed, the estimate r^2 / ((n-1) S). Values in F lie in [2, D(u)] unweighted
/// (distances; [min arc length, D(u)] weighted), D(u) an upper bound on u's eccentricity: the
/// minimum of the component size - 1 (undirected), the nearest sampled source plus the largest
/// sampled-source eccentricity (undirected), d(u, c) + ecc(c) through the highest-degree vertex c
/// (unweighted; for u in c's component, directed: in c's strongly connected component, where c
/// reaches all that u reaches), the vertex-diameter bound of detail/path_bounds.hpp minus 1 and the reach bound
/// r(u) (times the largest arc length 1/min weight when weighted); directed, unreached sources in
/// F count as 1/d = 0 and d = 0, so the ranges start at 0.
/// Error bars: error_bar[u] is the half-width of an interval around score[u] that holds the exact
/// value with probability >= 1 - delta, for each vertex separately (not simultaneously for all).
/// Each mean gets the empirical Bernstein bound of A. Maurer & M. Pontil ("Empirical Bernstein
/// bounds and sample variance penalization", COLT 2009, Thm. 4); closeness intervals map the
/// interval of E_F[d] (directed: of r and S, each at half the budget) through r^2 / ((n-1) S).
/// Sample count: samples > 0 uses exactly that many. samples = 0 is adaptive: checkpoints at
/// multiples of 512 (whole traversals: 512, 1024, ..., 4096, then steps of the largest multiple of
/// 512 <= k/4) below 0.8 k_max, plus 128 and 256 when k_max < 4096, stop at the first one where
/// every error bar is <= epsilon, at the latest at the Hoeffding (Eppstein-Wang) count
/// k_max = ceil(ln(8/delta) / (2 epsilon^2)). The J checkpoints below k_max share delta/2 equally
/// (empirical Bernstein at delta/(2J)); k_max (like a fixed sample count) gets the other delta/2,
/// split between two bounds: closeness, Hoeffding and empirical Bernstein; harmonic, empirical
/// Bernstein and Hoeffding's bound on the unstratified Eppstein-Wang mean over all k sources, the
/// two intervals intersected, so that at k_max harmonic error bars are <= epsilon * n/(n-1)
/// (unweighted; weighted: times the largest weight when it exceeds 1). A union bound over the fixed
/// list of checkpoints (total <= delta) makes the interval at the random stopping point hold with
/// probability >= 1 - delta. Closeness error bars can exceed epsilon at k_max (their range is the
/// diameter, not 1): they are reported as they are. docs/algorithms/closeness.md has the
/// derivation. With unweighted graphs the searches run as the multi-source BFS above (up to 512
/// sources per traversal); weighted graphs use one Dijkstra per source in fixed blocks.
/// Deterministic for a fixed seed and any thread count.
/// MPI (docs/hpc.md): with several ranks in ctx.comm(), closeness_sampled / harmonic_sampled split
/// the traversal batches (unweighted) or each wave's Dijkstra searches (weighted) over the ranks and
/// combine them in sample order: bit-identical to the single-process result (collective). The
/// exact closeness() and harmonic() are not distributed.
#include <cstdint>
#include <vector>

#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::centrality {

struct ClosenessOptions {
  /// Arc length 1/weight (weights = interaction strengths). Ignored on unweighted graphs.
  bool use_weights = true;
  /// Closeness only: Wasserman-Faust r^2/((n-1)S) (true) or igraph's convention (false).
  bool wasserman_faust = true;
  /// Harmonic: divide by n - 1. Closeness with wasserman_faust = false: r/S (true) or 1/S (false).
  bool normalized = true;
  /// false: d(u, v) along the arcs from u (IGRAPH_OUT); true: d(v, u), distances to u (IGRAPH_IN).
  /// Needs the in-adjacency of directed graphs (the build_csr default).
  bool reverse = false;
};

/// Exact closeness of every vertex. Throws InvalidArgument for bad weights (when used) or a
/// directed graph without in-adjacency when reverse = true.
std::vector<double> closeness(const CsrGraph& g, const ClosenessOptions& opts = {}, RunContext& ctx = RunContext::none());

/// Exact harmonic centrality of every vertex (same errors as closeness()).
std::vector<double> harmonic(const CsrGraph& g, const ClosenessOptions& opts = {}, RunContext& ctx = RunContext::none());

struct SampledClosenessOptions {
  /// Number of sampled sources; 0 = adaptive (see the file comment), from epsilon and delta.
  std::uint64_t samples = 0;
  /// Target half-width of every error bar (adaptive mode), in the units of the normalized score; > 0.
  double epsilon = 0.01;
  /// Failure probability of each vertex's interval, in (0, 1).
  double delta = 0.1;
  std::uint64_t seed = 1;
  /// What is estimated. closeness_sampled requires wasserman_faust = true (igraph's r/S is not a
  /// mean over vertices and cannot be sampled); normalized = false scales harmonic values and error
  /// bars by n - 1.
  ClosenessOptions measure = {};
  void validate() const;  ///< throws InvalidArgument naming the field
};

struct SampledResult {
  std::vector<double> score;      ///< estimate per vertex
  std::vector<double> error_bar;  ///< half-width: |exact - score| <= error_bar with prob. >= 1 - delta, per vertex
  std::uint64_t samples = 0;      ///< sources used
};

/// Sampled Wasserman-Faust closeness with per-vertex error bars.
SampledResult closeness_sampled(const CsrGraph& g, const SampledClosenessOptions& opts = {},
                                RunContext& ctx = RunContext::none());

/// Sampled harmonic centrality with per-vertex error bars.
SampledResult harmonic_sampled(const CsrGraph& g, const SampledClosenessOptions& opts = {},
                               RunContext& ctx = RunContext::none());

}  // namespace peerscout::centrality
