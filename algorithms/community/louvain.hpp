#pragma once
/// Louvain community detection (Blondel, Guillaume, Lambiotte & Lefebvre, "Fast unfolding of
/// communities in large networks", J. Stat. Mech. P10008, 2008): local moving of vertices between
/// neighbouring communities, then aggregation of each community into one node, repeated until a
/// level moves nothing. Objective: modularity with resolution, or CPM (quality.hpp).
///
/// It shares the engine of leiden() (leiden.hpp) without the refinement step: the same batched,
/// deterministic local moving (identical results for any thread count), the aggregate of a level is
/// the local-moving partition itself, and a single pass of the multi-level scheme is made, like
/// igraph_community_multilevel. Unlike Leiden, a Louvain community may be internally disconnected
/// (Traag et al. 2019 show this happens in practice); use leiden() when that matters.
///
/// Input: undirected CsrGraph (directed: InvalidArgument, see engine/symmetrize.hpp), weights finite
/// and >= 0. Complexity: O(m) per local-moving round and level; memory as leiden().
#include <cstdint>
#include <vector>

#include "algorithms/community/partition.hpp"
#include "algorithms/community/quality.hpp"
#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::community {

struct LouvainOptions {
  Objective objective = Objective::kModularity;
  double resolution = 1.0;  ///< gamma >= 0 (finite)
  bool use_weights = true;  ///< ignored on unweighted graphs
  std::uint64_t seed = 1;   ///< vertex order of the local moving
  void validate() const;    ///< throws InvalidArgument naming the offending field
};

struct LouvainResult {
  Partition partition;   ///< canonical
  double quality = 0;    ///< recomputed from scratch (quality.hpp)
  /// Partition of the original vertices after each level, finest first (the last is `partition`).
  std::vector<Partition> levels;
};

LouvainResult louvain(const CsrGraph& g, const LouvainOptions& opts = {}, RunContext& ctx = RunContext::none());

}  // namespace peerscout::community
