#include "engine/layered_graph.hpp"

#include <algorithm>
#include <vector>

#include "engine/error.hpp"

namespace peerscout {

std::string_view layer_name(LayerKind layer) {
  switch (layer) {
    case LayerKind::kFollows: return "follows";
    case LayerKind::kFriends: return "friends";
    case LayerKind::kInteractions: return "interactions";
    case LayerKind::kTrust: return "trust";
  }
  return "?";
}

bool layer_directed(LayerKind layer) { return layer == LayerKind::kFollows || layer == LayerKind::kInteractions; }

LayerKind parse_layer(std::string_view name) {
  for (LayerKind l : kAllLayers)
    if (layer_name(l) == name) return l;
  std::string msg = "unknown layer '" + std::string(name) + "' (known: follows, friends, interactions, trust)";
  // Cheap hint for the common slip (a missing or extra trailing 's').
  for (LayerKind l : kAllLayers) {
    const auto k = layer_name(l);
    if (std::string(name) + "s" == k || std::string(k) + "s" == name) msg += "; did you mean '" + std::string(k) + "'?";
  }
  throw InvalidArgument(msg);
}

std::size_t LayeredGraph::memory_bytes() const noexcept {
  std::size_t b = ids.memory_bytes();
  for (const auto& l : layers)
    if (l) b += l->graph.memory_bytes();
  for (const auto& c : attributes)
    b += std::visit(
        [](const auto& v) -> std::size_t {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, StringColumn>) {
            return v.memory_bytes();
          } else {
            return v.capacity() * sizeof(typename T::value_type);
          }
        },
        c.values);
  return b;
}

}  // namespace peerscout
