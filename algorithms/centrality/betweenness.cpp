#include "algorithms/centrality/betweenness.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "algorithms/centrality/detail/paths.hpp"
#include "engine/parallel.hpp"

namespace peerscout::centrality {

namespace {

using detail::Adjacency;

// Per-thread state of one single-source search. Entries are reset after each source for the
// vertices it reached only, so a source costs O(reached vertices + their arcs), not O(n).
struct Scratch {
  std::vector<std::int32_t> level;  // BFS level, -1 = unreached (unweighted); settle state (weighted)
  std::vector<double> val;          // sigma (path counts) forward, then (1 + delta) / sigma backward
  std::vector<double> dist;         // weighted: path length + 1 (igraph's representation), 0 = unreached
  std::vector<VertexId> order;      // settle order
  std::vector<std::pair<double, VertexId>> heap;

  explicit Scratch(VertexId n, bool weighted) : level(n, -1), val(n, 0.0), order(n) {
    if (weighted) dist.assign(n, 0.0);
  }
};

// Unweighted Brandes for one source: BFS counting paths, then the pull accumulation. Adds the
// dependency of every reached vertex except s to acc.
void brandes_bfs(const Adjacency& a, VertexId s, Scratch& sc, double* acc) {
  std::int32_t* const level = sc.level.data();
  double* const val = sc.val.data();
  VertexId* const order = sc.order.data();
  const EdgeIndex* const off = a.offsets;
  const VertexId* const tgt = a.targets;

  std::size_t head = 0, tail = 1;
  order[0] = s;
  level[s] = 0;
  val[s] = 1.0;
  while (head < tail) {
    const VertexId v = order[head++];
    const std::int32_t next = level[v] + 1;
    const double sv = val[v];
    for (EdgeIndex e = off[v], end = off[v + 1]; e < end; ++e) {
      const VertexId w = tgt[e];
      const std::int32_t lw = level[w];
      if (lw < 0) {
        level[w] = next;
        val[w] = sv;
        order[tail++] = w;
      } else if (lw == next) {
        val[w] += sv;
      }
    }
  }
  // Reverse BFS order: every successor (level + 1) is final before its predecessors pull from it.
  for (std::size_t i = tail; i-- > 1;) {
    const VertexId v = order[i];
    const std::int32_t next = level[v] + 1;
    double sum = 0.0;
    for (EdgeIndex e = off[v], end = off[v + 1]; e < end; ++e) {
      const VertexId w = tgt[e];
      if (level[w] == next) sum += val[w];
    }
    const double sigma = val[v];
    const double delta = sigma * sum;
    acc[v] += delta;
    val[v] = (1.0 + delta) / sigma;
  }
  for (std::size_t i = 0; i < tail; ++i) level[order[i]] = -1;
}

// Weighted Brandes for one source: Dijkstra (lazy binary heap) with igraph's tolerant tie rule, then
// the pull accumulation in reverse settle order.
void brandes_dijkstra(const Adjacency& a, VertexId s, Scratch& sc, double* acc) {
  constexpr std::int32_t kUnreached = -1, kQueued = 0, kSettled = 1;
  std::int32_t* const state = sc.level.data();
  double* const val = sc.val.data();
  double* const dist = sc.dist.data();
  VertexId* const order = sc.order.data();
  auto& heap = sc.heap;
  const auto cmp = std::greater<>();

  std::size_t settled = 0;
  heap.clear();
  heap.emplace_back(1.0, s);
  dist[s] = 1.0;
  val[s] = 1.0;
  state[s] = kQueued;
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), cmp);
    const auto [d, v] = heap.back();
    heap.pop_back();
    if (state[v] == kSettled || d != dist[v]) continue;  // stale entry
    state[v] = kSettled;
    order[settled++] = v;
    const double sv = val[v];
    for (EdgeIndex e = a.offsets[v], end = a.offsets[v + 1]; e < end; ++e) {
      const VertexId w = a.targets[e];
      if (w == v) continue;  // a loop is never on a shortest path (igraph: IGRAPH_NO_LOOPS)
      const double alt = d + detail::arc_length(a.weights[e]);
      if (state[w] == kUnreached) {
        state[w] = kQueued;
        dist[w] = alt;
        val[w] = sv;
        heap.emplace_back(alt, w);
        std::push_heap(heap.begin(), heap.end(), cmp);
        continue;
      }
      const int c = detail::cmp_epsilon(alt, dist[w]);
      if (c < 0) {
        dist[w] = alt;
        val[w] = sv;
        heap.emplace_back(alt, w);
        std::push_heap(heap.begin(), heap.end(), cmp);
      } else if (c == 0) {
        val[w] += sv;
      }
    }
  }
  for (std::size_t i = settled; i-- > 1;) {
    const VertexId v = order[i];
    const double dv = dist[v];
    double sum = 0.0;
    for (EdgeIndex e = a.offsets[v], end = a.offsets[v + 1]; e < end; ++e) {
      const VertexId w = a.targets[e];
      if (w == v) continue;
      if (detail::cmp_epsilon(dv + detail::arc_length(a.weights[e]), dist[w]) == 0) sum += val[w];
    }
    const double sigma = val[v];
    const double delta = sigma * sum;
    acc[v] += delta;
    val[v] = (1.0 + delta) / sigma;
  }
  for (std::size_t i = 0; i < settled; ++i) {
    const VertexId v = order[i];
    state[v] = kUnreached;
    dist[v] = 0.0;
  }
}

