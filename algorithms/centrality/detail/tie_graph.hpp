#pragma once
/// Internal: the simple undirected "tie graph" behind the neighbourhood measures (local clustering,
/// embeddedness, Burt's constraint and effective size), and the degree-ordered orientation used to
/// enumerate its triangles.
///
/// Ties. Two distinct vertices u and v are tied when g has an arc u->v or v->u (any weight).
/// Self-loops are no ties; parallel arcs and reciprocal arcs form one tie. The tie strength
/// s(u, v) = s(v, u) is the total weight of all arcs between u and v in both directions (1 per arc
/// when unweighted), i.e. Burt's a[u][v] + a[v][u] (igraph_constraint) and networkx's
/// mutual_weight. For an undirected g every edge {u, v} is counted once (stored as two arcs, read
/// from one side).
///
/// Both structures are plain CSR arrays (64-bit offsets, 32-bit ids), built in parallel with no
/// atomics, identical for any thread count. Memory: 4 bytes per tie end (+8 with strengths).
#include <cstdint>
#include <span>
#include <vector>

#include "engine/csr_graph.hpp"

namespace peerscout::centrality::detail {

struct TieGraph {
  std::vector<EdgeIndex> offsets;  ///< n + 1 entries
  std::vector<VertexId> targets;   ///< per vertex: distinct tied vertices, sorted, never the vertex itself
  std::vector<double> strength;    ///< aligned with targets; empty unless requested

  VertexId num_vertices() const noexcept { return static_cast<VertexId>(offsets.size() - 1); }
  EdgeIndex degree(VertexId v) const noexcept { return offsets[v + 1] - offsets[v]; }
  std::span<const VertexId> neighbors(VertexId v) const noexcept {
    return {targets.data() + offsets[v], targets.data() + offsets[v + 1]};
  }
  std::span<const double> strengths(VertexId v) const noexcept {
    return {strength.data() + offsets[v], strength.data() + offsets[v + 1]};
  }
};

/// Builds the tie graph of g. `with_strength`: fill TieGraph::strength, using g's weights when
/// `use_weights` and g is weighted (1 per arc otherwise). Directed graphs need the in-adjacency
/// (InvalidArgument naming `who` otherwise). Time O(n + m), parallel.
TieGraph tie_graph(const CsrGraph& g, bool with_strength, bool use_weights, const char* who);

/// Degree-ordered orientation of a tie graph: every tie {u, v} becomes one arc from the endpoint
/// of lower rank to the one of higher rank, rank = (degree, id) in lexicographic order. Out-lists
/// stay sorted by id. Every vertex then has out-degree O(sqrt(m)), so intersecting out-lists lists
/// each triangle exactly once (from its lowest-ranked vertex) in O(m^1.5) total time.
struct OrientedTies {
  std::vector<EdgeIndex> offsets;
  std::vector<VertexId> targets;
  std::span<const VertexId> out(VertexId v) const noexcept {
    return {targets.data() + offsets[v], targets.data() + offsets[v + 1]};
  }
};

/// True when u ranks below v: (degree, id) lexicographically.
inline bool rank_less(const TieGraph& t, VertexId u, VertexId v) noexcept {
  const EdgeIndex du = t.degree(u), dv = t.degree(v);
  return du < dv || (du == dv && u < v);
}

OrientedTies orient_by_degree(const TieGraph& t);

/// Triangle counts by enumeration over the oriented ties (merge intersection of sorted out-lists,
/// dynamic schedule, integer atomics, so the counts are exact and thread-count independent).
/// per_vertex: triangles through each vertex (size n, or empty when not requested);
/// per_tie: triangles through each oriented tie, aligned with OrientedTies::targets (or empty).
struct TriangleCounts {
  std::vector<std::uint64_t> per_vertex;
  std::vector<std::uint32_t> per_tie;
};
TriangleCounts count_triangles(const OrientedTies& o, VertexId n, bool per_vertex, bool per_tie);

/// Calls f(i, j) for every common element a[i] == b[j] of two sorted, duplicate-free lists, in
/// increasing order. Linear merge when the sizes are comparable, galloping (exponential + binary
/// search) from the shorter list otherwise: O(min * log(max / min)).
template <class F>
inline void for_each_common(std::span<const VertexId> a, std::span<const VertexId> b, F&& f) {
  const bool swap = a.size() > b.size();
  std::span<const VertexId> s = swap ? b : a;  // shorter
  std::span<const VertexId> l = swap ? a : b;  // longer
  if (s.empty()) return;
  auto emit = [&](std::size_t is, std::size_t il) {
    if (swap) {
      f(il, is);
    } else {
      f(is, il);
    }
  };
  if (l.size() < 16 * s.size()) {
    std::size_t i = 0, j = 0;
    while (i < s.size() && j < l.size()) {
      const VertexId x = s[i], y = l[j];
      if (x < y) {
        ++i;
      } else if (y < x) {
        ++j;
      } else {
        emit(i, j);
        ++i;
        ++j;
      }
    }
    return;
  }
  std::size_t lo = 0;
  for (std::size_t i = 0; i < s.size() && lo < l.size(); ++i) {
    const VertexId x = s[i];
    // Gallop: find the first position >= x at or after lo.
    std::size_t step = 1, hi = lo;
    while (hi < l.size() && l[hi] < x) {
      lo = hi + 1;
      hi += step;
      step <<= 1;
    }
    if (hi > l.size()) hi = l.size();
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (l[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo < l.size() && l[lo] == x) {
      emit(i, lo);
      ++lo;
    }
  }
}

}  // namespace peerscout::centrality::detail
