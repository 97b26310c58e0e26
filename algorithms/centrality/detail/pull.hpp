#pragma once
/// Internal helpers shared by the iterative centralities (Katz, eigenvector, HITS, push PPR):
/// weight validation, per-vertex loop weights, fixed work blocks, and the pull gather
/// y[v] = sum over the arcs of v of w(arc) * x[other end].
///
/// Determinism: blocks depend only on the graph (never on the thread count), every vertex sums its
/// arcs in CSR order, and block results are combined in block order, so every sum and every
/// iterate is bit-identical for any number of threads (the scheme of pagerank.cpp).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/csr_graph.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout::centrality::detail {

/// Work (vertices + arcs, or vector entries) below which a sweep runs serially: a parallel region
/// costs more than a short loop, a lot more when the cores are shared with other processes.
inline constexpr std::int64_t kParallelWork = std::int64_t{1} << 16;

/// Throws InvalidArgument("<who>: edge weights must be finite and >= 0, found X ...") naming the
/// smallest offending arc's weight.
inline void check_weights(const CsrGraph& g, const char* who) {
  const auto w = g.weights();
  const auto m = static_cast<std::int64_t>(w.size());
  std::int64_t first_bad = m;
#pragma omp parallel for schedule(static) reduction(min : first_bad) if (m > kParallelMin)
  for (std::int64_t e = 0; e < m; ++e) {
    const Weight x = w[static_cast<std::size_t>(e)];
    if (!std::isfinite(x) || x < 0.0F) first_bad = std::min(first_bad, e);
  }
  if (first_bad < m)
    throw InvalidArgument(std::string(who) + ": edge weights must be finite and >= 0, found " +
                          std::to_string(w[static_cast<std::size_t>(first_bad)]) +
                          " (use_weights = false ignores them)");
}

/// One direction of adjacency as raw arrays: for each vertex v, the arcs [off[v], off[v+1]) with
/// other ends nb[] and weights w[] (nullptr = all 1).
struct Adjacency {
  const EdgeIndex* off = nullptr;
  const VertexId* nb = nullptr;
  const Weight* w = nullptr;
};

/// In-arcs (y = A^T x: y[v] = sum over u->v of w x[u]) of g; weights when `weighted`.
inline Adjacency in_arcs(const CsrGraph& g, bool weighted) {
  return {g.in_offsets().data(), g.in_sources().data(), weighted ? g.in_weights_all().data() : nullptr};
}
/// Out-arcs (y = A x: y[u] = sum over u->v of w x[v]).
inline Adjacency out_arcs(const CsrGraph& g, bool weighted) {
  return {g.offsets().data(), g.targets().data(), weighted ? g.weights().data() : nullptr};
}

/// Undirected graphs store a self-loop as ONE arc but the adjacency matrix has 2w on the diagonal
/// (igraph's convention for eigenvector centrality, PageRank and degrees). Returns the extra
/// diagonal per vertex (the loop weight once more), or an empty vector when no correction is
/// needed (directed graph, or no loops).
inline std::vector<double> extra_loop_weight(const CsrGraph& g, bool weighted) {
  std::vector<double> extra;
  if (g.directed() || g.num_self_loops() == 0) return extra;
  const VertexId n = g.num_vertices();
  extra.assign(n, 0.0);
  const auto nn = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(dynamic, 2048) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<VertexId>(i);
    const auto nb = g.out_neighbors(v);
    const auto ws = g.out_weights(v);
    const auto lo = std::lower_bound(nb.begin(), nb.end(), v);
    double s = 0.0;
    for (auto it = lo; it != nb.end() && *it == v; ++it)
      s += weighted ? static_cast<double>(ws[static_cast<std::size_t>(it - nb.begin())]) : 1.0;
    extra[v] = s;
  }
  return extra;
}

