#include "engine/csr_builder.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "engine/detail/csr_assembler.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout {

namespace {

template <class T>
void release(std::vector<T>& v) {
  std::vector<T>().swap(v);
}

struct Adjacency {
  std::vector<EdgeIndex> offsets;
  std::vector<VertexId> adj;
  std::vector<Weight> w;
};

// ---- stable parallel counting sorts ------------------------------------------------------------------
//
// Every pass below is one stable counting sort keyed by a vertex id: the items (edges or arcs) are
// cut into R contiguous ranges; range r counts its keys into its own row of an R x n counter matrix,
// the rows are turned into per-range start positions, and each range then scatters its items in
// order. No atomics, and the output order is the input order within each key whatever R is, so the
// result does not depend on the thread count. Two passes (by target, then by source) leave every
// neighbour list sorted by target with parallel arcs in input order: an LSD radix sort that needs no
// per-list sort (gapbs sorts each list; this measured faster, see docs/benchmarks.md).

// Range count: at most the thread count and 8, and few enough that the counters (R x n) stay
// below about half a byte per item.
// Items ahead whose counters are prefetched: the passes are bound by random-access latency.
constexpr EdgeIndex kPrefetch = 16;

int choose_ranges(EdgeIndex items, VertexId n) {
  const EdgeIndex by_memory = items / (2 * (static_cast<EdgeIndex>(n) + 1)) + 1;
  const auto r = std::min<EdgeIndex>({static_cast<EdgeIndex>(max_threads()), 8, by_memory});
  return static_cast<int>(std::max<EdgeIndex>(1, r));
}

template <class C>
class RangeCounters {
 public:
  RangeCounters(int ranges, VertexId n) : ranges_(ranges), n_(n), c_(static_cast<std::size_t>(ranges) * n) {}
  C* row(int r) noexcept { return c_.data() + static_cast<std::size_t>(r) * n_; }
  // Counts -> per-range start positions (relative to the key's first slot); returns offsets (n+1).
  std::vector<EdgeIndex> to_offsets() {
    std::vector<EdgeIndex> offsets(static_cast<std::size_t>(n_) + 1, 0);
    const auto nn = static_cast<std::int64_t>(n_);
#pragma omp parallel for schedule(static) if (nn > kParallelMin)
    for (std::int64_t i = 0; i < nn; ++i) {
      EdgeIndex s = 0;
      for (int r = 0; r < ranges_; ++r) {
        C& c = row(r)[i];
        const C t = c;
        c = static_cast<C>(s);
        s += t;
      }
      offsets[static_cast<std::size_t>(i)] = s;
    }
    exclusive_scan_inplace(offsets);
    return offsets;
  }

