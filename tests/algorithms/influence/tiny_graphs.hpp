#pragma once
// Random tiny diffusion graphs for the exact-enumeration oracles (exact_spread.hpp).
#include <set>
#include <utility>
#include <vector>

#include "engine/random.hpp"
#include "tests/algorithms/influence/exact_spread.hpp"

namespace peerscout::test {

/// n vertices, m distinct non-loop arcs. IC: p in {1/8, ..., 7/8}. LT: receiver u with d in-arcs
/// gets p = j / (8 d), j in 1..7 (so the in-sum stays <= 7/8).
inline std::vector<TinyArc> random_tiny_arcs(VertexId n, std::size_t m, std::uint64_t seed, bool lt) {
  Rng rng = Rng::for_item(seed, Stream::kDemo, 0);
  std::set<std::pair<VertexId, VertexId>> seen;
  std::vector<TinyArc> arcs;
  while (arcs.size() < m) {
    const auto u = static_cast<VertexId>(rng.below(n));
    const auto v = static_cast<VertexId>(rng.below(n));
    if (u == v || !seen.insert({u, v}).second) continue;
    arcs.push_back({u, v, static_cast<double>(1 + rng.below(7)) / 8.0});
  }
  if (lt) {
    std::vector<int> indeg(n, 0);
    for (const auto& a : arcs) ++indeg[a.to];
    for (auto& a : arcs) a.p = static_cast<double>(static_cast<float>(a.p / indeg[a.to]));
  }
  return arcs;
}

}  // namespace peerscout::test
