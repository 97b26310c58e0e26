#include "algorithms/centrality/pagerank.hpp"

#include "algorithms/centrality/detail/pull.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout::centrality {

namespace {

[[noreturn]] void bad(const std::string& msg) { throw InvalidArgument("pagerank: " + msg); }

// Work units per block of the fused sweep: one unit per vertex plus one per in-arc. Blocks depend
// only on the graph, never on the thread count, so the per-block partial sums (residual, dangling
// mass) combined in block order give bit-identical results for any number of threads.
constexpr EdgeIndex kBlockUnits = EdgeIndex{1} << 15;
constexpr EdgeIndex kPrefetch = 16;


struct Setup {
  std::vector<double> out_weight;  // total out-weight (degree when unweighted); loops twice if undirected
  std::vector<double> teleport;    // normalized personalization; empty = uniform
};

// One Jacobi sweep over all vertices, fused: the next contributions and per-block partial sums of
// |x_new - x_old| and of the dangling mass. Only contributions are stored (bytes per sweep matter:
// the sweep is memory-bound): contrib[u] = x[u] / out_weight[u], and for a dangling u (out_weight 0)
// contrib[u] = x[u] itself; such a u has no arc of positive weight, so pulling through its arcs
// adds 0 either way. x[u] = contrib[u] * scale(u), scale(u) = out_weight[u] or 1 when dangling.
// Sweeps blocks [block_lo, block_hi) (all of them, except for an MPI rank: its share).
template <bool kWeighted, bool kLoopTwice, bool kUniform>
void sweep(const CsrGraph& g, const std::vector<VertexId>& blocks, const Setup& s, double damping, double base,
           const std::vector<double>& contrib, std::vector<double>& contrib_new, std::vector<double>& res_part,
           std::vector<double>& dang_part, std::int64_t block_lo, std::int64_t block_hi) {
  const std::int64_t num_blocks = block_hi - block_lo;
  const EdgeIndex* const in_off = g.in_offsets().data();
  const VertexId* const src = g.in_sources().data();
  const Weight* const wts = kWeighted ? g.in_weights_all().data() : nullptr;
  const double* const c = contrib.data();
  const double* const ow = s.out_weight.data();
  double* const cn = contrib_new.data();
  const EdgeIndex m = g.num_arcs();
  const double uniform = base / static_cast<double>(g.num_vertices());
  const bool parallel = static_cast<std::int64_t>(g.num_vertices() + g.num_arcs()) > kParallelMin && num_blocks > 1;
#pragma omp parallel for schedule(dynamic, 1) if (parallel)
  for (std::int64_t b = block_lo; b < block_hi; ++b) {
    double res = 0.0, dang = 0.0;
    const auto bb = static_cast<std::size_t>(b);
    for (VertexId v = blocks[bb]; v < blocks[bb + 1]; ++v) {
      double sum = 0.0;
      const EdgeIndex end = in_off[v + 1];
      for (EdgeIndex e = in_off[v]; e < end; ++e) {
        // The gather is latency-bound (random reads): prefetch a few arcs ahead.
        if (e + kPrefetch < m) __builtin_prefetch(c + src[e + kPrefetch]);
        const VertexId u = src[e];
        double term = c[u];
        if constexpr (kWeighted) term *= static_cast<double>(wts[e]);
        if constexpr (kLoopTwice) {
          if (u == v) term += term;  // undirected self-loop: stored once, followed twice
        }
        sum += term;
      }
      const double tele = kUniform ? uniform : base * s.teleport[v];
      const double xn = damping * sum + tele;
      const double w = ow[v];
      const bool dangling = !(w > 0.0);
      const double scale = dangling ? 1.0 : w;
      res += std::abs(xn - c[v] * scale);
      dang += dangling ? xn : 0.0;
      cn[v] = dangling ? xn : xn / w;
    }
    res_part[bb] = res;
    dang_part[bb] = dang;
  }
}

}  // namespace