 private:
  int ranges_;
  VertexId n_;
  std::vector<C> c_;
};

// Splits the groups [0, n) (group v holding items [off[v], off[v+1])) into R ranges of about equal
// item counts.
std::vector<VertexId> balanced_groups(const std::vector<EdgeIndex>& off, VertexId n, int ranges) {
  std::vector<VertexId> b;
  b.reserve(static_cast<std::size_t>(ranges) + 1);
  b.push_back(0);
  const EdgeIndex m = off[n];
  for (int r = 1; r < ranges; ++r) {
    const EdgeIndex target = m / static_cast<EdgeIndex>(ranges) * static_cast<EdgeIndex>(r);
    const auto v = static_cast<VertexId>(std::upper_bound(off.begin(), off.end(), target) - off.begin() - 1);
    b.push_back(std::max(v, b.back()));
  }
  b.push_back(n);
  return b;
}

// Regroups a grouped adjacency (group v -> entries adj[off[v]..off[v+1])) by entry: the result's
// list of x holds every group v with an entry x, in increasing v (ties in entry order). Used to
// turn by-target groups into sorted out-lists, and out-lists into sorted in-lists.
template <class C>
Adjacency regroup(const std::vector<EdgeIndex>& off, const std::vector<VertexId>& adj, const std::vector<Weight>& w,
                  VertexId n, int ranges) {
  const bool weighted = !w.empty();
  const auto groups = balanced_groups(off, n, ranges);
  RangeCounters<C> counters(ranges, n);
#pragma omp parallel for schedule(static, 1) num_threads(ranges) if (ranges > 1)
  for (int r = 0; r < ranges; ++r) {
    C* c = counters.row(r);
    const EdgeIndex end = off[groups[static_cast<std::size_t>(r) + 1]];
    for (EdgeIndex e = off[groups[static_cast<std::size_t>(r)]]; e < end; ++e) {
      if (e + kPrefetch < end) __builtin_prefetch(&c[adj[e + kPrefetch]], 1);
      ++c[adj[e]];
    }
  }
  Adjacency out;
  out.offsets = counters.to_offsets();
  out.adj.resize(adj.size());
  if (weighted) out.w.resize(w.size());
#pragma omp parallel for schedule(static, 1) num_threads(ranges) if (ranges > 1)
  for (int r = 0; r < ranges; ++r) {
    C* c = counters.row(r);
    for (VertexId v = groups[static_cast<std::size_t>(r)]; v < groups[static_cast<std::size_t>(r) + 1]; ++v) {
      for (EdgeIndex e = off[v]; e < off[v + 1]; ++e) {
        if (e + kPrefetch < adj.size()) {
          const VertexId ahead = adj[e + kPrefetch];
          __builtin_prefetch(&c[ahead], 1);
          __builtin_prefetch(&out.offsets[ahead], 0);
        }
        const VertexId x = adj[e];
        const EdgeIndex pos = out.offsets[x] + c[x]++;
        out.adj[pos] = v;
        if (weighted) out.w[pos] = w[e];
      }
    }
  }
  return out;
}

Adjacency regroup(const std::vector<EdgeIndex>& off, const std::vector<VertexId>& adj, const std::vector<Weight>& w,
                  VertexId n) {
  const int ranges = choose_ranges(adj.size(), n);
  if (adj.size() / static_cast<EdgeIndex>(ranges) >= (EdgeIndex{1} << 32)) return regroup<EdgeIndex>(off, adj, w, n, ranges);
  return regroup<std::uint32_t>(off, adj, w, n, ranges);
}

// First pass: input edges grouped by target (undirected: both arcs of an edge), sources in input
// order. Loops are skipped when dropped; the input arrays are released afterwards.
template <class C>
Adjacency group_by_target(EdgeList& el, VertexId n, bool directed, bool drop_loops, int ranges) {
  const auto m = static_cast<EdgeIndex>(el.size());
  const bool weighted = el.weighted();
  RangeCounters<C> counters(ranges, n);
  auto range_begin = [&](int r) { return m / static_cast<EdgeIndex>(ranges) * static_cast<EdgeIndex>(r); };
  auto range_end = [&](int r) { return r + 1 == ranges ? m : range_begin(r + 1); };
#pragma omp parallel for schedule(static, 1) num_threads(ranges) if (ranges > 1)
  for (int r = 0; r < ranges; ++r) {
    C* c = counters.row(r);
    const EdgeIndex end = range_end(r);
    for (EdgeIndex i = range_begin(r); i < end; ++i) {
      if (i + kPrefetch < end) __builtin_prefetch(&c[el.dst[i + kPrefetch]], 1);
      const VertexId u = el.src[i], v = el.dst[i];
      if (u == v && drop_loops) continue;
      ++c[v];
      if (!directed && u != v) ++c[u];
    }
  }
  Adjacency g;
  g.offsets = counters.to_offsets();
  const EdgeIndex arcs = g.offsets[n];
  g.adj.resize(arcs);
  if (weighted) g.w.resize(arcs);
#pragma omp parallel for schedule(static, 1) num_threads(ranges) if (ranges > 1)
  for (int r = 0; r < ranges; ++r) {
    C* c = counters.row(r);
    const EdgeIndex end = range_end(r);
    for (EdgeIndex i = range_begin(r); i < end; ++i) {
      if (i + kPrefetch < end) {
        const VertexId ahead = el.dst[i + kPrefetch];
        __builtin_prefetch(&c[ahead], 1);
        __builtin_prefetch(&g.offsets[ahead], 0);
      }
      const VertexId u = el.src[i], v = el.dst[i];
      if (u == v && drop_loops) continue;
      EdgeIndex pos = g.offsets[v] + c[v]++;
      g.adj[pos] = u;
      if (weighted) g.w[pos] = el.weight[i];
      if (!directed && u != v) {
        pos = g.offsets[u] + c[u]++;
        g.adj[pos] = v;
        if (weighted) g.w[pos] = el.weight[i];
      }
    }
  }
  release(el.src);
  release(el.dst);
  release(el.weight);
  return g;
}

// Merges runs of equal neighbours per the policy; runs are in input order, so kKeepFirst keeps the
// first occurrence and sums are taken in input order (deterministic). Returns the arcs removed.
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
          double s = 0.0;
          for (EdgeIndex k = e; k < run_end; ++k) s += static_cast<double>(a.w[k]);
          merged = static_cast<Weight>(s);
        } else if (policy == Duplicates::kMaxWeight) {
          for (EdgeIndex k = e; k < run_end; ++k) merged = std::max(merged, a.w[k]);
        }  // kKeepFirst: a.w[e], the first in input order
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
  const bool drop_loops = opts.self_loops == SelfLoops::kDrop;
  BuildStats stats;
  stats.input_edges = static_cast<EdgeIndex>(m);

  // 1. Validate (the first bad edge, whatever the thread count) and count self-loops.
  std::int64_t first_bad = m;
  EdgeIndex loops = 0;
