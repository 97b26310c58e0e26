#pragma once
/// Comparison of two partitions of the same vertex set.
///
/// With n vertices, n_ij the number of vertices in community i of `a` and j of `b`, a_i and b_j the
/// community sizes, p = count / n and natural logarithms:
/// - H(a) = -sum_i p_i ln p_i, mutual information I = sum_ij p_ij ln(p_ij / (p_i p_j));
/// - NMI (Danon, Diaz-Guilera, Duch & Arenas 2005) = 2 I / (H(a) + H(b)), and 1 when both
///   entropies are 0 (both partitions have one community);
/// - VI (Meila 2007) = H(a) + H(b) - 2 I (natural log, not normalized);
/// - ARI (Hubert & Arabie 1985): adjusted Rand index, with the pair fractions used by igraph;
///   1 when the expected index is 1 (e.g. both partitions have one community).
/// These are the definitions of igraph_compare_communities (IGRAPH_COMMCMP_NMI, _ADJUSTED_RAND,
/// _VI), matched to 1e-12 in tests. Labels may be any uint32 values.
/// Throws InvalidArgument when the sizes differ; the ARI needs n >= 2 (n < 2: ari = 1 by convention
/// when the partitions are equal, which igraph rejects).
/// Complexity: O(n log n) time (sort of the label pairs), O(n) memory.
#include <cstdint>
#include <vector>

namespace peerscout::community {

struct Comparison {
  double nmi = 0;  ///< normalized mutual information in [0, 1]
  double ari = 0;  ///< adjusted Rand index, <= 1 (about 0 for independent partitions)
  double vi = 0;   ///< variation of information, >= 0, natural log
};

Comparison compare(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b);

}  // namespace peerscout::community