void PageRankOptions::validate(VertexId n) const {
  if (!(damping >= 0.0 && damping < 1.0)) bad("damping must be in [0, 1), got " + std::to_string(damping));
  if (!(tolerance > 0.0) || !std::isfinite(tolerance))
    bad("tolerance must be a positive finite number, got " + std::to_string(tolerance));
  if (max_iterations < 1) bad("max_iterations must be >= 1, got " + std::to_string(max_iterations));
  if (personalization.empty()) return;
  if (personalization.size() != n)
    bad("personalization must have one entry per vertex (" + std::to_string(n) + "), got " +
        std::to_string(personalization.size()));
  double sum = 0.0;
  for (std::size_t i = 0; i < personalization.size(); ++i) {
    const double p = personalization[i];
    if (!std::isfinite(p) || p < 0.0)
      bad("personalization entries must be finite and >= 0, entry " + std::to_string(i) + " is " + std::to_string(p));
    sum += p;
  }
  if (!(sum > 0.0) || !std::isfinite(sum)) bad("personalization must have a positive finite sum");
}

PageRankResult pagerank(const CsrGraph& g, const PageRankOptions& opts, RunContext& ctx) {
  const VertexId n = g.num_vertices();
  opts.validate(n);
  if (!g.has_in_edges()) bad("the directed graph was built without in-adjacency (BuildOptions::build_in_edges)");
  PageRankResult r;
  if (n == 0) {
    r.converged = true;
    return r;
  }
  const auto nn = static_cast<std::int64_t>(n);
  const bool weighted = opts.use_weights && g.weighted();
  const bool loop_twice = !g.directed() && g.num_self_loops() > 0;
  const bool uniform = opts.personalization.empty();

  if (weighted) {
    // One scan over the weights; a bad weight is reported by its smallest arc index.
    const auto w = g.weights();
    const auto m = static_cast<std::int64_t>(w.size());
    std::int64_t first_bad = m;
#pragma omp parallel for schedule(static) reduction(min : first_bad) if (m > kParallelMin)
    for (std::int64_t e = 0; e < m; ++e) {
      const Weight x = w[static_cast<std::size_t>(e)];
      if (!std::isfinite(x) || x < 0.0F) first_bad = std::min(first_bad, e);
    }
    if (first_bad < m)
      bad("edge weights must be finite and >= 0, found " +
          std::to_string(w[static_cast<std::size_t>(first_bad)]) + " (use_weights = false ignores them)");
  }

  Setup s;
  s.out_weight.resize(n);
#pragma omp parallel for schedule(dynamic, 2048) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<VertexId>(i);
    double w = 0.0;
    if (weighted) {
      const auto nb = g.out_neighbors(v);
      const auto ws = g.out_weights(v);
      for (std::size_t k = 0; k < nb.size(); ++k) {
        const double x = static_cast<double>(ws[k]);
        w += (loop_twice && nb[k] == v) ? 2.0 * x : x;
      }
    } else {
      w = static_cast<double>(g.out_degree(v));
      if (loop_twice) {
        const auto nb = g.out_neighbors(v);
        const auto range = std::equal_range(nb.begin(), nb.end(), v);
        w += static_cast<double>(range.second - range.first);
      }
    }
    s.out_weight[v] = w;
  }
  if (!uniform) {
    const double total = deterministic_sum(nn, [&](std::int64_t i) { return opts.personalization[static_cast<std::size_t>(i)]; });
    s.teleport.resize(n);
#pragma omp parallel for schedule(static) if (nn > kParallelMin)
    for (std::int64_t i = 0; i < nn; ++i)
      s.teleport[static_cast<std::size_t>(i)] = opts.personalization[static_cast<std::size_t>(i)] / total;
  }

  // x_0 = t, stored as contributions.
  std::vector<double> contrib(n), contrib_new(n);
