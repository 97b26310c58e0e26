#pragma once
/// The derived `trust` layer: who trusts whom, as an undirected weighted graph.
///
/// Definition (docs/layers.md):
///   {u, v} is a trust edge  iff  u != v and (u and v are friends, or u follows v and v follows u).
///   weight(u, v) = s(u, v) + I(u -> v) + I(v -> u), where
///     s(u, v) = number of trust signals present: 1 for a declared friendship, 1 for a reciprocal
///               follow (so 1 or 2),
///     I(x -> y) = interaction weight from x to y in the interactions layer (after type weighting
///               and summing duplicates), 0 when absent or when there is no interactions layer.
///   Interactions alone never create a trust edge: heavy one-sided engagement is attention, not
///   trust; it strengthens ties that exist.
/// Inputs may be absent (nullptr), but at least one of follows/friends must be given; follows must
/// be directed with in-adjacency, friends undirected, interactions directed with in-adjacency.
/// Time O(sum of degrees) by merging sorted neighbour lists; parallel over vertices; the result is
/// identical for any thread count.
#include "engine/csr_graph.hpp"

namespace peerscout {

CsrGraph build_trust_layer(VertexId num_vertices, const CsrGraph* follows, const CsrGraph* friends,
                           const CsrGraph* interactions);

}  // namespace peerscout
