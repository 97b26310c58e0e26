#pragma once
/// Exact betweenness centrality (Brandes' algorithm), parallel over sources.
///
/// Definition. b(v) = sum over pairs (s, t), s != v != t, of sigma_st(v) / sigma_st, where sigma_st
/// is the number of shortest s-t paths and sigma_st(v) the number of those through v. Directed
/// graphs: ordered pairs and directed paths (along the arcs). Undirected graphs: each unordered pair
/// {s, t} once. These raw values equal igraph_betweenness(graph, res, all, directed = true, weights)
/// of igraph 0.10, the oracle in tests/algorithms/centrality/betweenness_test.cpp.
/// Path counting follows igraph: parallel arcs (Duplicates::kKeepAll) are distinct paths, self-loops
/// never lie on a shortest path, the endpoints s and t get nothing.
///
/// Weights (use_weights, on weighted graphs). An arc of weight w (an interaction strength) has length
/// 1/w: a heavy tie is a short one, so shortest paths prefer strong ties. Weights must be finite and
/// > 0 (InvalidArgument otherwise). Path lengths are doubles; two lengths a, b count as equal (both
/// paths are shortest) when |a - b| / (|a| + |b|) < 1e-10, with lengths stored offset by +1 (the
/// source at 1.0): exactly igraph_cmp_epsilon with IGRAPH_SHORTEST_PATH_EPSILON on igraph's own
/// representation, so equal-length paths that differ only by rounding (1/3 + 1/6 vs 1/2) are tied as
/// in igraph. Lengths below about 1e-10 times a path length make ties ill-defined (igraph warns).
///
/// Normalization (normalized = true): the raw value divided by the number of pairs counted,
/// n(n-1) ordered pairs for directed graphs and n(n-1)/2 unordered pairs for undirected ones. The
/// result is the fraction of (s, t) pairs, weighted by 1/sigma_st per path, that pass through v: the
/// normalization of betweenness_approx() (Riondato & Kornaropoulos), so both are directly
/// comparable. networkx divides by (n-1)(n-2) (pairs not involving v) instead: multiply ours by
/// n / (n-2) to get its value. Graphs with fewer than 2 vertices: all zero.
///
/// Method. U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25(2), 2001:
/// one single-source shortest-path search per source (BFS, or Dijkstra with a binary heap when
/// weighted) counting shortest paths, then dependencies accumulated in reverse settle order. The
/// accumulation pulls from successors (a vertex sums (1 + delta_w) / sigma_w over the out-neighbours w
/// one level further), so no predecessor lists are stored.
///
/// Determinism. Sources are cut into fixed blocks (the size depends on n only); each block adds its
/// sources' dependencies, in source order, into its own array, and block arrays are added to the
/// result in block order. The result is therefore bit-identical for any thread count. Blocks run in
/// waves of at most 32 (fewer when n is large: at most 256 MB of block arrays), so the extra memory is
/// O(n * 32) doubles plus per-thread scratch (about 24 bytes per vertex), never O(n^2).
///
/// Complexity. Time O(n m) unweighted, O(n (m + n) log n) weighted; parallel over sources.
/// Calls ctx.check_cancelled() and ctx.report("betweenness", fraction) between waves (from the
/// calling thread). See docs/algorithms/betweenness.md.
#include <vector>

#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::centrality {

struct BetweennessOptions {
  /// Use edge weights as interaction strengths: arc length = 1/weight. Ignored on unweighted graphs.
  bool use_weights = true;
  /// Divide by the number of pairs counted: n(n-1) (directed) or n(n-1)/2 (undirected).
  bool normalized = false;
};

struct BetweennessResult {
  std::vector<double> score;  ///< indexed by VertexId
  double seconds = 0;         ///< wall time of the computation
};

/// Exact betweenness of every vertex (see the file comment for the conventions).
/// Throws InvalidArgument for non-positive, NaN or infinite weights when they are used.
BetweennessResult betweenness(const CsrGraph& g, const BetweennessOptions& opts = {},
                              RunContext& ctx = RunContext::none());

}  // namespace peerscout::centrality
