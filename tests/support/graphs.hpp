#pragma once
// Small graphs written inline in tests: test::directed(4, {{0, 1}, {1, 2}}).
#include <initializer_list>
#include <utility>
#include <vector>

#include "engine/csr_builder.hpp"

namespace peerscout::test {

struct WEdge {
  VertexId u, v;
  Weight w;
};

inline CsrGraph directed(VertexId n, std::initializer_list<std::pair<VertexId, VertexId>> edges,
                         BuildOptions opts = {}) {
  EdgeList el;
  for (auto [u, v] : edges) el.add(u, v);
  opts.directed = true;
  return build_csr(std::move(el), n, opts).graph;
}

inline CsrGraph undirected(VertexId n, std::initializer_list<std::pair<VertexId, VertexId>> edges,
                           BuildOptions opts = {}) {
  EdgeList el;
  for (auto [u, v] : edges) el.add(u, v);
  opts.directed = false;
  return build_csr(std::move(el), n, opts).graph;
}

inline CsrGraph weighted(bool is_directed, VertexId n, std::initializer_list<WEdge> edges, BuildOptions opts = {}) {
  EdgeList el;
  for (auto e : edges) el.add(e.u, e.v, e.w);
  opts.directed = is_directed;
  return build_csr(std::move(el), n, opts).graph;
}

inline std::vector<VertexId> to_vec(std::span<const VertexId> s) { return {s.begin(), s.end()}; }
inline std::vector<Weight> to_vec(std::span<const Weight> s) { return {s.begin(), s.end()}; }

template <class T>
std::vector<std::int64_t> as_int64(const std::vector<T>& v) {
  return {v.begin(), v.end()};
}

}  // namespace peerscout::test
