#pragma once
/// Edges as structure-of-arrays: the input of build_csr(). No per-edge heap objects: a billion
/// edges cost 8 bytes each (12 with weights).
#include <cstddef>
#include <vector>

#include "engine/types.hpp"

namespace peerscout {

struct EdgeList {
  std::vector<VertexId> src;
  std::vector<VertexId> dst;
  std::vector<Weight> weight;  ///< empty (unweighted) or the same length as src

  std::size_t size() const noexcept { return src.size(); }
  bool empty() const noexcept { return src.empty(); }
  bool weighted() const noexcept { return !weight.empty(); }
  void reserve(std::size_t m, bool with_weights) {
    src.reserve(m);
    dst.reserve(m);
    if (with_weights) weight.reserve(m);
  }
  void add(VertexId u, VertexId v) {
    src.push_back(u);
    dst.push_back(v);
  }
  void add(VertexId u, VertexId v, Weight w) {
    src.push_back(u);
    dst.push_back(v);
    weight.push_back(w);
  }
  std::size_t memory_bytes() const noexcept {
    return src.capacity() * sizeof(VertexId) + dst.capacity() * sizeof(VertexId) +
           weight.capacity() * sizeof(Weight);
  }
};

}  // namespace peerscout
