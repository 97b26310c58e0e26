#include "engine/csr_builder.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "engine/detail/csr_assembler.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout {

namespace {

// Weights are sorted together with targets as one 64-bit key: target in the high half, the
// weight's bits mapped to an order-preserving unsigned integer in the low half.
inline std::uint32_t weight_key(Weight w) noexcept {
  const auto bits = std::bit_cast<std::uint32_t>(w);
  return (bits & 0x80000000U) ? ~bits : (bits | 0x80000000U);
}
inline Weight key_weight(std::uint32_t key) noexcept {
  const std::uint32_t bits = (key & 0x80000000U) ? (key & 0x7fffffffU) : ~key;
  return std::bit_cast<Weight>(bits);
}

template <class T>
void release(std::vector<T>& v) {
  std::vector<T>().swap(v);
}

struct Adjacency {
  std::vector<EdgeIndex> offsets;
  std::vector<VertexId> adj;
  std::vector<Weight> w;
};

// Sorts every list by (neighbour, weight). With `keep_order` (serially scattered input) sorting is
// stable on the neighbour only, so the first occurrence in input order stays first.
void sort_lists(Adjacency& a, VertexId n, bool keep_order) {
  const auto nn = static_cast<std::int64_t>(n);
  const bool weighted = !a.w.empty();
#pragma omp parallel if (nn > kParallelMin)
  {
    std::vector<std::uint64_t> keys;
    std::vector<Weight> wcopy;
#pragma omp for schedule(dynamic, 512)
    for (std::int64_t i = 0; i < nn; ++i) {
      const EdgeIndex b = a.offsets[static_cast<std::size_t>(i)];
      const EdgeIndex e = a.offsets[static_cast<std::size_t>(i) + 1];
      if (e - b < 2) continue;
      VertexId* t = a.adj.data() + b;
      const auto d = static_cast<std::size_t>(e - b);
      if (!weighted) {
        std::sort(t, t + d);
        continue;
      }
      Weight* w = a.w.data() + b;
      keys.resize(d);
      if (keep_order) {
        wcopy.assign(w, w + d);
        for (std::size_t k = 0; k < d; ++k) keys[k] = (std::uint64_t{t[k]} << 32) | static_cast<std::uint32_t>(k);
        std::sort(keys.begin(), keys.end());
        for (std::size_t k = 0; k < d; ++k) {
          t[k] = static_cast<VertexId>(keys[k] >> 32);
          w[k] = wcopy[static_cast<std::uint32_t>(keys[k])];
        }
      } else {
        for (std::size_t k = 0; k < d; ++k) keys[k] = (std::uint64_t{t[k]} << 32) | weight_key(w[k]);
        std::sort(keys.begin(), keys.end());
        for (std::size_t k = 0; k < d; ++k) {
          t[k] = static_cast<VertexId>(keys[k] >> 32);
          w[k] = key_weight(static_cast<std::uint32_t>(keys[k]));
        }
      }
    }
  }
}

// Merges runs of equal neighbours per the policy. Returns the number of arcs removed.
EdgeIndex squish(Adjacency& a, VertexId n, Duplicates policy) {
  if (policy == Duplicates::kKeepAll) return 0;
  const auto nn = static_cast<std::int64_t>(n);
  std::vector<EdgeIndex> new_deg(static_cast<std::size_t>(n) + 1, 0);
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<std::size_t>(i);
    EdgeIndex unique = 0;
    for (EdgeIndex e = a.offsets[v]; e < a.offsets[v + 1]; ++e)
      unique += (e == a.offsets[v] || a.adj[e] != a.adj[e - 1]) ? 1 : 0;
    new_deg[v] = unique;
  }
  const EdgeIndex total = exclusive_scan_inplace(new_deg);
  const EdgeIndex removed = a.adj.size() - total;
  if (removed == 0) return 0;

  const bool weighted = !a.w.empty();
  std::vector<VertexId> adj(total);
  std::vector<Weight> w(weighted ? total : 0);
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<std::size_t>(i);
    EdgeIndex out = new_deg[v];
    EdgeIndex e = a.offsets[v];
    const EdgeIndex end = a.offsets[v + 1];
    while (e < end) {
      EdgeIndex run_end = e + 1;
      while (run_end < end && a.adj[run_end] == a.adj[e]) ++run_end;
      adj[out] = a.adj[e];
      if (weighted) {
        Weight merged = a.w[e];
        if (policy == Duplicates::kSumWeights) {
          double s = 0.0;  // runs are sorted by weight: a fixed summation order
          for (EdgeIndex k = e; k < run_end; ++k) s += static_cast<double>(a.w[k]);
          merged = static_cast<Weight>(s);
        } else if (policy == Duplicates::kMaxWeight) {
          for (EdgeIndex k = e; k < run_end; ++k) merged = std::max(merged, a.w[k]);
        }  // kKeepFirst: a.w[e], the first in input order (stable sort)
        w[out] = merged;
      }
      ++out;
      e = run_end;
    }
  }
  a.offsets = std::move(new_deg);
  a.adj = std::move(adj);
  a.w = std::move(w);
  return removed;
}

