#include "algorithms/centrality/kcore.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <limits>

#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout::centrality {

namespace {

using Degree = std::uint32_t;

// Passes with less work than this run serially: there are up to a few passes per level (and per
// wave), and a parallel region costs more than a short serial loop, a lot more when the cores are
// shared with other processes.
constexpr std::int64_t kParallelWork = std::int64_t{1} << 16;

// Number of self-loop arcs v->v in v's sorted out-list.
inline EdgeIndex loops_at(const CsrGraph& g, VertexId v) {
  const auto nb = g.out_neighbors(v);
  const auto range = std::equal_range(nb.begin(), nb.end(), v);
  return static_cast<EdgeIndex>(range.second - range.first);
}


}  // namespace

CoreResult core_numbers(const CsrGraph& g, const CoreOptions& opts, RunContext& ctx) {
  const VertexId n = g.num_vertices();
  CoreResult r;
  if (n == 0) return r;
  if (g.directed() && !g.has_in_edges())
    throw InvalidArgument("core_numbers: the directed graph was built without in-adjacency (BuildOptions::build_in_edges)");
  const auto nn = static_cast<std::int64_t>(n);
  const DegreeMode mode = g.directed() ? opts.mode : DegreeMode::kAll;
  // Arcs whose far end loses a degree when v is removed: v's out-neighbours when their degree
  // counts arcs v->u (in-degree, kIn; undirected), v's in-neighbours when it counts u->v (kOut).
  const bool use_out = !g.directed() || mode != DegreeMode::kOut;
  const bool use_in = g.directed() && mode != DegreeMode::kIn;

  std::vector<Degree> deg(n);
  EdgeIndex too_big = 0;
#pragma omp parallel for schedule(dynamic, 2048) reduction(max : too_big) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<VertexId>(i);
    EdgeIndex d = 0;
    if (!g.directed()) {
      d = g.out_degree(v) + loops_at(g, v);  // a loop counts twice
    } else {
      if (mode != DegreeMode::kIn) d += g.out_degree(v);
      if (mode != DegreeMode::kOut) d += g.in_degree(v);
    }
    if (d >= std::numeric_limits<Degree>::max()) too_big = std::max(too_big, d);
    deg[v] = static_cast<Degree>(d);
  }
  if (too_big > 0) throw InvalidArgument("core_numbers: a vertex degree does not fit in 32 bits");

  r.core.assign(n, 0);
  std::vector<VertexId> alive(n), next_alive, frontier;
  for (VertexId v = 0; v < n; ++v) alive[v] = v;
  ThreadBuffers bufs;
  VertexId removed = 0;
  Degree level = 0;
  bool first = true;

  while (removed < n) {
    ctx.check_cancelled();
    // 1. Compact the remaining vertices (degree above the last level) and find the next level:
    //    the minimum remaining degree.
    const auto na = static_cast<std::int64_t>(alive.size());
    const Degree last = level;
    Degree next = std::numeric_limits<Degree>::max();
    bufs.clear();
#pragma omp parallel if (na > kParallelWork)
    {
      auto& keep = bufs.local();
#pragma omp for schedule(static) reduction(min : next)
      for (std::int64_t i = 0; i < na; ++i) {
        const VertexId v = alive[static_cast<std::size_t>(i)];
        const Degree d = deg[v];
        if (first || d > last) {
          keep.push_back(v);
          next = std::min(next, d);
        }
      }
    }
    bufs.gather(next_alive);
    alive.swap(next_alive);
    first = false;
    level = next;

    // 2. The level's first frontier: remaining vertices of degree == level.
    const auto nb = static_cast<std::int64_t>(alive.size());
    bufs.clear();
#pragma omp parallel if (nb > kParallelWork)
    {
      auto& out = bufs.local();
#pragma omp for schedule(static)
      for (std::int64_t i = 0; i < nb; ++i) {
        const VertexId v = alive[static_cast<std::size_t>(i)];
        if (deg[v] == level) out.push_back(v);
      }
    }
    bufs.gather(frontier);

    // 3. Peel: remove the frontier, decrement neighbours, collect those that fall to `level`.
    //    A neighbour u is decremented only while deg[u] > level; the decrement that takes it
    //    from level+1 to level adds it to the next wave, and any decrement that raced below
    //    level is undone, so deg[u] ends at exactly `level` = its core number.
    while (!frontier.empty()) {
      removed += static_cast<VertexId>(frontier.size());
      const auto nf = static_cast<std::int64_t>(frontier.size());
      EdgeIndex work = 0;
      for (std::int64_t i = 0; i < nf && work <= kParallelWork; ++i) {
        const VertexId v = frontier[static_cast<std::size_t>(i)];
        work += 1 + (use_out ? g.out_degree(v) : 0) + (use_in ? g.in_degree(v) : 0);
      }
      bufs.clear();
#pragma omp parallel if (work > kParallelWork)
      {
        auto& out = bufs.local();
        auto relax = [&](VertexId u, VertexId v) {
          if (u == v) return;  // a loop stays as long as its vertex: never decremented
          std::atomic_ref<Degree> du(deg[u]);
          if (du.load(std::memory_order_relaxed) <= level) return;
          const Degree before = du.fetch_sub(1, std::memory_order_relaxed);
          if (before == level + 1) {
            out.push_back(u);
          } else if (before <= level) {
            du.fetch_add(1, std::memory_order_relaxed);
          }
        };
#pragma omp for schedule(dynamic, 16)
        for (std::int64_t i = 0; i < nf; ++i) {
          const VertexId v = frontier[static_cast<std::size_t>(i)];
          r.core[v] = level;
          if (use_out)
            for (VertexId u : g.out_neighbors(v)) relax(u, v);
          if (use_in)
            for (VertexId u : g.in_neighbors(v)) relax(u, v);
        }
      }
      bufs.gather(frontier);
    }
    r.max_core = std::max(r.max_core, level);
    ctx.report("core_numbers", static_cast<double>(removed) / static_cast<double>(n));
  }
  return r;
}

}  // namespace peerscout::centrality
