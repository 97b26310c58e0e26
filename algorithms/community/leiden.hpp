#pragma once
/// Leiden community detection (Traag, Waltman & van Eck, "From Louvain to Leiden: guaranteeing
/// well-connected communities", Scientific Reports 9:5233, 2019), parallel and deterministic.
///
/// Objective: modularity with resolution gamma, or the Constant Potts Model (see quality.hpp for the
/// exact normalization; it is igraph's). Internally both are sum_c [I_c - g * N_c^2] with node
/// weights n_v = strength and g = gamma / 2m (modularity) or n_v = 1 and g = gamma (CPM).
///
/// One iteration (as in the paper and igraph_community_leiden):
///   1. local moving: every vertex moves to the neighbouring community with the largest gain; only
///      vertices whose neighbourhood changed are revisited (the "fast local move" queue, run here as
///      rounds over the active set);
///   2. refinement: inside each community, start from singletons and merge only singleton vertices
///      that are well connected to the community into well-connected sub-clusters, choosing a
///      sub-cluster with probability proportional to exp(gain / randomness) among those with
///      gain >= 0 (randomness -> 0: greedy);
///   3. aggregation: one node per refined sub-cluster; the initial community of a node is the
///      (non-refined) community of step 1. Repeat 1-3 on the aggregate until local moving leaves
///      every node alone. Then every community is one refined sub-cluster, hence connected.
/// Iterations repeat (the next starts from the previous partition on the original graph) until an
/// iteration improves the quality by at most tolerance * |quality| (max_iterations = 0, capped at
/// kMaxLeidenIterations), or max_iterations times. The best partition seen is returned. On large
/// sparse graphs each further iteration keeps adding a little modularity for a long time (igraph's
/// iterated Leiden behaves the same), hence the relative tolerance.
///
/// Parallelism and determinism (architecture.md C5/C6). Local moving processes the active vertices
/// of a round in batches: batch membership is drawn from hash(seed, iteration, level, round, v);
/// the moves of a batch are evaluated in parallel against the state left by the previous batches
/// and applied serially in batch order, each re-checked against the current community weights
/// (moves into a community emptied meanwhile, or whose gain is no longer positive, are dropped).
/// The number of batches (8 to 128) follows the arcs of the active vertices (about 64k arcs per
/// batch). Levels with at most kSequentialLevelSize nodes and fewer than kSequentialLevelArcs arcs
/// use batches of one vertex in a random order (plain sequential local moving); small aggregate
/// levels with many arcs (dense after a few aggregations) are batched too. Refinement runs the communities in parallel, each one
/// serially with its own generator Rng::for_item(seed ^ keys, kTieBreak, smallest member), which
/// also draws the community's processing order (Fisher-Yates). Aggregation runs tasks of about 32k
/// arcs; an aggregate node with more arcs is split into member ranges whose partial lists are
/// merged in task order (tasks depend on the partition only). Ties go to the smaller community id. The partition,
/// quality and iteration count are therefore identical for any thread count. Batching (GVE-Leiden,
/// Sahu 2023, processes vertices asynchronously instead) trades a little quality for parallelism on
/// large levels; see docs/algorithms/leiden.md for measurements against igraph.
///
/// Input: an undirected CsrGraph (directed: InvalidArgument, use engine/symmetrize.hpp); weights
/// finite and >= 0 (InvalidArgument otherwise). Self-loops count as in igraph (twice).
/// Complexity: O(m) work per local-moving round and per level (near-linear overall on sparse graphs).
/// Memory: two aggregate graphs and one temporary list buffer, reused across levels and iterations
/// (each at most the input's arcs, 12 bytes per arc), O(n) per-vertex arrays, and one dense n-entry
/// double array per thread.
#include <cstdint>
#include <vector>

#include "algorithms/community/partition.hpp"
#include "algorithms/community/quality.hpp"
#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::community {

/// Cap on Leiden iterations when max_iterations = 0 ("until stable").
inline constexpr int kMaxLeidenIterations = 50;
/// Levels with at most this many nodes use sequential local moving (batches of one vertex) ...
inline constexpr std::uint32_t kSequentialLevelSize = 16384;
/// ... unless they have at least this many arcs (then batched as the large levels).
inline constexpr std::uint64_t kSequentialLevelArcs = 131072;
/// Cap on local-moving rounds per level.
inline constexpr int kMaxMoveRounds = 64;

struct LeidenOptions {
  Objective objective = Objective::kModularity;
  double resolution = 1.0;    ///< gamma >= 0 (finite)
  double randomness = 0.01;   ///< theta > 0 (finite): refinement randomness, as igraph's beta
  int max_iterations = 0;     ///< 0 = until stable (see tolerance); else exactly this many (>= 1)
  /// With max_iterations = 0, stop after an iteration that raises the quality by at most
  /// tolerance * |quality| (or leaves the partition unchanged). >= 0; 0 = until no improvement.
  double tolerance = 1e-5;
  bool use_weights = true;    ///< ignored on unweighted graphs
  std::uint64_t seed = 1;
  /// Optional starting partition (one label per vertex, any uint32 values); empty = singletons.
  std::vector<std::uint32_t> initial_membership = {};
  void validate() const;  ///< throws InvalidArgument naming the offending field
};

struct LeidenResult {
  Partition partition;  ///< canonical; every community induces a connected subgraph
  double quality = 0;   ///< quality(g, partition, objective, resolution), recomputed from scratch
  int iterations = 0;   ///< Leiden iterations performed
  /// Quality of each iteration's partition, in order (computed on the aggregate graph: equal to the
  /// recomputed quality up to rounding). `quality` is that of the best one, recomputed.
  std::vector<double> iteration_quality;
  /// Hierarchy, finest first, of the iteration that produced `partition`: levels[i] is the
  /// partition of the original vertices into the nodes of aggregation level i+1, i.e. the refined
  /// partition of level i (well-connected sub-communities), and the last entry is `partition`.
  /// The levels are nested (each is a union of blocks of the previous one) and every block of every
  /// level induces a connected subgraph.
  std::vector<Partition> levels;
};

LeidenResult leiden(const CsrGraph& g, const LeidenOptions& opts = {}, RunContext& ctx = RunContext::none());

namespace detail {

/// The multi-level engine shared by leiden() and louvain().
struct MultilevelConfig {
  Objective objective = Objective::kModularity;
  double resolution = 1.0;
  double randomness = 0.01;
  int max_iterations = 1;  ///< 0 = until stable (kMaxLeidenIterations)
  double tolerance = 0.0;
  bool use_weights = true;
  bool refine = true;      ///< false: Louvain (aggregate the local-moving partition itself)
  std::uint64_t seed = 1;
  const std::vector<std::uint32_t>* initial = nullptr;
  const char* name = "leiden";
};

LeidenResult multilevel(const CsrGraph& g, const MultilevelConfig& cfg, RunContext& ctx);

}  // namespace detail

}  // namespace peerscout::community
