#pragma once
/// Label propagation community detection (Raghavan, Albert & Kumara, "Near linear time algorithm to
/// detect community structures in large-scale networks", Phys. Rev. E 76:036106, 2007),
/// deterministic and parallel.
///
/// Every vertex starts with its own label and repeatedly adopts the label carried by the largest
/// total edge weight among its neighbours (self-loops ignored). Rules that make it deterministic and
/// free of oscillation:
/// - a vertex keeps its current label whenever that label is among the heaviest (so a vertex only
///   changes label when the change strictly increases its agreement with its neighbours);
/// - among several heaviest labels (none of them the current one) the one with the smallest
///   hash(seed, round, v, label) wins: a uniformly random choice, as in the original algorithm,
///   but a pure function of the seed, the round and the vertex;
/// - a round updates the active vertices in batches: batch membership is drawn from
///   hash(seed, round, v) (a new random split each round), the labels of one batch are computed in
///   parallel from the labels left by the previous batches, then written. This is asynchronous
///   label propagation at batch granularity: the synchronous 2-cycles (bipartite flip-flops) of
///   Jacobi updates need two neighbours to land in the same batch round after round, which the
///   re-drawn batches prevent;
/// - only vertices with a neighbour that changed label in the previous round are re-examined, and
///   of those only the ones whose label might change: a neighbour u of a vertex v that changed to
///   label l is skipped when u already holds l and was not examined in v's batch or a later one
///   (v's change only added weight to u's label), or when u was examined in a later batch than v
///   (u already saw l; a later change of another neighbour marks u through that neighbour).
/// It stops when a round changes no label (converged), after max_iterations rounds, or once a round
/// changes fewer than tolerance * n labels (tolerance > 0; GVE-LPA's rule, Sahu 2023; not
/// converged then). The partition is identical for any thread count.
///
/// MPI (docs/hpc.md): with several ranks in ctx.comm() (and more than 4096 vertices) each rank
/// evaluates its share of every batch and all proposals are gathered before they are applied: the
/// partition equals the single-process one (collective).
/// Input: undirected CsrGraph (directed: InvalidArgument, see engine/symmetrize.hpp); weights finite
/// and >= 0. Complexity: O(m) per round (less once few vertices are active); memory O(n) plus, per
/// thread, a max-degree label buffer, a small hash table and (only when some degree exceeds 4,096)
/// a dense n-entry counter array.
#include <cstdint>
#include <vector>

#include "algorithms/community/partition.hpp"
#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::community {

struct LabelPropagationOptions {
  int max_iterations = 100;  ///< rounds, >= 1
  bool use_weights = true;   ///< ignored on unweighted graphs
  std::uint64_t seed = 1;
  /// Stop once a round changes fewer than tolerance * n labels, in [0, 1). 0 (the default): run to
  /// convergence; the last rounds change few labels but also examine few vertices, so they are cheap
  /// (R-MAT scale 21: rounds after the third < 2% of the time).
  double tolerance = 0.0;
  void validate() const;     ///< throws InvalidArgument naming the offending field
};

struct LabelPropagationResult {
  Partition partition;     ///< canonical
  int iterations = 0;      ///< rounds performed
  bool converged = false;  ///< the last round changed no label
  std::uint64_t arcs_scanned = 0;  ///< adjacency entries read (work measure for benchmarks)
};

LabelPropagationResult label_propagation(const CsrGraph& g, const LabelPropagationOptions& opts = {},
                                         RunContext& ctx = RunContext::none());

}  // namespace peerscout::community
