#pragma once
/// Partition of a vertex set into communities, with canonical numbering.
///
/// Canonical numbering: community ids are 0..count-1, numbered in order of first occurrence when
/// scanning vertices 0, 1, 2, ... (the community of vertex 0 is 0, the next new community met is
/// 1, ...). Two labelings that describe the same partition therefore have the same canonical
/// form, which makes results comparable and bit-identical across runs and thread counts.
///
/// Complexity: canonical() is O(n) time with a dense table when the labels are below 2n + 1024,
/// else O(n log n) (sort); memory O(n).
#include <cstdint>
#include <vector>

#include "engine/csr_graph.hpp"

namespace peerscout::community {

struct Partition {
  std::vector<std::uint32_t> membership;  ///< community id per vertex, canonical (see above)
  std::uint32_t count = 0;                ///< number of communities (0 for the null graph)
};

/// Relabels `labels` by first occurrence (any uint32 labels accepted).
Partition canonical(std::vector<std::uint32_t> labels);

/// Number of vertices in each community of a canonical partition (size p.count).
std::vector<std::uint64_t> community_sizes(const Partition& p);

/// Splits every community into the connected components of its induced subgraph (undirected
/// view: arcs are followed in both directions). Result canonical. Time O(n + m).
/// Used to make intermediate hierarchy levels connected; splitting never lowers modularity.
Partition split_disconnected(const CsrGraph& g, const std::vector<std::uint32_t>& membership);

/// True when every community of `membership` induces a connected subgraph of g (undirected
/// view). Time O(n + m). `first_bad` (when given) receives a community that is not connected.
bool communities_connected(const CsrGraph& g, const std::vector<std::uint32_t>& membership,
                           std::uint32_t* first_bad = nullptr);

}  // namespace peerscout::community
