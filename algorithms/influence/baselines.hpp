#pragma once
/// Heuristic seed selection: the baselines that IMM / OPIM-C must beat (bench/bench_influence.cpp,
/// tests). None has an approximation guarantee. All are deterministic (ties to the smaller id) and
/// serial (they are cheap next to the RR-set algorithms); excluded vertices are never chosen but
/// still count as neighbours. Each checks ctx.check_cancelled() before starting and per pick.
///
///   top_k_by_score: the k largest scores (e.g. follower count = DiffusionGraph::out_degree, or
///     PageRank from centrality::pagerank on the follows layer). NaN scores rank last.
///     O(n log k).
///   degree_discount: Chen, Wang & Yang, "Efficient influence maximization in social networks",
///     KDD 2009, for IC with a uniform probability p. The original (undirected) score is
///     dd_v = d_v - 2 t_v - (d_v - t_v) t_v p, with t_v the number of chosen neighbours. On the
///     directed diffusion graph we use the same first-order argument with the two roles separated:
///     v's expected extra spread is about (1 - t_in p)(1 + (d_out - t_out) p), where d_out = v's
///     receivers (followers), t_out = chosen receivers, t_in = chosen senders (who may already
///     activate v), giving dd_v = d_out - t_out - t_in - (d_out - t_out) t_in p. On a graph whose
///     arcs all come in reciprocal pairs (t_in = t_out) this is exactly Chen et al.'s formula.
///     For heterogeneous probabilities pass p = g.mean_probability(). O(k log n + sum of the chosen
///     vertices' degrees).
///   vote_rank: Zhang et al., "Identifying a set of influential spreaders in complex networks",
///     Sci. Rep. 6:27823 (2016), in networkx's directed convention: every vertex u votes for the
///     vertices that can activate it (its senders v, i.e. u follows v) with its voting ability
///     (initially 1); the vertex with the most votes is chosen, its ability drops to 0 and the
///     ability of its receivers drops by f = 1/<k>, <k> = 2m/n the mean total degree (floored at 0).
///     Stops early when no candidate has a positive score (so it may return fewer than k).
///     Abilities and scores are kept as exact integers in units of f' = 1/(2m) (ability =
///     max(0, 2m - c n) / 2m after c reductions), so ties are exact, not float accidents.
///     O(sum over affected voters of their followees + heap refreshes): scores are updated
///     incrementally and refreshed lazily on the heap (scores only decrease).
#include <cstddef>
#include <vector>

#include "algorithms/influence/diffusion.hpp"
#include "engine/run_context.hpp"

namespace peerscout::influence {

std::vector<VertexId> top_k_by_score(const std::vector<double>& score, std::size_t k,
                                     const std::vector<VertexId>& excluded = {}, RunContext& ctx = RunContext::none());

std::vector<VertexId> degree_discount(const DiffusionGraph& g, std::size_t k, double p,
                                      const std::vector<VertexId>& excluded = {}, RunContext& ctx = RunContext::none());

std::vector<VertexId> vote_rank(const DiffusionGraph& g, std::size_t k, const std::vector<VertexId>& excluded = {},
                                RunContext& ctx = RunContext::none());

/// Number of receivers (followers) of every vertex: the "top-k degree" score.
std::vector<double> follower_counts(const DiffusionGraph& g);

}  // namespace peerscout::influence
