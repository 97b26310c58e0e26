#pragma once
/// Zachary's karate club (W. W. Zachary, J. Anthropological Research 33:452-473, 1977): 34 members,
/// 78 friendships, Zachary's interaction counts as weights, and the club split after the fission.
/// Embedded in code (as igraph_famous("Zachary")) so tests need no files. Provenance:
/// datasets/README.md. Published values used as oracles in tests are listed below.
#include <array>
#include <cstdint>

#include "engine/csr_graph.hpp"

namespace peerscout::datasets {

struct KarateEdge {
  VertexId u, v;
  Weight weight;  ///< Zachary's count of contexts in which the two interacted
};

inline constexpr VertexId kKarateVertices = 34;
inline constexpr std::size_t kKarateEdges = 78;
extern const std::array<KarateEdge, kKarateEdges> kKarateEdgeList;
/// Club after the split: 0 = Mr. Hi, 1 = Officer (networkx karate_club_graph()).
extern const std::array<std::uint8_t, kKarateVertices> kKarateClub;
/// Best known modularity of any partition (Brandes et al. 2008; 4 communities).
inline constexpr double kKarateMaxModularity = 0.4197896;

/// The karate graph as a CsrGraph: undirected by default; `directed` orients every edge from the
/// smaller to the larger id (a fixed DAG, for directed tests); `weighted` attaches the counts.
CsrGraph karate(bool directed = false, bool weighted = false);

}  // namespace peerscout::datasets