/// Block boundaries over [0, n): consecutive vertex ranges of about `units` (vertices + arcs of
/// `off`) each. Depends only on the graph.
inline std::vector<VertexId> make_blocks(const EdgeIndex* off, VertexId n, EdgeIndex units = EdgeIndex{1} << 15) {
  std::vector<VertexId> bounds{0};
  const EdgeIndex total = off[n] + n;
  for (EdgeIndex target = units; target < total; target += units) {
    VertexId lo = bounds.back(), hi = n;
    while (lo < hi) {
      const VertexId mid = lo + (hi - lo) / 2;
      if (off[mid] + mid < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo > bounds.back() && lo < n) bounds.push_back(lo);
  }
  bounds.push_back(n);
  return bounds;
}

/// sum over the arcs of v of w * x[other end], in CSR order, prefetching ahead.
template <bool kWeighted>
inline double gather(const Adjacency& a, VertexId v, const double* x, EdgeIndex m) {
  constexpr EdgeIndex kPrefetch = 16;
  double s = 0.0;
  const EdgeIndex end = a.off[v + 1];
  for (EdgeIndex e = a.off[v]; e < end; ++e) {
    if (e + kPrefetch < m) __builtin_prefetch(x + a.nb[e + kPrefetch]);
    if constexpr (kWeighted) {
      s += static_cast<double>(a.w[e]) * x[a.nb[e]];
    } else {
      s += x[a.nb[e]];
    }
  }
  return s;
}

/// Runs body(begin, end, block_index) for every block, in parallel (dynamic: degrees are skewed).
template <class Body>
inline void for_blocks(const std::vector<VertexId>& blocks, bool parallel, Body&& body) {
  const auto nb = static_cast<std::int64_t>(blocks.size()) - 1;
#pragma omp parallel for schedule(dynamic, 1) if (parallel && nb > 1)
  for (std::int64_t b = 0; b < nb; ++b) {
    const auto bb = static_cast<std::size_t>(b);
    body(blocks[bb], blocks[bb + 1], bb);
  }
}

/// One parallel sweep over the blocks: visit(b, v, s) for every vertex v of block b, in order,
/// with s = sum over the arcs of v of w * x[other] + extra[v] * x[v] (extra may be empty = 0).
/// Callers keep per-block partial results indexed by b and combine them in block order.
template <class Visit>
inline void pull_sweep(const Adjacency& a, bool weighted, const std::vector<double>& extra, const double* x, VertexId n,
                       const std::vector<VertexId>& blocks, Visit&& visit) {
  const EdgeIndex m = a.off[n];
  const bool parallel = static_cast<std::int64_t>(n + m) > kParallelWork;
  const double* const ex = extra.empty() ? nullptr : extra.data();
  auto run = [&](auto weighted_t) {
    constexpr bool kW = decltype(weighted_t)::value;
    for_blocks(blocks, parallel, [&](VertexId begin, VertexId end, std::size_t b) {
      for (VertexId v = begin; v < end; ++v) {
        const double s = gather<kW>(a, v, x, m);
        visit(b, v, ex ? s + ex[v] * x[v] : s);
      }
    });
  };
  if (weighted) {
    run(std::true_type{});
  } else {
    run(std::false_type{});
  }
}

/// y[v] = sum over the arcs of v of w * x[other] + (extra[v] + shift) * x[v] for every v (extra
/// may be empty = 0). Returns max_v y[v] (a max is exact, so any combination order gives it).
inline double apply(const Adjacency& a, bool weighted, const std::vector<double>& extra, double shift, const double* x,
                    double* y, VertexId n, const std::vector<VertexId>& blocks) {
  const EdgeIndex m = a.off[n];
  std::vector<double> part(blocks.size() - 1, 0.0);
  const bool parallel = static_cast<std::int64_t>(n + m) > kParallelWork;
  const double* const ex = extra.empty() ? nullptr : extra.data();
  auto run = [&](auto weighted_t) {
    constexpr bool kW = decltype(weighted_t)::value;
    for_blocks(blocks, parallel, [&](VertexId begin, VertexId end, std::size_t b) {
      double mx = 0.0;
      for (VertexId v = begin; v < end; ++v) {
        const double diag = ex ? ex[v] + shift : shift;
        const double yv = gather<kW>(a, v, x, m) + diag * x[v];
        y[v] = yv;
        mx = std::max(mx, yv);
      }
      part[b] = mx;
    });
  };
  if (weighted) {
    run(std::true_type{});
  } else {
    run(std::false_type{});
  }
  double mx = 0.0;
  for (double p : part) mx = std::max(mx, p);
  return mx;
}

/// x_new = y / scale, returns max_v |x_new[v] - x[v]| (exact max).
inline double rescale(const std::vector<double>& y, double scale, std::vector<double>& x) {
  const auto nn = static_cast<std::int64_t>(y.size());
  const double inv = 1.0 / scale;
  double change = 0.0;
#pragma omp parallel for schedule(static) reduction(max : change) if (nn > kParallelWork)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<std::size_t>(i);
    const double xn = y[v] * inv;
    change = std::max(change, std::abs(xn - x[v]));
    x[v] = xn;
  }
  return change;
}

/// Mean weight of the arcs of positive weight (1 when unweighted; 0 when there is none), and the
/// number of such arcs. Block sums in fixed order.
struct PositiveArcs {
  EdgeIndex count = 0;
  double mean_weight = 0.0;
};
inline PositiveArcs positive_arcs(const CsrGraph& g, bool weighted) {
  PositiveArcs r;
  if (!weighted) {
    r.count = g.num_arcs();
    r.mean_weight = r.count > 0 ? 1.0 : 0.0;
    return r;
  }
  const auto w = g.weights();
  const auto m = static_cast<std::int64_t>(w.size());
  EdgeIndex count = 0;
#pragma omp parallel for schedule(static) reduction(+ : count) if (m > kParallelMin)
  for (std::int64_t e = 0; e < m; ++e) count += w[static_cast<std::size_t>(e)] > 0.0F ? 1 : 0;
  const double sum = deterministic_sum(m, [&](std::int64_t e) { return static_cast<double>(w[static_cast<std::size_t>(e)]); });
  r.count = count;
  r.mean_weight = count > 0 ? sum / static_cast<double>(count) : 0.0;
  return r;
}

}  // namespace peerscout::centrality::detail
