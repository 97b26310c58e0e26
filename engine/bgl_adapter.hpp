#pragma once
/// Boost.Graph (1.74) view of a CsrGraph, without copying anything (architecture.md C8).
///
/// `peerscout::CsrGraph` models IncidenceGraph, AdjacencyGraph, VertexListGraph and EdgeListGraph:
/// graph_traits<CsrGraph> is specialized below and the free functions (vertices, num_vertices,
/// out_edges, out_degree, source, target, adjacent_vertices, edges, num_edges) live in namespace
/// peerscout, where BGL's unqualified calls find them by argument-dependent lookup.
/// - Vertex descriptors are VertexId; edge descriptors are bgl::Edge {source, target, slot}, where
///   slot is the arc's index in CsrGraph::targets() (so it indexes CsrGraph::weights()).
/// - directed_category is directed_tag even for undirected graphs, because those are stored as two
///   arcs per edge (a self-loop as one arc): out_edges(v) lists every incident edge once, with v as
///   its source. BGL algorithms that insist on undirected_tag (connected_components, ...) take a
///   bgl::UndirectedView instead.
/// - Property maps: get(boost::vertex_index, g) is the identity on VertexId;
///   get(boost::edge_weight, g) reads the weight by slot (1 on unweighted graphs).
/// This header is the only place outside tests/bench that includes Boost.Graph. Everything here is
/// O(1) per call; no function allocates.
#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/property_map.hpp>

#include <cstddef>
#include <utility>

#include "engine/csr_graph.hpp"
#include "engine/error.hpp"

namespace peerscout::bgl {

/// An arc u->v of the CSR (for UndirectedView: also a reversed in-arc, slot >= num_arcs()).
struct Edge {
  VertexId source = kNoVertex;
  VertexId target = kNoVertex;
  EdgeIndex slot = 0;
  friend bool operator==(const Edge&, const Edge&) = default;
};

/// Walks the slots [offsets[v], offsets[v+1]) of one vertex.
class OutEdgeIterator
    : public boost::iterator_facade<OutEdgeIterator, Edge, boost::random_access_traversal_tag, Edge, std::ptrdiff_t> {
 public:
  OutEdgeIterator() = default;
  OutEdgeIterator(const VertexId* targets, VertexId source, EdgeIndex slot) noexcept
      : targets_(targets), source_(source), slot_(slot) {}

 private:
  friend class boost::iterator_core_access;
  Edge dereference() const noexcept { return {source_, targets_[slot_], slot_}; }
  bool equal(const OutEdgeIterator& o) const noexcept { return slot_ == o.slot_ && source_ == o.source_; }
  void increment() noexcept { ++slot_; }
  void decrement() noexcept { --slot_; }
  void advance(std::ptrdiff_t k) noexcept { slot_ = static_cast<EdgeIndex>(static_cast<std::ptrdiff_t>(slot_) + k); }
  std::ptrdiff_t distance_to(const OutEdgeIterator& o) const noexcept {
    return static_cast<std::ptrdiff_t>(o.slot_) - static_cast<std::ptrdiff_t>(slot_);
  }

  const VertexId* targets_ = nullptr;
  VertexId source_ = kNoVertex;
  EdgeIndex slot_ = 0;
};

/// Walks all arcs in slot order (EdgeListGraph).
class EdgeIterator : public boost::iterator_facade<EdgeIterator, Edge, boost::forward_traversal_tag, Edge> {
 public:
  EdgeIterator() = default;
  /// Positioned at `slot`; slot == num_arcs() is the end.
  EdgeIterator(const CsrGraph& g, EdgeIndex slot) noexcept : g_(&g), slot_(slot) {
    if (slot_ < g.num_arcs()) {
      // The source of the first arc: first vertex whose list is non-empty at or after slot.
      const auto off = g.offsets();
      VertexId lo = 0, hi = g.num_vertices();
      while (lo + 1 < hi) {  // largest v with off[v] <= slot
        const VertexId mid = lo + (hi - lo) / 2;
        if (off[mid] <= slot_) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      source_ = lo;
      skip_empty();
    }
  }

 private:
  friend class boost::iterator_core_access;
  Edge dereference() const noexcept { return {source_, g_->targets()[slot_], slot_}; }
  bool equal(const EdgeIterator& o) const noexcept { return slot_ == o.slot_; }
  void increment() noexcept {
    ++slot_;
    skip_empty();
  }
  void skip_empty() noexcept {
    const auto off = g_->offsets();
    while (slot_ < g_->num_arcs() && off[source_ + 1] <= slot_) ++source_;
  }

  const CsrGraph* g_ = nullptr;
  VertexId source_ = 0;
  EdgeIndex slot_ = 0;
};

/// Edge weights by slot (1 on unweighted graphs). Slots >= num_arcs() (UndirectedView's reversed
/// in-arcs) read the in-adjacency weights.
class EdgeWeightMap {
 public:
  using key_type = Edge;
  using value_type = Weight;
  using reference = Weight;
  using category = boost::readable_property_map_tag;

