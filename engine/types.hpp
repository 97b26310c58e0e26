#pragma once
/// Basic scalar types of the graph core.
///
/// Vertex ids are 32-bit (up to 4,294,967,294 people), edge offsets 64-bit (more than 4e9 arcs),
/// weights 32-bit floats (interaction counts and strengths). A billion-edge graph therefore costs
/// 8 bytes per arc for offsets+targets amortized (4 bytes target + offsets per vertex).
#include <cstdint>
#include <limits>

namespace peerscout {

using VertexId = std::uint32_t;
using EdgeIndex = std::uint64_t;
using Weight = float;

/// "No vertex": never a valid id. num_vertices() is therefore at most kNoVertex.
inline constexpr VertexId kNoVertex = std::numeric_limits<VertexId>::max();

}  // namespace peerscout
