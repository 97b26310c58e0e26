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
#include <algorithm>
#include <cstdint>
#include <utility>
#include <span>
#include <type_traits>
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

/// Degree-ordered orientation of a tie graph, relabelled by rank. rank(v) = position of v when
/// the vertices are sorted by (degree, id); every tie {u, v} becomes one arc from the lower rank to
/// the higher one, and the oriented graph is stored with ranks as vertex ids (out-lists sorted).
/// Every vertex then has out-degree O(sqrt(m)), so intersecting out-lists lists each triangle
/// exactly once (from its lowest-ranked vertex) in O(m^1.5) total time; the relabelling puts the
/// high-degree vertices, which appear in most out-lists, next to each other in memory.
struct OrientedTies {
  std::vector<EdgeIndex> offsets;  ///< indexed by rank
  std::vector<VertexId> targets;   ///< ranks
  std::vector<VertexId> rank;      ///< vertex id -> rank
  std::vector<VertexId> vertex;    ///< rank -> vertex id
  /// Optional (orient_by_degree(t, true)): for each oriented tie, the position of its target in
  /// the tie list of its source, TieGraph::neighbors(vertex[source rank]).
  std::vector<std::uint32_t> source_pos;
  std::span<const VertexId> out(VertexId r) const noexcept {
    return {targets.data() + offsets[r], targets.data() + offsets[r + 1]};
  }
};

OrientedTies orient_by_degree(const TieGraph& t, bool with_source_pos = false);

/// Index in o.targets of the oriented tie between vertices u != v (which must be tied).
inline EdgeIndex oriented_tie_index(const OrientedTies& o, VertexId u, VertexId v) noexcept {
  VertexId lo = o.rank[u], hi = o.rank[v];
  if (hi < lo) std::swap(lo, hi);
  const auto list = o.out(lo);
  return o.offsets[lo] + static_cast<EdgeIndex>(std::lower_bound(list.begin(), list.end(), hi) - list.begin());
}

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

/// Triangle counts by enumeration over the oriented ties (merge intersection of sorted out-lists,
/// dynamic schedule, integer atomics, so the counts are exact and thread-count independent).
/// per_vertex: triangles through each vertex, indexed by vertex id (size n, or empty when not
/// requested); per_tie: triangles through each oriented tie, aligned with OrientedTies::targets
/// (or empty).
struct TriangleCounts {
  std::vector<std::uint64_t> per_vertex;
  std::vector<std::uint32_t> per_tie;
};
TriangleCounts count_triangles(const OrientedTies& o, VertexId n, bool per_vertex, bool per_tie);

/// Out-lists longer than this are intersected through a per-thread bitmap (for_each_triangle).
inline constexpr std::size_t kLongOutList = 32;

/// Enumerates every triangle of the oriented ties exactly once, in parallel over its lowest
/// vertex v (dynamic schedule). `make_visitor()` is called once per thread; the visitor gets
///   begin(v)                          before the triangles with lowest vertex v,
///   triangle(v, u, w, a, b, c)        for ranks v < u < w, where a = index of u in out(v),
///                                     b = index of w in out(v) (only when kNeedPosition, else 0),
///                                     c = index of w in out(u) (oriented tie indices:
///                                     o.offsets[v] + a, o.offsets[v] + b, o.offsets[u] + c),
///   end_pair(v, u, a, count)          after intersecting out(v) and out(u) (count triangles),
///   end(v)                            after the last u of v.
/// Short out(v): branch-free merge (galloping when out(u) is 16x longer). Long out(v): its members
/// are set in a per-thread bitmap of n bits and each out(u) is scanned against it (b from a small
/// per-thread hash table of out(v)); the relabelling by rank keeps the bitmap words of the hubs
/// together. Memory: n / 8 bytes per thread when some out-list is long.
template <bool kNeedPosition, class MakeVisitor>
void for_each_triangle(const OrientedTies& o, MakeVisitor&& make_visitor) {
  const auto n = static_cast<VertexId>(o.offsets.size() - 1);
  const auto nn = static_cast<std::int64_t>(n);
  bool any_long = false;
  for (VertexId v = 0; v < n && !any_long; ++v) any_long = o.offsets[v + 1] - o.offsets[v] > kLongOutList;
  const bool parallel = static_cast<std::int64_t>(n + o.targets.size()) > (std::int64_t{1} << 16);
#pragma omp parallel if (parallel)
  {
    auto visitor = make_visitor();
    std::vector<std::uint64_t> bits(any_long ? (static_cast<std::size_t>(n) + 63) / 64 : 0, 0);
    // Positions in a long out(v), for hits (kNeedPosition): open addressing, 2x-4x oversized.
    std::vector<VertexId> keys;
    std::vector<std::uint32_t> vals;
    int shift = 32;
#pragma omp for schedule(dynamic, 64)
    for (std::int64_t i = 0; i < nn; ++i) {
      const auto v = static_cast<VertexId>(i);
      const auto ov = o.out(v);
      if (ov.size() < 2) continue;
      visitor.begin(v);
      const bool long_list = ov.size() > kLongOutList;
      if (long_list) {
        for (VertexId x : ov) bits[x >> 6] |= std::uint64_t{1} << (x & 63);
        if constexpr (kNeedPosition) {
          int lg = 1;
          while ((std::size_t{1} << lg) < 2 * ov.size()) ++lg;
          shift = 32 - lg;
          keys.assign(std::size_t{1} << lg, kNoVertex);
          vals.resize(keys.size());
          const std::size_t mask = keys.size() - 1;
          for (std::size_t b = 0; b < ov.size(); ++b) {
            std::size_t h = (ov[b] * 2654435761U) >> shift;
            while (keys[h] != kNoVertex) h = (h + 1) & mask;
            keys[h] = ov[b];
            vals[h] = static_cast<std::uint32_t>(b);
          }
        }
      }
      for (std::size_t a = 0; a + 1 < ov.size(); ++a) {
        const VertexId u = ov[a];
        const auto ou = o.out(u);
        std::uint32_t count = 0;
        if (long_list) {
          for (std::size_t c = 0; c < ou.size(); ++c) {
            const VertexId w = ou[c];
            if (!((bits[w >> 6] >> (w & 63)) & 1)) continue;
            std::size_t b = 0;
            if constexpr (kNeedPosition) {
              const std::size_t mask = keys.size() - 1;
              std::size_t h = (w * 2654435761U) >> shift;
              while (keys[h] != w) h = (h + 1) & mask;
              b = vals[h];
            }
            ++count;
            visitor.triangle(v, u, w, a, b, c);
          }
        } else {
          // Only w > u can close the triangle: out(u) holds ranks > u, so intersect from a + 1.
          const auto rest = ov.subspan(a + 1);
          auto hit = [&](std::size_t b, std::size_t c) {
            ++count;
            visitor.triangle(v, u, rest[b], a, a + 1 + b, c);
          };
          if (ou.size() > 16 * rest.size()) {
            for_each_common(rest, ou, hit);
          } else {
            std::size_t b = 0, c = 0;
            while (b < rest.size() && c < ou.size()) {
              const VertexId x = rest[b], y = ou[c];
              if (x == y) hit(b, c);
              b += x <= y ? 1 : 0;
              c += y <= x ? 1 : 0;
            }
          }
        }
        if (count > 0) visitor.end_pair(v, u, a, count);
      }
      visitor.end(v);
      if (long_list)
        for (VertexId x : ov) bits[x >> 6] = 0;
    }
  }
}

}  // namespace peerscout::centrality::detail