#pragma omp parallel for schedule(static) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<std::size_t>(i);
    const double x = uniform ? 1.0 / static_cast<double>(n) : s.teleport[v];
    contrib[v] = s.out_weight[v] > 0.0 ? x / s.out_weight[v] : x;
  }
  double dangling = deterministic_sum(nn, [&](std::int64_t i) {
    const auto v = static_cast<std::size_t>(i);
    return s.out_weight[v] > 0.0 ? 0.0 : contrib[v];
  });

  const auto blocks = detail::make_blocks(g.in_offsets().data(), n, kBlockUnits);
  std::vector<double> res_part(blocks.size() - 1), dang_part(blocks.size() - 1);
  // Under MPI each rank sweeps a contiguous range of the fixed blocks, then every rank gathers the
  // new contributions and the per-block partial sums, and reduces them in block order exactly as
  // a single process does: the iterates are bit-identical to the serial run.
  const mpi::Comm& comm = ctx.comm();
  const auto num_blocks = static_cast<std::uint64_t>(blocks.size() - 1);
  const auto [block_lo, block_hi] = comm.share(0, num_blocks);
  std::vector<std::uint64_t> block_counts, vertex_counts;
  if (comm.distributed()) {
    block_counts = comm.share_counts(num_blocks);
    std::uint64_t b = 0;
    for (std::uint64_t c : block_counts) {
      vertex_counts.push_back(blocks[b + c] - blocks[b]);
      b += c;
    }
  }
  const double d = opts.damping;
  for (int it = 0; it < opts.max_iterations; ++it) {
    ctx.check_cancelled();
    // Mass that teleports this sweep: (1-d) of everything plus d of the dangling mass.
    const double base = (1.0 - d) + d * dangling;
    auto run = [&](auto weighted_t, auto loop_t, auto uniform_t) {
      sweep<decltype(weighted_t)::value, decltype(loop_t)::value, decltype(uniform_t)::value>(
          g, blocks, s, d, base, contrib, contrib_new, res_part, dang_part, static_cast<std::int64_t>(block_lo),
          static_cast<std::int64_t>(block_hi));
    };
    using T = std::true_type;
    using F = std::false_type;
    if (weighted) {
      if (loop_twice) {
        uniform ? run(T{}, T{}, T{}) : run(T{}, T{}, F{});
      } else {
        uniform ? run(T{}, F{}, T{}) : run(T{}, F{}, F{});
      }
    } else {
      if (loop_twice) {
        uniform ? run(F{}, T{}, T{}) : run(F{}, T{}, F{});
      } else {
        uniform ? run(F{}, F{}, T{}) : run(F{}, F{}, F{});
      }
    }
    if (comm.distributed()) {
      comm.allgatherv_inplace(std::span<double>(contrib_new), std::span<const std::uint64_t>(vertex_counts));
      comm.allgatherv_inplace(std::span<double>(res_part), std::span<const std::uint64_t>(block_counts));
      comm.allgatherv_inplace(std::span<double>(dang_part), std::span<const std::uint64_t>(block_counts));
    }
    double residual = 0.0;
    dangling = 0.0;
    for (std::size_t b = 0; b < res_part.size(); ++b) {
      residual += res_part[b];
      dangling += dang_part[b];
    }
    contrib.swap(contrib_new);
    r.iterations = it + 1;
    r.residual = residual;
    ctx.report("pagerank", static_cast<double>(it + 1) / static_cast<double>(opts.max_iterations));
    if (residual < opts.tolerance) {
      r.converged = true;
      break;
    }
  }

  // Scores from contributions, renormalized (rounding drift only) with a fixed-order sum.
  std::vector<double>& x = contrib_new;
#pragma omp parallel for schedule(static) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<std::size_t>(i);
    x[v] = s.out_weight[v] > 0.0 ? contrib[v] * s.out_weight[v] : contrib[v];
  }
  const double total = deterministic_sum(nn, [&](std::int64_t i) { return x[static_cast<std::size_t>(i)]; });
#pragma omp parallel for schedule(static) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) x[static_cast<std::size_t>(i)] /= total;
  r.score = std::move(x);
  return r;
}

}  // namespace peerscout::centrality
