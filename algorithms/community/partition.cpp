#include "algorithms/community/partition.hpp"

#include <algorithm>
#include <numeric>

#include "engine/error.hpp"

namespace peerscout::community {

Partition canonical(std::vector<std::uint32_t> labels) {
  Partition p;
  const std::size_t n = labels.size();
  if (n == 0) return p;
  const std::uint32_t max_label = *std::max_element(labels.begin(), labels.end());
  constexpr std::uint32_t kUnset = 0xFFFFFFFFu;
  if (static_cast<std::size_t>(max_label) < 2 * n + 1024) {
    std::vector<std::uint32_t> map(static_cast<std::size_t>(max_label) + 1, kUnset);
    std::uint32_t next = 0;
    for (auto& l : labels) {
      auto& m = map[l];
      if (m == kUnset) m = next++;
      l = m;
    }
    p.count = next;
  } else {
    // Sparse labels: sort (label, first index) pairs.
    std::vector<std::uint64_t> keyed(n);
    for (std::size_t i = 0; i < n; ++i) keyed[i] = (static_cast<std::uint64_t>(labels[i]) << 32) | i;
    std::sort(keyed.begin(), keyed.end());
    // first occurrence of each label, then rank labels by first occurrence
    std::vector<std::pair<std::uint32_t, std::uint32_t>> firsts;  // (first index, label)
    for (std::size_t i = 0; i < n; ++i)
      if (i == 0 || (keyed[i] >> 32) != (keyed[i - 1] >> 32))
        firsts.emplace_back(static_cast<std::uint32_t>(keyed[i] & 0xFFFFFFFFu), static_cast<std::uint32_t>(keyed[i] >> 32));
    std::sort(firsts.begin(), firsts.end());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> label_to_id(firsts.size());  // (label, id)
    for (std::size_t k = 0; k < firsts.size(); ++k) label_to_id[k] = {firsts[k].second, static_cast<std::uint32_t>(k)};
    std::sort(label_to_id.begin(), label_to_id.end());
    for (auto& l : labels) {
      auto it = std::lower_bound(label_to_id.begin(), label_to_id.end(), std::make_pair(l, 0u));
      l = it->second;
    }
    p.count = static_cast<std::uint32_t>(firsts.size());
  }
  p.membership = std::move(labels);
  return p;
}

std::vector<std::uint64_t> community_sizes(const Partition& p) {
  std::vector<std::uint64_t> s(p.count, 0);
  for (auto c : p.membership) ++s[c];
  return s;
}

namespace {

// Union-find over vertices, uniting the endpoints of every arc inside a community.
struct Dsu {
  std::vector<std::uint32_t> parent;
  explicit Dsu(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  std::uint32_t find(std::uint32_t x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }
  void unite(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (a < b) std::swap(a, b);
    parent[a] = b;  // smaller id becomes the root
  }
};

Dsu internal_components(const CsrGraph& g, const std::vector<std::uint32_t>& m) {
  if (m.size() != g.num_vertices())
    throw InvalidArgument("community: membership has " + std::to_string(m.size()) + " entries, the graph has " +
                          std::to_string(g.num_vertices()) + " vertices");
  Dsu d(m.size());
  for (VertexId u = 0; u < g.num_vertices(); ++u)
    for (VertexId v : g.out_neighbors(u))
      if (m[u] == m[v]) d.unite(u, v);
  return d;
}

}  // namespace

Partition split_disconnected(const CsrGraph& g, const std::vector<std::uint32_t>& membership) {
  Dsu d = internal_components(g, membership);
  std::vector<std::uint32_t> labels(membership.size());
  for (std::size_t v = 0; v < labels.size(); ++v) labels[v] = d.find(static_cast<std::uint32_t>(v));
  return canonical(std::move(labels));
}

bool communities_connected(const CsrGraph& g, const std::vector<std::uint32_t>& membership, std::uint32_t* first_bad) {
  Dsu d = internal_components(g, membership);
  // Each community must have exactly one root.
  const std::uint32_t max_c = membership.empty() ? 0 : *std::max_element(membership.begin(), membership.end());
  constexpr std::uint32_t kUnset = 0xFFFFFFFFu;
  std::vector<std::uint32_t> root(static_cast<std::size_t>(max_c) + 1, kUnset);
  for (std::size_t v = 0; v < membership.size(); ++v) {
    const std::uint32_t r = d.find(static_cast<std::uint32_t>(v));
    auto& slot = root[membership[v]];
    if (slot == kUnset) {
      slot = r;
    } else if (slot != r) {
      if (first_bad) *first_bad = membership[v];
      return false;
    }
  }
  return true;
}

}  // namespace peerscout::community