// In-adjacency of a directed out-adjacency: counts, scan, atomic scatter, sort.
Adjacency transpose_adjacency(const std::vector<EdgeIndex>& off, const std::vector<VertexId>& adj,
                              const std::vector<Weight>& w, VertexId n) {
  const auto nn = static_cast<std::int64_t>(n);
  Adjacency t;
  t.offsets.assign(static_cast<std::size_t>(n) + 1, 0);
  const auto m = static_cast<std::int64_t>(adj.size());
#pragma omp parallel for schedule(static) if (m > kParallelMin)
  for (std::int64_t e = 0; e < m; ++e) {
#pragma omp atomic
    ++t.offsets[adj[static_cast<std::size_t>(e)]];
  }
  exclusive_scan_inplace(t.offsets);
  t.adj.resize(adj.size());
  if (!w.empty()) t.w.resize(w.size());
  std::vector<EdgeIndex> cursor(t.offsets.begin(), t.offsets.end() - 1);
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto u = static_cast<VertexId>(i);
    for (EdgeIndex e = off[u]; e < off[u + 1]; ++e) {
      EdgeIndex pos;
#pragma omp atomic capture
      pos = cursor[adj[e]]++;
      t.adj[pos] = u;
      if (!w.empty()) t.w[pos] = w[e];
    }
  }
  sort_lists(t, n, false);
  return t;
}

}  // namespace

VertexId infer_num_vertices(const EdgeList& edges) {
  const auto m = static_cast<std::int64_t>(edges.size());
  VertexId mx = 0;
  bool any = false;
#pragma omp parallel for schedule(static) reduction(max : mx) reduction(|| : any) if (m > kParallelMin)
  for (std::int64_t i = 0; i < m; ++i) {
    mx = std::max({mx, edges.src[static_cast<std::size_t>(i)], edges.dst[static_cast<std::size_t>(i)]});
    any = true;
  }
  if (!any) return 0;
  if (mx == kNoVertex) throw InvalidArgument("build_csr: vertex id 4294967295 is reserved");
  return mx + 1;
}

