#pragma once
/// Exact top-k closeness and harmonic centrality without computing every vertex's score.
///
/// Definitions, directions, weights and normalizations: closeness.hpp (ClosenessOptions). The
/// result is exactly the first k vertices of the order (score descending, vertex id ascending) of
/// closeness(g, opts) / harmonic(g, opts), with bit-identical scores (the same formulas, summed in
/// the same order); NaN scores (igraph's convention, vertices that reach nothing) rank last.
///
/// Method: E. Bergamini, M. Borassi, P. Crescenzi, A. Marino, H. Meyerhenke, "Computing top-k
/// closeness centrality faster in unweighted graphs", ALENEX 2016 / ACM TKDD 13(5), 2019. Vertices
/// are processed by decreasing degree (in the measured direction), each with a BFS that is cut as
/// soon as an upper bound on its score falls below the current k-th score. The bound after level L
/// (x vertices found, distance sum S_x, harmonic sum H_x): at most N = min(sum over level-L vertices
/// of (degree - 1 when undirected and L >= 1), K) vertices lie at distance L + 1 and the other K - N
/// at distance >= L + 2, where K = (reach upper bound of the vertex) - x (detail/path_bounds.hpp:
/// exact component sizes when undirected, SCC-condensation sums when directed). Harmonic: H_x +
/// N/(L+1) + (K-N)/(L+2). Closeness: the score for k more vertices at the smallest possible distances
/// is quasi-convex in k on [0, N] and on [N, K], so its maximum is at k in {0, N, K}. Weighted graphs
/// (use_weights): a Dijkstra cut with the same bounds, every unsettled vertex being at distance >= the
/// smallest queued distance.
/// Parallel: fixed batches of 64 vertices (in processing order) run concurrently with the k-th score
/// as it stood before the batch; results are merged in batch order. Output and bfs_visits are
/// therefore identical for any thread count.
/// Complexity: O(n m) in the worst case; on social graphs most searches stop within two levels.
/// Memory: O(n) per thread. Calls ctx.check_cancelled() and ctx.report() between batches.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "algorithms/centrality/closeness.hpp"
#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::centrality {

struct TopKResult {
  std::vector<VertexId> vertices;  ///< min(k, n) vertices, score descending, ties by vertex id
  std::vector<double> score;       ///< their exact scores
  std::uint64_t bfs_visits = 0;    ///< vertices settled by all (cut) searches together
};

/// The k vertices of highest closeness (ClosenessOptions as for closeness()).
TopKResult top_k_closeness(const CsrGraph& g, std::size_t k, const ClosenessOptions& opts = {},
                           RunContext& ctx = RunContext::none());

/// The k vertices of highest harmonic centrality.
TopKResult top_k_harmonic(const CsrGraph& g, std::size_t k, const ClosenessOptions& opts = {},
                          RunContext& ctx = RunContext::none());

}  // namespace peerscout::centrality
