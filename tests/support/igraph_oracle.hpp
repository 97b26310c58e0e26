#pragma once
// igraph's C core as an independent oracle for tests (serial only: igraph 0.10.2 is built without
// thread safety here, so never call these inside an OpenMP region or a parallel test).
// Every function builds an ig::Graph from the CsrGraph (engine/igraph_bridge.hpp): an undirected
// graph becomes one igraph edge per {u, v} (a self-loop once), a directed one one edge per arc;
// weights are passed along in the same edge order.
#include <cstdint>
#include <vector>

#include "algorithms/centrality/kcore.hpp"
#include "engine/csr_graph.hpp"

namespace peerscout::test {

/// igraph_pagerank with IGRAPH_PAGERANK_ALGO_PRPACK (directed = g.directed()); with `reset`,
/// igraph_personalized_pagerank (PRPACK, dangling vertices jump along the normalized reset too).
/// `weights` passes g's weights (ignored when g is unweighted).
std::vector<double> igraph_pagerank(const CsrGraph& g, double damping, bool weights,
                                    const std::vector<double>* reset = nullptr);

/// igraph_coreness (mode ignored for undirected graphs).
std::vector<std::int64_t> igraph_coreness(const CsrGraph& g,
                                          centrality::DegreeMode mode = centrality::DegreeMode::kAll);

/// Membership of igraph_connected_components (IGRAPH_STRONG or IGRAPH_WEAK), as igraph numbers it.
std::vector<std::int64_t> igraph_components(const CsrGraph& g, bool strong);

/// igraph_degree with IGRAPH_LOOPS (undirected: a loop counts twice) or IGRAPH_NO_LOOPS.
std::vector<std::int64_t> igraph_degree(const CsrGraph& g, centrality::DegreeMode mode, bool loops);

/// igraph_strength with g's weights (the degree when g is unweighted).
std::vector<double> igraph_strength(const CsrGraph& g, centrality::DegreeMode mode, bool loops);

}  // namespace peerscout::test
