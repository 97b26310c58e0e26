#pragma once
// igraph's C core as the oracle for the shortest-path centralities (betweenness, closeness,
// harmonic). Serial only: igraph 0.10.2 is built without thread safety here, so never call these
// inside an OpenMP region or a parallel test.
//
// Graph conversion as in tests/support/igraph_oracle.hpp (ig::Graph: an undirected edge once, a
// directed arc once, parallel arcs kept). `weights = true` hands igraph the LENGTHS 1/w of g's
// weights (peerscout's convention: a weight is an interaction strength, its length is 1/w), as the
// same doubles peerscout computes (1.0 / double(w)); `weights = false` (or an unweighted g) runs
// igraph's unweighted version.
#include <cstdint>
#include <vector>

#include "engine/csr_graph.hpp"

namespace peerscout::test {

/// igraph_betweenness(g, all vertices, directed = true, lengths): raw values, igraph's convention
/// (undirected: each unordered pair once).
std::vector<double> igraph_betweenness(const CsrGraph& g, bool weights);

/// igraph_closeness with mode IGRAPH_OUT (reverse = false: distances from the vertex along the
/// arcs) or IGRAPH_IN (reverse = true); NaN for vertices that reach nothing.
struct IgraphCloseness {
  std::vector<double> closeness;           ///< normalized: r / S; else 1 / S (S = sum of distances to the r reached)
  std::vector<std::int64_t> reachable;     ///< r: vertices reached, the vertex itself excluded
};
IgraphCloseness igraph_closeness(const CsrGraph& g, bool reverse, bool weights, bool normalized);

/// Wasserman-Faust closeness r^2 / ((n-1) S) (0 when r = 0) derived from igraph_closeness
/// (normalized r / S times r / (n - 1)).
std::vector<double> igraph_closeness_wasserman_faust(const CsrGraph& g, bool reverse, bool weights);

/// igraph_harmonic_centrality (mode OUT, or IN when reverse); normalized = divided by n - 1.
std::vector<double> igraph_harmonic(const CsrGraph& g, bool reverse, bool weights, bool normalized);

/// Distances from `source` to every vertex (IGRAPH_OUT; IGRAPH_IN when reverse) by
/// igraph_distances / igraph_distances_dijkstra; +infinity when unreachable.
std::vector<double> igraph_distances_from(const CsrGraph& g, VertexId source, bool weights, bool reverse);

}  // namespace peerscout::test

namespace peerscout::test {

/// g with every weight w replaced by w - min + 1 when the smallest weight is <= 0 (the signed
/// ratings -10..10 of bitcoin-otc/alpha become 1..21), else g itself (a copy). Lengths 1/w need
/// positive weights. Unweighted graphs are returned unchanged.
CsrGraph with_positive_weights(const CsrGraph& g);

/// Max |a[i] - b[i]| / max(1, max |b|): the oracle error relative to the scale of the values
/// (infinity when sizes differ, or when one side is NaN and the other is not; equal NaNs count as 0).
double scaled_max_diff(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace peerscout::test