BuildResult build_csr(EdgeList&& el, VertexId n, const BuildOptions& opts) {
  if (el.src.size() != el.dst.size())
    throw InvalidArgument("build_csr: src and dst must have the same length");
  if (!el.weight.empty() && el.weight.size() != el.src.size())
    throw InvalidArgument("build_csr: weights must be empty or one per edge");
  if (n == kNoVertex) throw InvalidArgument("build_csr: too many vertices for 32-bit ids");

  const auto m = static_cast<std::int64_t>(el.size());
  const bool weighted = el.weighted();
  const bool drop_loops = opts.self_loops == SelfLoops::kDrop;
  BuildStats stats;
  stats.input_edges = static_cast<EdgeIndex>(m);

  // 1. Validate and count degrees (undirected: both endpoints).
  std::int64_t first_bad = m;
  EdgeIndex loops = 0;
  Adjacency a;
  a.offsets.assign(static_cast<std::size_t>(n) + 1, 0);
#pragma omp parallel for schedule(static) reduction(min : first_bad) reduction(+ : loops) if (m > kParallelMin)
  for (std::int64_t i = 0; i < m; ++i) {
    const VertexId u = el.src[static_cast<std::size_t>(i)];
    const VertexId v = el.dst[static_cast<std::size_t>(i)];
    if (u >= n || v >= n) {
      first_bad = std::min(first_bad, i);
      continue;
    }
    if (u == v) {
      ++loops;
      if (drop_loops) continue;
    }
#pragma omp atomic
    ++a.offsets[u];
    if (!opts.directed && u != v) {
#pragma omp atomic
      ++a.offsets[v];
    }
  }
  if (first_bad < m) {
    const auto i = static_cast<std::size_t>(first_bad);
    throw InvalidArgument("build_csr: edge " + std::to_string(i) + " (" + std::to_string(el.src[i]) + ", " +
                          std::to_string(el.dst[i]) + ") has an endpoint >= num_vertices = " + std::to_string(n));
  }
  if (drop_loops) stats.self_loops_dropped = loops;
  const EdgeIndex arcs = exclusive_scan_inplace(a.offsets);

  // 2. Scatter. KeepFirst on weights needs input order: scatter serially in that one case.
  a.adj.resize(arcs);
  if (weighted) a.w.resize(arcs);
  {
    std::vector<EdgeIndex> cursor(a.offsets.begin(), a.offsets.end() - 1);
    const bool keep_order = weighted && opts.duplicates == Duplicates::kKeepFirst;
    auto put = [&](VertexId from, VertexId to, std::size_t i, EdgeIndex pos) {
      a.adj[pos] = to;
      if (weighted) a.w[pos] = el.weight[i];
      (void)from;
    };
    if (keep_order) {
      for (std::size_t i = 0; i < el.size(); ++i) {
        const VertexId u = el.src[i], v = el.dst[i];
        if (u == v && drop_loops) continue;
        put(u, v, i, cursor[u]++);
        if (!opts.directed && u != v) put(v, u, i, cursor[v]++);
      }
    } else {
#pragma omp parallel for schedule(static) if (m > kParallelMin)
      for (std::int64_t ii = 0; ii < m; ++ii) {
        const auto i = static_cast<std::size_t>(ii);
        const VertexId u = el.src[i], v = el.dst[i];
        if (u == v && drop_loops) continue;
        EdgeIndex pos;
#pragma omp atomic capture
        pos = cursor[u]++;
        put(u, v, i, pos);
        if (!opts.directed && u != v) {
#pragma omp atomic capture
          pos = cursor[v]++;
          put(v, u, i, pos);
        }
      }
    }
    release(el.src);
    release(el.dst);
    release(el.weight);
    sort_lists(a, n, keep_order);
  }

  // 3. Squish duplicates.
  const EdgeIndex removed_arcs = squish(a, n, opts.duplicates);
  if (opts.directed) {
    stats.duplicates_merged = removed_arcs;
  } else {
    // Arcs u->v and v->u are removed together; a duplicated self-loop removes one arc.
    EdgeIndex loop_arcs_after = 0;
    const auto nn = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(dynamic, 1024) reduction(+ : loop_arcs_after) if (nn > kParallelMin)
    for (std::int64_t i = 0; i < nn; ++i) {
      const auto v = static_cast<std::size_t>(i);
      for (EdgeIndex e = a.offsets[v]; e < a.offsets[v + 1]; ++e) loop_arcs_after += (a.adj[e] == v) ? 1 : 0;
    }
    const EdgeIndex loop_arcs_before = drop_loops ? 0 : loops;
    const EdgeIndex loop_removed = loop_arcs_before - loop_arcs_after;
    stats.duplicates_merged = loop_removed + (removed_arcs - loop_removed) / 2;
  }

  // 4. In-adjacency for directed graphs.
  Adjacency in;
  if (opts.directed && opts.build_in_edges) in = transpose_adjacency(a.offsets, a.adj, a.w, n);

  CsrGraph g = CsrAssembler::assemble(opts.directed, std::move(a.offsets), std::move(a.adj), std::move(a.w),
                                      std::move(in.offsets), std::move(in.adj), std::move(in.w));
  stats.edges = g.num_edges();
  return {std::move(g), stats};
}

CsrGraph transpose(const CsrGraph& g) {
  if (!g.directed()) {
    return CsrGraph::from_arrays(false, {g.offsets().begin(), g.offsets().end()},
                                 {g.targets().begin(), g.targets().end()}, {g.weights().begin(), g.weights().end()});
  }
  const VertexId n = g.num_vertices();
  std::vector<EdgeIndex> off(g.offsets().begin(), g.offsets().end());
  std::vector<VertexId> adj(g.targets().begin(), g.targets().end());
  std::vector<Weight> w(g.weights().begin(), g.weights().end());
  if (g.has_in_edges()) {
    std::vector<EdgeIndex> ioff(g.in_offsets().begin(), g.in_offsets().end());
    std::vector<VertexId> iadj(g.in_sources().begin(), g.in_sources().end());
    std::vector<Weight> iw(g.in_weights_all().begin(), g.in_weights_all().end());
    return CsrAssembler::assemble(true, std::move(ioff), std::move(iadj), std::move(iw), std::move(off),
                                  std::move(adj), std::move(w));
  }
  Adjacency in = transpose_adjacency(off, adj, w, n);
  return CsrAssembler::assemble(true, std::move(in.offsets), std::move(in.adj), std::move(in.w), std::move(off),
                                std::move(adj), std::move(w));
}

}  // namespace peerscout