  EdgeWeightMap() = default;
  explicit EdgeWeightMap(const CsrGraph& g) noexcept
      : out_(g.weighted() ? g.weights().data() : nullptr),
        in_(g.weighted() ? g.in_weights_all().data() : nullptr),
        arcs_(g.num_arcs()) {}
  Weight operator[](const Edge& e) const noexcept {
    if (out_ == nullptr) return Weight{1};
    return e.slot < arcs_ ? out_[e.slot] : in_[e.slot - arcs_];
  }
  friend Weight get(const EdgeWeightMap& m, const Edge& e) noexcept { return m[e]; }

 private:
  const Weight* out_ = nullptr;
  const Weight* in_ = nullptr;
  EdgeIndex arcs_ = 0;
};

using VertexIndexMap = boost::typed_identity_property_map<VertexId>;

/// The graph as an undirected BGL graph (directed_category = undirected_tag), for algorithms that
/// require it. For an undirected CsrGraph, out_edges(v) are its stored arcs; for a directed one
/// they are v's out-arcs followed by its reversed in-arcs (slot = num_arcs() + in-slot), i.e. the
/// weak (underlying undirected) multigraph. A directed graph needs its in-adjacency.
class UndirectedView {
 public:
  explicit UndirectedView(const CsrGraph& g) : g_(&g) {
    if (!g.has_in_edges()) throw InvalidArgument("bgl::UndirectedView: the directed graph has no in-adjacency");
  }
  const CsrGraph& graph() const noexcept { return *g_; }

