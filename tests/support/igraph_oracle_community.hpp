#pragma once
// igraph's community functions as oracles (serial only: igraph 0.10.2 is not thread-safe here).
// Graphs are converted by ig::Graph (one igraph edge per undirected edge, weights in edge order).
#include <cstdint>
#include <vector>

#include "engine/csr_graph.hpp"

namespace peerscout::test {

/// igraph_modularity(graph, membership, weights?, resolution, directed = g.directed()).
double igraph_modularity(const CsrGraph& g, const std::vector<std::uint32_t>& membership, double resolution,
                         bool weights);

struct IgraphCommunities {
  std::vector<std::uint32_t> membership;
  double quality = 0;  ///< igraph's modularity of `membership` (resolution as given)
  int passes = 0;      ///< igraph calls made (Leiden: passes until the quality stopped improving)
};

/// igraph_community_leiden optimizing modularity (node weights = strengths, resolution / 2m) or CPM
/// (node weights 1), iterated to convergence by hand: igraph 0.10.2 with n_iterations < 0 stops
/// after one pass (igraph issue 2798), so it is called with n_iterations = 1, start = true, from the
/// previous membership until the quality no longer improves (at most max_passes). `quality` is the
/// quality igraph reports for the objective (for modularity: the modularity).
IgraphCommunities igraph_leiden(const CsrGraph& g, bool cpm, double resolution, double beta, bool weights,
                                std::uint64_t seed, int max_passes = 100);

/// igraph_community_multilevel (Louvain); membership of the last (coarsest) level.
IgraphCommunities igraph_multilevel(const CsrGraph& g, double resolution, bool weights, std::uint64_t seed);

/// igraph_community_label_propagation (mode IGRAPH_ALL).
IgraphCommunities igraph_label_propagation(const CsrGraph& g, bool weights, std::uint64_t seed);

struct IgraphComparison {
  double nmi = 0, ari = 0, vi = 0;
};
/// igraph_compare_communities with IGRAPH_COMMCMP_NMI, _ADJUSTED_RAND and _VI.
IgraphComparison igraph_compare(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b);

}  // namespace peerscout::test
