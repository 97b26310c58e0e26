#include "algorithms/centrality/detail/tie_graph.hpp"

#include <omp.h>

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

OrientedTies orient_by_degree(const TieGraph& t, bool with_source_pos) {
  const VertexId n = t.num_vertices();
  const auto nn = static_cast<std::int64_t>(n);
  OrientedTies o;
  // Stable counting sort by degree: rank order = (degree, id).
  EdgeIndex max_degree = 0;
  for (VertexId v = 0; v < n; ++v) max_degree = std::max(max_degree, t.degree(v));
  std::vector<VertexId> start(static_cast<std::size_t>(max_degree) + 2, 0);
  for (VertexId v = 0; v < n; ++v) ++start[t.degree(v) + 1];
  for (std::size_t d = 1; d < start.size(); ++d) start[d] += start[d - 1];
  o.vertex.resize(n);
  o.rank.resize(n);
  for (VertexId v = 0; v < n; ++v) {
    const VertexId r = start[t.degree(v)]++;
    o.vertex[r] = v;
    o.rank[v] = r;
  }
  o.offsets.assign(static_cast<std::size_t>(n) + 1, 0);
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto r = static_cast<VertexId>(i);
    EdgeIndex c = 0;
    for (VertexId u : t.neighbors(o.vertex[r])) c += o.rank[u] > r ? 1 : 0;
    o.offsets[r] = c;
  }
  exclusive_scan_inplace(o.offsets);
  o.targets.resize(o.offsets[n]);
  if (with_source_pos) o.source_pos.resize(o.offsets[n]);
#pragma omp parallel if (nn > kParallelMin)
  {
    std::vector<std::pair<VertexId, std::uint32_t>> pairs;
#pragma omp for schedule(dynamic, 1024)
    for (std::int64_t i = 0; i < nn; ++i) {
      const auto r = static_cast<VertexId>(i);
      const auto nb = t.neighbors(o.vertex[r]);
      pairs.clear();
      for (std::size_t k = 0; k < nb.size(); ++k)
        if (o.rank[nb[k]] > r) pairs.emplace_back(o.rank[nb[k]], static_cast<std::uint32_t>(k));
      std::sort(pairs.begin(), pairs.end());
      EdgeIndex pos = o.offsets[r];
      for (const auto& [rk, k] : pairs) {
        o.targets[pos] = rk;
        if (with_source_pos) o.source_pos[pos] = k;
        ++pos;
      }
    }
  }
  return o;
}

namespace {

// Triangle counts per vertex (by rank) and per oriented tie. The ties of v get local counters,
// flushed once per v; the others are updated with integer atomics (exact in any order).
class CountVisitor {
 public:
  // Made inside the parallel region: a team of one thread needs no atomic instructions.
  CountVisitor(const OrientedTies& o, std::uint64_t* tv, std::uint32_t* te)
      : o_(o), tv_(tv), te_(te), atomic_(omp_get_num_threads() > 1) {}
  void begin(VertexId v) {
    total_ = 0;
    if (te_) local_.assign(o_.offsets[v + 1] - o_.offsets[v], 0);
  }
  void triangle(VertexId, VertexId u, VertexId w, std::size_t, std::size_t b, std::size_t c) {
    if (tv_) add(tv_[w], 1);
    if (te_) {
      ++local_[b];
      add(te_[o_.offsets[u] + c], 1);
    }
  }
  void end_pair(VertexId, VertexId u, std::size_t a, std::uint32_t count) {
    total_ += count;
    if (tv_) add(tv_[u], count);
    if (te_) local_[a] += count;
  }
  void end(VertexId v) {
    if (tv_ && total_ > 0) add(tv_[v], total_);
    if (te_)
      for (std::size_t k = 0; k < local_.size(); ++k)
        if (local_[k] > 0) add(te_[o_.offsets[v] + k], local_[k]);
  }

 private:
  template <class T, class D>
  void add(T& x, D d) const {
    if (atomic_) {
      std::atomic_ref<T>(x).fetch_add(static_cast<T>(d), std::memory_order_relaxed);
    } else {
      x += static_cast<T>(d);
    }
  }
  const OrientedTies& o_;
  std::uint64_t* tv_;
  std::uint32_t* te_;
  bool atomic_;
  std::uint64_t total_ = 0;
  std::vector<std::uint32_t> local_;
};

}  // namespace

TriangleCounts count_triangles(const OrientedTies& o, VertexId n, bool per_vertex, bool per_tie) {
  TriangleCounts r;
  if (per_vertex) r.per_vertex.assign(n, 0);
  if (per_tie) r.per_tie.assign(o.targets.size(), 0);
  std::uint64_t* const tv = per_vertex ? r.per_vertex.data() : nullptr;
  std::uint32_t* const te = per_tie ? r.per_tie.data() : nullptr;
  if (per_tie) {
    for_each_triangle<true>(o, [&] { return CountVisitor(o, tv, te); });
  } else {
    for_each_triangle<false>(o, [&] { return CountVisitor(o, tv, te); });
  }
  if (per_vertex) {  // ranks -> vertex ids
    const auto nn = static_cast<std::int64_t>(n);
    std::vector<std::uint64_t> by_id(n);
#pragma omp parallel for schedule(static) if (nn > kParallelMin)
    for (std::int64_t i = 0; i < nn; ++i)
      by_id[o.vertex[static_cast<std::size_t>(i)]] = r.per_vertex[static_cast<std::size_t>(i)];
    r.per_vertex.swap(by_id);
  }
  return r;
}

}  // namespace peerscout::centrality::detail
