#pragma once
/// Immutable compressed-sparse-row graph: the one graph type every algorithm takes.
///
/// - 32-bit vertex ids, 64-bit offsets, optional float weights stored beside the targets (SoA).
/// - Neighbour lists are sorted by target id (ties, with Duplicates::kKeepAll, by weight), so
///   algorithms may merge or binary-search them.
/// - Directed graphs store the out-adjacency and, when built with build_in_edges (the default),
///   the in-adjacency too: pull algorithms (PageRank) read in_neighbors().
/// - Undirected graphs store each edge as two arcs u->v and v->u (a self-loop as ONE arc u->u);
///   in_neighbors() is then the same as out_neighbors().
/// Build one with build_csr() (engine/csr_builder.hpp) or CsrGraph::from_arrays().
#include <cstddef>
#include <span>
#include <vector>

#include "engine/types.hpp"

namespace peerscout {

class CsrGraph {
 public:
  /// The empty graph (0 vertices).
  CsrGraph();

  /// Adopt prepared arrays (a snapshot loader, a transpose, tests). Validates sizes, ranges and
  /// sortedness and throws InvalidArgument when they are inconsistent. `in_*` may be empty for
  /// directed graphs (no in-adjacency) and must be empty for undirected ones.
  static CsrGraph from_arrays(bool directed, std::vector<EdgeIndex> offsets, std::vector<VertexId> targets,
                              std::vector<Weight> weights, std::vector<EdgeIndex> in_offsets = {},
                              std::vector<VertexId> in_sources = {}, std::vector<Weight> in_weights = {});

  VertexId num_vertices() const noexcept { return static_cast<VertexId>(offsets_.size() - 1); }
  /// Stored arcs in the out-adjacency (undirected: 2 per edge, 1 per self-loop).
  EdgeIndex num_arcs() const noexcept { return targets_.size(); }
  /// Logical edges: arcs for directed graphs; for undirected, each {u,v} once.
  EdgeIndex num_edges() const noexcept { return directed_ ? num_arcs() : (num_arcs() + self_loops_) / 2; }
  /// Number of self-loop arcs u->u.
  EdgeIndex num_self_loops() const noexcept { return self_loops_; }
  bool directed() const noexcept { return directed_; }
  bool weighted() const noexcept { return !weights_.empty(); }
  /// True when in_neighbors() is available (always for undirected graphs).
  bool has_in_edges() const noexcept { return !directed_ || !in_offsets_.empty(); }

  EdgeIndex out_degree(VertexId v) const noexcept { return offsets_[v + 1] - offsets_[v]; }
  EdgeIndex in_degree(VertexId v) const noexcept {
    const auto& off = in_offsets_ref();
    return off[v + 1] - off[v];
  }

  std::span<const VertexId> out_neighbors(VertexId v) const noexcept {
    return {targets_.data() + offsets_[v], targets_.data() + offsets_[v + 1]};
  }
  /// Weights aligned with out_neighbors(v); empty span on unweighted graphs.
  std::span<const Weight> out_weights(VertexId v) const noexcept {
    if (weights_.empty()) return {};
    return {weights_.data() + offsets_[v], weights_.data() + offsets_[v + 1]};
  }
  /// Requires has_in_edges().
  std::span<const VertexId> in_neighbors(VertexId v) const noexcept {
    if (!directed_) return out_neighbors(v);
    return {in_sources_.data() + in_offsets_[v], in_sources_.data() + in_offsets_[v + 1]};
  }
  std::span<const Weight> in_weights(VertexId v) const noexcept {
    if (!directed_) return out_weights(v);
    if (in_weights_.empty()) return {};
    return {in_weights_.data() + in_offsets_[v], in_weights_.data() + in_offsets_[v + 1]};
  }

  /// Raw arrays (snapshots, HDF5 export, BGL adapter). offsets has num_vertices()+1 entries.
  std::span<const EdgeIndex> offsets() const noexcept { return offsets_; }
  std::span<const VertexId> targets() const noexcept { return targets_; }
  std::span<const Weight> weights() const noexcept { return weights_; }
  std::span<const EdgeIndex> in_offsets() const noexcept { return directed_ ? std::span<const EdgeIndex>(in_offsets_) : offsets(); }
  std::span<const VertexId> in_sources() const noexcept { return directed_ ? std::span<const VertexId>(in_sources_) : targets(); }
  std::span<const Weight> in_weights_all() const noexcept { return directed_ ? std::span<const Weight>(in_weights_) : weights(); }

  /// Bytes held by the arrays (for the run summary and the benchmark's bytes-per-edge figure).
  std::size_t memory_bytes() const noexcept;

 private:
  friend class CsrAssembler;
  const std::vector<EdgeIndex>& in_offsets_ref() const noexcept { return directed_ ? in_offsets_ : offsets_; }
  void count_self_loops();

  std::vector<EdgeIndex> offsets_;
  std::vector<VertexId> targets_;
  std::vector<Weight> weights_;
  std::vector<EdgeIndex> in_offsets_;
  std::vector<VertexId> in_sources_;
  std::vector<Weight> in_weights_;
  EdgeIndex self_loops_ = 0;
  bool directed_ = true;
};

}  // namespace peerscout
