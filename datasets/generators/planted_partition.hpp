#pragma once
/// Planted-partition benchmark graphs with ground truth, in the spirit of LFR (Lancichinetti,
/// Fortunato & Radicchi, Phys. Rev. E 78:046110, 2008): power-law degrees, power-law community
/// sizes and a mixing parameter mu, realised as a degree-corrected stochastic block model
/// (Karrer & Newman, Phys. Rev. E 83:016107, 2011) with Chung-Lu edge sampling.
///
/// Model:
/// 1. Community sizes: `communities` > 0 gives equal sizes (n / communities, the first n mod
///    communities one larger); 0 draws sizes from a power law P(s) ~ s^-size_exponent on
///    [s_min, s_max] with s_min = max(10, ceil(average_degree)) and
///    s_max = max(2 s_min, min(n / 10, 50 s_min)) until they cover n (the last one takes the rest;
///    a rest below s_min joins the previous community).
/// 2. Membership: a seeded random permutation of the vertices is cut into those sizes.
/// 3. Expected degrees k_v: continuous power law P(k) ~ k^-degree_exponent on [k_min, k_max] with
///    k_max = min(n - 1, 10 * average_degree) and k_min solved so that the mean is average_degree.
///    Each vertex splits k_v into an internal part min((1 - mu) k_v, size(c) - 1) and an external
///    part (the rest), so mu is the expected fraction of its edges leaving its community (higher
///    for hubs of small communities, whose internal part is capped).
/// 4. Edges: community c gets round(sum of internal parts / 2) edges whose endpoints are both drawn
///    inside c proportionally to the internal parts; then round(sum of external parts / 2) edges
///    with endpoints drawn over all vertices proportionally to the external parts, redrawn (up to
///    16 times) while both fall in the same community. Self-loops are redrawn too. Duplicates are
///    kept (to_graph() merges them with the default policies), so the realised average degree is
///    slightly below average_degree on dense settings.
/// Edges are undirected (listed once, as u -> v); build with to_graph(g, {.directed = false}).
///
/// Determinism: sizes and the permutation come from one serial stream, each degree from
/// Rng::for_item(seed, kGenerator, v, 1), and edge i from the generator of its block of 4096 edges
/// (Rng::for_item(seed, kGenerator, block, 2)): identical output for any thread count.
/// Complexity: O(n + m log n) work (binary searches over cumulative weights), parallel over edge
/// blocks; memory O(n) plus the output (8 bytes per edge).
#include <cstdint>
#include <vector>

#include "datasets/generators/generated_edges.hpp"
#include "engine/run_context.hpp"

namespace peerscout::datasets {

struct PlantedPartitionOptions {
  VertexId n = 10000;              ///< vertices, >= 2
  std::uint32_t communities = 0;   ///< 0: heavy-tailed sizes; else equal sizes, in [1, n / 2]
  double average_degree = 20;      ///< expected mean degree, in (0, n - 1)
  double mu = 0.3;                 ///< mixing: expected fraction of a vertex's edges leaving its community, [0, 1]
  double degree_exponent = 2.5;    ///< > 1
  double size_exponent = 1.5;      ///< > 1
  std::uint64_t seed = 1;
  void validate() const;           ///< throws InvalidArgument naming the offending field
};

struct PlantedPartition {
  GeneratedEdges graph;                  ///< undirected edges, each once
  std::vector<std::uint32_t> membership; ///< planted community per vertex, ids 0..k-1 in generation order
};

PlantedPartition planted_partition(const PlantedPartitionOptions& opts, RunContext& ctx = RunContext::none());

}  // namespace peerscout::datasets
