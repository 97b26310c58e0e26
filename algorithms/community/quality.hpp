#pragma once
/// Quality functions of a partition: modularity (with resolution) and the Constant Potts Model.
///
/// Notation (undirected graph): A_uv edge weight (1 when unweighted or use_weights = false),
/// k_u = sum_v A_uv the strength (a self-loop of weight w adds 2w, as in igraph), 2m = sum_u k_u,
/// and for a community c: I_c = sum of A_uv over ordered pairs u, v in c (each internal edge twice,
/// a self-loop twice), K_c = sum of k_u over u in c, n_c = number of vertices.
///
/// - Modularity (Newman & Girvan 2004; resolution: Reichardt & Bornholdt 2006):
///     Q = 1/(2m) * sum_c [ I_c - gamma * K_c^2 / (2m) ]
///   equal to igraph_modularity(graph, membership, weights, resolution, directed = false).
///   Directed graphs use the directed formula of igraph_modularity (Leicht & Newman 2008):
///     Q = 1/m * sum_c [ I_c - gamma * K_c^out * K_c^in / m ],  I_c = weight of arcs inside c.
/// - CPM (Traag, Van Dooren & Nesterov 2011), normalized as igraph's Leiden reports its quality
///   with unit node weights:
///     H = 1/(2m) * sum_c [ I_c - gamma * n_c^2 ]
///   (undirected only). This differs from the textbook sum_c [e_c - gamma * C(n_c, 2)] by the
///   factor 1/m and the constant gamma * n / (2m), so both have the same optimum.
/// Graphs without edges (m = 0) have undefined quality: NaN is returned (as igraph does).
/// Labels may be any uint32 values. Weights must be finite and >= 0 (InvalidArgument otherwise).
///
/// Determinism: sums are taken over fixed blocks combined in order: identical for any thread count.
/// Complexity: O(n + m) time, O(n) memory.
#include <cstdint>
#include <vector>

#include "engine/csr_graph.hpp"

namespace peerscout::community {

enum class Objective {
  kModularity,  ///< modularity with resolution gamma (default 1)
  kCpm,         ///< Constant Potts Model with resolution gamma (node weights 1)
};

double modularity(const CsrGraph& g, const std::vector<std::uint32_t>& membership, double resolution = 1.0,
                  bool use_weights = true);

double cpm_quality(const CsrGraph& g, const std::vector<std::uint32_t>& membership, double resolution,
                   bool use_weights = true);

/// modularity() or cpm_quality() by `objective`.
double quality(const CsrGraph& g, const std::vector<std::uint32_t>& membership, Objective objective,
               double resolution, bool use_weights = true);

}  // namespace peerscout::community
