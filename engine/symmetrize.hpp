#pragma once
/// Directed layer -> undirected graph, for community detection (modularity, Leiden, Louvain and
/// label propagation work on undirected graphs).
///
/// Every arc u->v (u != v) becomes the undirected edge {u, v}. Parallel arcs u->v of a multigraph
/// are first added up (they are one relationship). When both directions exist, the edge weight
/// combines w(u->v) and w(v->u) by `rule`; an arc without a reverse keeps its own weight under every
/// rule. On an unweighted graph every arc weighs 1, so a reciprocal pair weighs:
///   kSum  -> 2   (reciprocity counts as a stronger tie; the default)
///   kMax  -> 1   (a tie is a tie)
///   kMean -> 1   (the mean of the two directions)
/// The result is weighted unless the input is unweighted and the rule is kMax or kMean (then all
/// weights would be 1 and it stays unweighted). A self-loop u->u becomes the undirected loop {u, u}
/// with the summed weight of its arcs (it is its own reverse: no rule applies).
/// An undirected input is returned as a copy.
///
/// Determinism: neighbour lists are sorted merges of the out- and in-lists; identical for any thread
/// count. Complexity: O(n + m) time in two parallel passes (count, fill); memory: the output
/// (plus a transpose when the input has no in-adjacency).
#include "engine/csr_graph.hpp"

namespace peerscout {

enum class SymmetrizeWeights {
  kSum,   ///< w(u,v) = w(u->v) + w(v->u)
  kMax,   ///< w(u,v) = max(w(u->v), w(v->u))
  kMean,  ///< w(u,v) = (w(u->v) + w(v->u)) / 2 when both exist, else the single weight
};

CsrGraph symmetrize(const CsrGraph& directed, SymmetrizeWeights rule = SymmetrizeWeights::kSum);

}  // namespace peerscout
