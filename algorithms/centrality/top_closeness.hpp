#pragma once
/// Exact top-k closeness and harmonic centrality without computing every vertex's score.
///
/// Definitions, directions, weights and normalizations: closeness.hpp (ClosenessOptions). The
/// result is exactly the first k vertices of the order (score descending, vertex id ascending) of
/// closeness(g, opts) / harmonic(g, opts), with bit-identical scores (the same formulas, summed in
/// the same order); NaN scores (igraph's convention, vertices that reach nothing) rank last.
///
/// Method: E. Bergamini, M. Borassi, P. Crescenzi, A. Marino, H. Meyerhenke, "Computing top-k
/// closeness centrality faster in unweighted graphs", ALENEX 2016 / ACM TKDD 13(5), 2019: every
/// vertex gets a BFS that is cut as soon as an upper bound on its score falls below the current k-th
/// score. The bound while level L is expanded (x vertices found, distance sum S_x, harmonic sum H_x):
/// the vertices found so far at distance L + 1 are known, at most N more lie at distance L + 1 (N =
/// the frontier's not yet scanned arcs, minus one parent arc per frontier vertex not yet started
/// when undirected and L >= 1; checked every 256 arcs, so every arc into a visited vertex tightens
/// it) and the other K - N at distance >= L + 2, where K = (reach upper bound of the vertex) - x
/// (detail/path_bounds.hpp: exact component sizes when undirected, SCC-condensation sums when
/// directed). Harmonic: H_x + N/(L+1) + (K-N)/(L+2). Closeness: when the reach is exact the score of
/// that arrangement; otherwise the score for k more vertices at the smallest possible distances is
/// quasi-convex in k between breakpoints, so its maximum is at k in {0, breakpoints, K}.
/// Two additions make the bound strong on low-diameter social graphs, where scores crowd near the
/// k-th and plain BFSCut degenerates into near-complete searches:
/// - Distance certificates from probes (unweighted, transpose available): the vertices with the
///   cheapest 2-balls along the reversed arcs (sum over the 2-ball's arcs, cheapest first, at least
///   2 and at most 8 arcs scanned per arc of g, stopping at n/4 probes past the minimum) each mark
///   the vertices within 2 arcs of them; far(v) = probes that v does not reach within 2 arcs lie at
///   distance >= 3 (or nowhere), so while L <= 1 at most n - 1 - x - far(v) unknown vertices are
///   within distance 2. This yields a static bound per vertex (its search's first check): vertices
///   are processed by decreasing static bound (then degree, then id) and the loop stops as soon as
///   the next static bound is below the k-th score.
/// - Direction-optimizing BFS (S. Beamer, K. Asanovic, D. Patterson, SC 2012): a search whose
///   frontier holds more than 1/14 of the unexplored arcs continues bottom-up over three n-bit
///   bitmaps (unseen vertices look for a frontier vertex among their reversed arcs), with the bound
///   checked between levels. The searches that survive (mostly the true top k) cost a fraction of a
///   top-down BFS.
/// Weighted graphs (use_weights): a Dijkstra cut with the same bounds, every unsettled vertex being at
/// distance >= the smallest queued distance, in decreasing degree order, without probes.
/// Parallel: fixed batches of 64 vertices (in processing order) run concurrently with the k-th score
/// as it stood before the batch; results are merged in batch order. The output and every counter of
/// TopKResult are therefore identical for any thread count.
/// Complexity: O(n m) in the worst case; on social graphs most searches stop at their static bound
/// or within two levels. Memory: O(n) per thread (level array, queue, 3 n-bit maps, probe stamps).
/// Calls ctx.check_cancelled() and ctx.report() between batches.
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
  std::uint64_t probes = 0;        ///< probe vertices whose 2-balls certified distances >= 3
  std::uint64_t bottom_up_levels = 0;  ///< BFS levels run bottom-up (direction-optimizing)
};

/// The k vertices of highest closeness (ClosenessOptions as for closeness()).
TopKResult top_k_closeness(const CsrGraph& g, std::size_t k, const ClosenessOptions& opts = {},
                           RunContext& ctx = RunContext::none());

/// The k vertices of highest harmonic centrality.
TopKResult top_k_harmonic(const CsrGraph& g, std::size_t k, const ClosenessOptions& opts = {},
                          RunContext& ctx = RunContext::none());

}  // namespace peerscout::centrality
