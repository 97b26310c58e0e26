#pragma once
/// The people of a run and the graphs between them: one id space (IdMap), node attributes, and up
/// to four layers (docs/layers.md):
///   follows       directed   a line "u v" means u follows v: attention flows u -> v
///   friends       undirected declared friendships
///   interactions  directed, weighted: u liked/commented/shared v's content (type weights x counts)
///   trust         undirected, weighted, derived: friendships + reciprocal follows (trust_layer.hpp)
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/column.hpp"
#include "engine/csr_builder.hpp"
#include "engine/id_map.hpp"

namespace peerscout {

enum class LayerKind : int { kFollows = 0, kFriends = 1, kInteractions = 2, kTrust = 3 };
inline constexpr int kNumLayers = 4;
inline constexpr LayerKind kAllLayers[] = {LayerKind::kFollows, LayerKind::kFriends, LayerKind::kInteractions,
                                           LayerKind::kTrust};
std::string_view layer_name(LayerKind layer);
/// "follows" -> kFollows; InvalidArgument (with a suggestion) for unknown names.
LayerKind parse_layer(std::string_view name);
/// Whether the layer's graph is directed (follows, interactions).
bool layer_directed(LayerKind layer);

struct Layer {
  LayerKind kind = LayerKind::kFollows;
  CsrGraph graph;
  BuildStats stats;
  std::vector<std::string> files;  ///< input files (empty for the derived trust layer)
};

struct LayeredGraph {
  IdMap ids;
  std::vector<NamedColumn> attributes;  ///< node attributes, each of length ids.size()
  std::array<std::optional<Layer>, kNumLayers> layers;

  VertexId num_vertices() const noexcept { return ids.size(); }
  const Layer* get(LayerKind k) const noexcept {
    const auto& l = layers[static_cast<std::size_t>(k)];
    return l ? &*l : nullptr;
  }
  const CsrGraph* graph(LayerKind k) const noexcept {
    const Layer* l = get(k);
    return l ? &l->graph : nullptr;
  }
  const NamedColumn* attribute(std::string_view name) const noexcept {
    for (const auto& c : attributes)
      if (c.name == name) return &c;
    return nullptr;
  }
  std::size_t memory_bytes() const noexcept;
};

}  // namespace peerscout
