#include "algorithms/centrality/detail/tie_graph.hpp"

#include <atomic>
#include <string>

#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout::centrality::detail {

namespace {

// Walks the distinct ties of v in increasing neighbour order: emit(u, s) once per tied u != v, with
// s the summed weight of all arcs between v and u (both directions). Directed: merge of the sorted
// out- and in-lists. Undirected: the out-list (each edge once from this side).
template <bool kWeighted, class Emit>
void walk_ties(const CsrGraph& g, VertexId v, Emit&& emit) {
  const auto out = g.out_neighbors(v);
  const auto ow = g.out_weights(v);
  auto weight = [](std::span<const Weight> w, std::size_t k) {
    if constexpr (kWeighted) {
      return static_cast<double>(w[k]);
    } else {
      (void)w;
      (void)k;
      return 1.0;
    }
  };
  if (!g.directed()) {
    std::size_t k = 0;
    while (k < out.size()) {
      const VertexId u = out[k];
      double s = 0.0;
      for (; k < out.size() && out[k] == u; ++k) s += weight(ow, k);
      if (u != v) emit(u, s);
    }
    return;
  }
  const auto in = g.in_neighbors(v);
  const auto iw = g.in_weights(v);
  std::size_t i = 0, j = 0;
  while (i < out.size() || j < in.size()) {
    const VertexId a = i < out.size() ? out[i] : kNoVertex;
    const VertexId b = j < in.size() ? in[j] : kNoVertex;
    const VertexId u = a < b ? a : b;
    double s = 0.0;
    for (; i < out.size() && out[i] == u; ++i) s += weight(ow, i);
    for (; j < in.size() && in[j] == u; ++j) s += weight(iw, j);
    if (u != v) emit(u, s);
  }
}

template <bool kWeighted>
void fill(const CsrGraph& g, TieGraph& t, bool with_strength) {
  const VertexId n = g.num_vertices();
  const auto nn = static_cast<std::int64_t>(n);
  t.offsets.assign(static_cast<std::size_t>(n) + 1, 0);
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<VertexId>(i);
    EdgeIndex c = 0;
    walk_ties<false>(g, v, [&](VertexId, double) { ++c; });
    t.offsets[v] = c;
  }
  exclusive_scan_inplace(t.offsets);
  const EdgeIndex total = t.offsets[n];
  t.targets.resize(total);
  if (with_strength) t.strength.resize(total);
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<VertexId>(i);
    EdgeIndex pos = t.offsets[v];
    if (with_strength) {
      walk_ties<kWeighted>(g, v, [&](VertexId u, double s) {
        t.targets[pos] = u;
        t.strength[pos] = s;
        ++pos;
      });
    } else {
      walk_ties<false>(g, v, [&](VertexId u, double) { t.targets[pos++] = u; });
    }
  }
}

}  // namespace

TieGraph tie_graph(const CsrGraph& g, bool with_strength, bool use_weights, const char* who) {
  if (g.directed() && !g.has_in_edges())
    throw InvalidArgument(std::string(who) +
                          ": the directed graph was built without in-adjacency (BuildOptions::build_in_edges)");
  TieGraph t;
  if (use_weights && g.weighted()) {
    fill<true>(g, t, with_strength);
  } else {
    fill<false>(g, t, with_strength);
  }
  return t;
}

OrientedTies orient_by_degree(const TieGraph& t) {
  const VertexId n = t.num_vertices();
  const auto nn = static_cast<std::int64_t>(n);
  OrientedTies o;
  o.offsets.assign(static_cast<std::size_t>(n) + 1, 0);
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<VertexId>(i);
    EdgeIndex c = 0;
    for (VertexId u : t.neighbors(v)) c += rank_less(t, v, u) ? 1 : 0;
    o.offsets[v] = c;
  }
  exclusive_scan_inplace(o.offsets);
  o.targets.resize(o.offsets[n]);
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<VertexId>(i);
    EdgeIndex pos = o.offsets[v];
    for (VertexId u : t.neighbors(v))
      if (rank_less(t, v, u)) o.targets[pos++] = u;
  }
  return o;
}

TriangleCounts count_triangles(const OrientedTies& o, VertexId n, bool per_vertex, bool per_tie) {
  TriangleCounts r;
  if (per_vertex) r.per_vertex.assign(n, 0);
  if (per_tie) r.per_tie.assign(o.targets.size(), 0);
  const auto nn = static_cast<std::int64_t>(n);
  std::uint64_t* const tv = per_vertex ? r.per_vertex.data() : nullptr;
  std::uint32_t* const te = per_tie ? r.per_tie.data() : nullptr;
  const bool parallel = static_cast<std::int64_t>(n + o.targets.size()) > kParallelMin;
  // Each triangle v < u < w (by rank) is found once, at v, as w in out(v) ∩ out(u). Counts are
  // integers, so atomic increments give the same totals whatever the interleaving.
#pragma omp parallel for schedule(dynamic, 64) if (parallel)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<VertexId>(i);
    const auto ov = o.out(v);
    const EdgeIndex base_v = o.offsets[v];
    std::uint64_t at_v = 0;
    for (std::size_t a = 0; a < ov.size(); ++a) {
      const VertexId u = ov[a];
      const auto ou = o.out(u);
      const EdgeIndex base_u = o.offsets[u];
      std::uint32_t at_vu = 0;
      for_each_common(ov, ou, [&](std::size_t b, std::size_t c) {
        const VertexId w = ov[b];
        ++at_vu;
        if (tv) std::atomic_ref<std::uint64_t>(tv[w]).fetch_add(1, std::memory_order_relaxed);
        if (te) {
          std::atomic_ref<std::uint32_t>(te[base_v + b]).fetch_add(1, std::memory_order_relaxed);
          std::atomic_ref<std::uint32_t>(te[base_u + c]).fetch_add(1, std::memory_order_relaxed);
        }
      });
      if (at_vu == 0) continue;
      at_v += at_vu;
      if (tv) std::atomic_ref<std::uint64_t>(tv[u]).fetch_add(at_vu, std::memory_order_relaxed);
      if (te) std::atomic_ref<std::uint32_t>(te[base_v + a]).fetch_add(at_vu, std::memory_order_relaxed);
    }
    if (tv && at_v > 0) std::atomic_ref<std::uint64_t>(tv[v]).fetch_add(at_v, std::memory_order_relaxed);
  }
  return r;
}

}  // namespace peerscout::centrality::detail