// Fixed source blocks: the size depends on n only (never on the thread count).
std::int64_t block_size(VertexId n) { return std::max<std::int64_t>(8, (static_cast<std::int64_t>(n) + 1023) / 1024); }

// Block arrays alive at once: at most 32, and at most 256 MB of them (at least 2).
std::int64_t wave_blocks(VertexId n) {
  const std::int64_t cap = (std::int64_t{256} << 20) / (8 * std::max<std::int64_t>(1, n));
  return std::clamp<std::int64_t>(cap, 2, 32);
}

}  // namespace

BetweennessResult betweenness(const CsrGraph& g, const BetweennessOptions& opts, RunContext& ctx) {
  const auto t0 = std::chrono::steady_clock::now();
  const VertexId n = g.num_vertices();
  const bool weighted = opts.use_weights && g.weighted();
  if (weighted) detail::check_positive_weights(g, "betweenness");
  BetweennessResult r;
  r.score.assign(n, 0.0);
  ctx.check_cancelled();
  if (n < 3) {
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
  }
  const Adjacency a = detail::adjacency(g, /*out=*/true, weighted);
  const std::int64_t nn = n;
  const std::int64_t bsize = block_size(n);
  const std::int64_t num_blocks = (nn + bsize - 1) / bsize;
  const std::int64_t wave = wave_blocks(n);
  std::vector<std::vector<double>> part(static_cast<std::size_t>(std::min(wave, num_blocks)), std::vector<double>(n, 0.0));
  std::vector<std::unique_ptr<Scratch>> scratch(static_cast<std::size_t>(max_threads()));
  // Enough work per wave to wake the threads: the arcs scanned by its searches.
  const bool parallel = static_cast<double>(g.num_arcs() + n) * static_cast<double>(bsize) > 1e5;

  for (std::int64_t first = 0; first < num_blocks; first += wave) {
    ctx.check_cancelled();
    const std::int64_t last = std::min(num_blocks, first + wave);
#pragma omp parallel for schedule(dynamic, 1) if (parallel)
    for (std::int64_t b = first; b < last; ++b) {
      auto& sc = scratch[static_cast<std::size_t>(omp_get_thread_num())];
      if (!sc) sc = std::make_unique<Scratch>(n, weighted);
      double* const acc = part[static_cast<std::size_t>(b - first)].data();
      const std::int64_t end = std::min(nn, (b + 1) * bsize);
      for (std::int64_t s = b * bsize; s < end; ++s) {
        if (weighted) {
          brandes_dijkstra(a, static_cast<VertexId>(s), *sc, acc);
        } else {
          brandes_bfs(a, static_cast<VertexId>(s), *sc, acc);
        }
      }
    }
    // Block arrays into the result in block order (per vertex: a fixed summation order).
    const auto used = static_cast<std::size_t>(last - first);
#pragma omp parallel for schedule(static) if (nn > kParallelMin)
    for (std::int64_t i = 0; i < nn; ++i) {
      const auto v = static_cast<std::size_t>(i);
      double x = r.score[v];
      for (std::size_t j = 0; j < used; ++j) {
        x += part[j][v];
        part[j][v] = 0.0;
      }
      r.score[v] = x;
    }
    ctx.report("betweenness", static_cast<double>(last) / static_cast<double>(num_blocks));
  }

  // The sums cover ordered pairs: an undirected pair was counted from both ends (raw = sum / 2), and
  // raw / (n(n-1)/2) = sum / (n(n-1)) for undirected graphs as for directed ones.
  const double pairs = static_cast<double>(n) * static_cast<double>(n - 1);
  const double scale = opts.normalized ? 1.0 / pairs : (g.directed() ? 1.0 : 0.5);
#pragma omp parallel for schedule(static) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) r.score[static_cast<std::size_t>(i)] *= scale;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace peerscout::centrality