#pragma omp parallel for schedule(static) reduction(min : first_bad) reduction(+ : loops) if (m > kParallelMin)
  for (std::int64_t i = 0; i < m; ++i) {
    const VertexId u = el.src[static_cast<std::size_t>(i)];
    const VertexId v = el.dst[static_cast<std::size_t>(i)];
    if (u >= n || v >= n) {
      first_bad = std::min(first_bad, i);
    } else if (u == v) {
      ++loops;
    }
  }
  if (first_bad < m) {
    const auto i = static_cast<std::size_t>(first_bad);
    throw InvalidArgument("build_csr: edge " + std::to_string(i) + " (" + std::to_string(el.src[i]) + ", " +
                          std::to_string(el.dst[i]) + ") has an endpoint >= num_vertices = " + std::to_string(n));
  }
  if (drop_loops) stats.self_loops_dropped = loops;

  // 2. Two stable counting sorts: by target, then by source. Lists come out sorted by target with
  //    parallel arcs in input order.
  Adjacency a;
  {
    const auto items = static_cast<EdgeIndex>(m) * (opts.directed ? 1 : 2);
    const int ranges = choose_ranges(items, n);
    Adjacency by_target = items / static_cast<EdgeIndex>(ranges) >= (EdgeIndex{1} << 32)
                              ? group_by_target<EdgeIndex>(el, n, opts.directed, drop_loops, ranges)
                              : group_by_target<std::uint32_t>(el, n, opts.directed, drop_loops, ranges);
    a = regroup(by_target.offsets, by_target.adj, by_target.w, n);
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
  if (opts.directed && opts.build_in_edges) in = regroup(a.offsets, a.adj, a.w, n);

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
  Adjacency in = regroup(off, adj, w, n);
  return CsrAssembler::assemble(true, std::move(in.offsets), std::move(in.adj), std::move(in.w), std::move(off),
                                std::move(adj), std::move(w));
}

}  // namespace peerscout