 private:
  const CsrGraph* g_;
};

/// Out-edges of a vertex in an UndirectedView: out-arcs, then (directed graphs) reversed in-arcs.
class UndirectedOutEdgeIterator
    : public boost::iterator_facade<UndirectedOutEdgeIterator, Edge, boost::random_access_traversal_tag, Edge,
                                    std::ptrdiff_t> {
 public:
  UndirectedOutEdgeIterator() = default;
  UndirectedOutEdgeIterator(const CsrGraph& g, VertexId v, EdgeIndex pos) noexcept
      : g_(&g), v_(v), pos_(pos), out_deg_(g.out_degree(v)) {}

 private:
  friend class boost::iterator_core_access;
  Edge dereference() const noexcept {
    if (pos_ < out_deg_) {
      const EdgeIndex slot = g_->offsets()[v_] + pos_;
      return {v_, g_->targets()[slot], slot};
    }
    const EdgeIndex in_slot = g_->in_offsets()[v_] + (pos_ - out_deg_);
    return {v_, g_->in_sources()[in_slot], g_->num_arcs() + in_slot};
  }
  bool equal(const UndirectedOutEdgeIterator& o) const noexcept { return pos_ == o.pos_ && v_ == o.v_; }
  void increment() noexcept { ++pos_; }
  void decrement() noexcept { --pos_; }
  void advance(std::ptrdiff_t k) noexcept { pos_ = static_cast<EdgeIndex>(static_cast<std::ptrdiff_t>(pos_) + k); }
  std::ptrdiff_t distance_to(const UndirectedOutEdgeIterator& o) const noexcept {
    return static_cast<std::ptrdiff_t>(o.pos_) - static_cast<std::ptrdiff_t>(pos_);
  }

  const CsrGraph* g_ = nullptr;
  VertexId v_ = kNoVertex;
  EdgeIndex pos_ = 0;
  EdgeIndex out_deg_ = 0;
};

// ---- UndirectedView: free functions (found by ADL in peerscout::bgl) -----------------------------

inline std::pair<boost::counting_iterator<VertexId>, boost::counting_iterator<VertexId>> vertices(const UndirectedView& u) {
  return {boost::counting_iterator<VertexId>(0), boost::counting_iterator<VertexId>(u.graph().num_vertices())};
}
inline VertexId num_vertices(const UndirectedView& u) noexcept { return u.graph().num_vertices(); }
inline EdgeIndex out_degree(VertexId v, const UndirectedView& u) noexcept {
  const CsrGraph& g = u.graph();
  return g.out_degree(v) + (g.directed() ? g.in_degree(v) : 0);
}
inline std::pair<UndirectedOutEdgeIterator, UndirectedOutEdgeIterator> out_edges(VertexId v, const UndirectedView& u) {
  return {UndirectedOutEdgeIterator(u.graph(), v, 0), UndirectedOutEdgeIterator(u.graph(), v, out_degree(v, u))};
}
inline VertexId source(const Edge& e, const UndirectedView&) noexcept { return e.source; }
inline VertexId target(const Edge& e, const UndirectedView&) noexcept { return e.target; }
inline VertexIndexMap get(boost::vertex_index_t, const UndirectedView&) noexcept { return {}; }
inline VertexId get(boost::vertex_index_t, const UndirectedView&, VertexId v) noexcept { return v; }
inline EdgeWeightMap get(boost::edge_weight_t, const UndirectedView& u) noexcept { return EdgeWeightMap(u.graph()); }
inline Weight get(boost::edge_weight_t, const UndirectedView& u, const Edge& e) noexcept { return EdgeWeightMap(u.graph())[e]; }

}  // namespace peerscout::bgl

namespace boost {

template <>
struct graph_traits<peerscout::CsrGraph> {
  using vertex_descriptor = peerscout::VertexId;
  using edge_descriptor = peerscout::bgl::Edge;
  using directed_category = directed_tag;  // undirected graphs are stored symmetric
  using edge_parallel_category = allow_parallel_edge_tag;
  struct traversal_category : incidence_graph_tag, adjacency_graph_tag, vertex_list_graph_tag, edge_list_graph_tag {};
  using vertex_iterator = counting_iterator<peerscout::VertexId>;
  using adjacency_iterator = const peerscout::VertexId*;
  using out_edge_iterator = peerscout::bgl::OutEdgeIterator;
  using edge_iterator = peerscout::bgl::EdgeIterator;
  using vertices_size_type = peerscout::VertexId;
  using edges_size_type = peerscout::EdgeIndex;
  using degree_size_type = peerscout::EdgeIndex;
  static vertex_descriptor null_vertex() noexcept { return peerscout::kNoVertex; }
};

template <>
struct graph_traits<peerscout::bgl::UndirectedView> {
  using vertex_descriptor = peerscout::VertexId;
  using edge_descriptor = peerscout::bgl::Edge;
  using directed_category = undirected_tag;
  using edge_parallel_category = allow_parallel_edge_tag;
  struct traversal_category : incidence_graph_tag, vertex_list_graph_tag {};
  using vertex_iterator = counting_iterator<peerscout::VertexId>;
  using out_edge_iterator = peerscout::bgl::UndirectedOutEdgeIterator;
  using vertices_size_type = peerscout::VertexId;
  using edges_size_type = peerscout::EdgeIndex;
  using degree_size_type = peerscout::EdgeIndex;
  static vertex_descriptor null_vertex() noexcept { return peerscout::kNoVertex; }
};

template <>
struct property_map<peerscout::CsrGraph, vertex_index_t> {
  using type = peerscout::bgl::VertexIndexMap;
  using const_type = type;
};
template <>
struct property_map<peerscout::CsrGraph, edge_weight_t> {
  using type = peerscout::bgl::EdgeWeightMap;
  using const_type = type;
};
template <>
struct property_map<peerscout::bgl::UndirectedView, vertex_index_t> {
  using type = peerscout::bgl::VertexIndexMap;
  using const_type = type;
};
template <>
struct property_map<peerscout::bgl::UndirectedView, edge_weight_t> {
  using type = peerscout::bgl::EdgeWeightMap;
  using const_type = type;
};

}  // namespace boost

namespace peerscout {

// ---- CsrGraph: free functions (found by ADL in peerscout) ----------------------------------------

inline std::pair<boost::counting_iterator<VertexId>, boost::counting_iterator<VertexId>> vertices(const CsrGraph& g) {
  return {boost::counting_iterator<VertexId>(0), boost::counting_iterator<VertexId>(g.num_vertices())};
}
inline VertexId num_vertices(const CsrGraph& g) noexcept { return g.num_vertices(); }
inline std::pair<bgl::OutEdgeIterator, bgl::OutEdgeIterator> out_edges(VertexId v, const CsrGraph& g) noexcept {
  const VertexId* t = g.targets().data();
  return {bgl::OutEdgeIterator(t, v, g.offsets()[v]), bgl::OutEdgeIterator(t, v, g.offsets()[v + 1])};
}
inline EdgeIndex out_degree(VertexId v, const CsrGraph& g) noexcept { return g.out_degree(v); }
inline VertexId source(const bgl::Edge& e, const CsrGraph&) noexcept { return e.source; }
inline VertexId target(const bgl::Edge& e, const CsrGraph&) noexcept { return e.target; }
inline std::pair<const VertexId*, const VertexId*> adjacent_vertices(VertexId v, const CsrGraph& g) noexcept {
  const auto nb = g.out_neighbors(v);
  return {nb.data(), nb.data() + nb.size()};
}
inline std::pair<bgl::EdgeIterator, bgl::EdgeIterator> edges(const CsrGraph& g) noexcept {
  return {bgl::EdgeIterator(g, 0), bgl::EdgeIterator(g, g.num_arcs())};
}
/// Stored arcs (an undirected edge counts twice, as BGL sees it through out_edges).
inline EdgeIndex num_edges(const CsrGraph& g) noexcept { return g.num_arcs(); }

inline bgl::VertexIndexMap get(boost::vertex_index_t, const CsrGraph&) noexcept { return {}; }
inline VertexId get(boost::vertex_index_t, const CsrGraph&, VertexId v) noexcept { return v; }
inline bgl::EdgeWeightMap get(boost::edge_weight_t, const CsrGraph& g) noexcept { return bgl::EdgeWeightMap(g); }
inline Weight get(boost::edge_weight_t, const CsrGraph& g, const bgl::Edge& e) noexcept { return bgl::EdgeWeightMap(g)[e]; }

}  // namespace peerscout
