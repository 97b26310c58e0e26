#include "algorithms/centrality/katz.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "algorithms/centrality/detail/pull.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout::centrality {

namespace {

[[noreturn]] void bad(const std::string& msg) { throw InvalidArgument("katz: " + msg); }

constexpr int kBoundSweeps = 50;
constexpr double kBoundRelChange = 1e-3;
constexpr double kFloor = 1e-200;  // keeps z positive (the bound holds for any positive z)

// Collatz-Wielandt upper bound on the spectral radius of A (= that of A^T): for any z > 0,
// rho <= max_v (A^T z)(v) / z(v). z follows the shifted power iteration so the bound tightens.
double spectral_radius_upper_bound(const detail::Adjacency& in, bool weighted, const std::vector<double>& extra,
                                   double shift, VertexId n, const std::vector<VertexId>& blocks, RunContext& ctx) {
  const auto nn = static_cast<std::int64_t>(n);
  std::vector<double> z(n, 1.0), y(n);
  double best = std::numeric_limits<double>::infinity();
  for (int it = 0; it < kBoundSweeps; ++it) {
    ctx.check_cancelled();
    detail::apply(in, weighted, extra, 0.0, z.data(), y.data(), n, blocks);  // y = A^T z
    double ub = 0.0, ymax = 0.0;
#pragma omp parallel for schedule(static) reduction(max : ub, ymax) if (nn > detail::kParallelWork)
    for (std::int64_t i = 0; i < nn; ++i) {
      const auto v = static_cast<std::size_t>(i);
      ub = std::max(ub, y[v] / z[v]);
      y[v] += shift * z[v];
      ymax = std::max(ymax, y[v]);
    }
    const double previous = best;
    best = std::min(best, ub);
    if (best == 0.0 || !(ymax > 0.0)) break;
#pragma omp parallel for schedule(static) if (nn > detail::kParallelWork)
    for (std::int64_t i = 0; i < nn; ++i) {
      const auto v = static_cast<std::size_t>(i);
      z[v] = std::max(y[v] / ymax, kFloor);
    }
    if (std::isfinite(previous) && previous - best <= kBoundRelChange * best) break;
  }
  return best;
}

}  // namespace

void KatzOptions::validate() const {
  if (!(alpha >= 0.0) || !std::isfinite(alpha)) bad("alpha must be >= 0 and finite (0 = automatic), got " + std::to_string(alpha));
  if (!(beta > 0.0) || !std::isfinite(beta)) bad("beta must be > 0 and finite, got " + std::to_string(beta));
  if (!(tolerance > 0.0) || !std::isfinite(tolerance))
    bad("tolerance must be a positive finite number, got " + std::to_string(tolerance));
  if (max_iterations < 1) bad("max_iterations must be >= 1, got " + std::to_string(max_iterations));
}

KatzResult katz(const CsrGraph& g, const KatzOptions& opts, RunContext& ctx) {
  opts.validate();
  const VertexId n = g.num_vertices();
  if (!g.has_in_edges()) bad("the directed graph was built without in-adjacency (BuildOptions::build_in_edges)");
  const bool weighted = opts.use_weights && g.weighted();
  if (weighted) detail::check_weights(g, "katz");
  KatzResult r;
  if (n == 0) {
    r.converged = true;
    r.alpha = opts.alpha;
    return r;
  }
  const auto in = detail::in_arcs(g, weighted);
  const auto extra = detail::extra_loop_weight(g, weighted);
  const auto blocks = detail::make_blocks(in.off, n);
  const auto nn = static_cast<std::int64_t>(n);

  double alpha = opts.alpha;
  if (alpha == 0.0) {
    auto phase = ctx.phase("katz/spectral_bound");
    const auto pos = detail::positive_arcs(g, weighted);
    const double u =
        pos.count == 0 ? 0.0 : spectral_radius_upper_bound(in, weighted, extra, pos.mean_weight, n, blocks, ctx);
    r.spectral_radius_bound = u;
    alpha = u > 0.0 ? 0.85 / u : 0.85;
  }
  r.alpha = alpha;

  const double beta = opts.beta;
  std::vector<double> x(n, beta), y(n);
  // Per-block partial maxima, one cache line each (no false sharing between threads).
  struct alignas(64) Partial {
    double change = 0.0, max = 0.0;
  };
  std::vector<Partial> part(blocks.size() - 1);
  for (int it = 0; it < opts.max_iterations; ++it) {
    ctx.check_cancelled();
    // One fused Jacobi sweep: y = alpha A^T x + beta, with per-block max change and max value.
    std::fill(part.begin(), part.end(), Partial{});
    detail::pull_sweep(in, weighted, extra, x.data(), n, blocks, [&](std::size_t b, VertexId v, double sum) {
      const double xn = alpha * sum + beta;
      y[v] = xn;
      Partial& pb = part[b];
      pb.change = std::max(pb.change, std::abs(xn - x[v]));
      pb.max = std::max(pb.max, xn);
    });
    x.swap(y);
    double change = 0.0, xmax = 0.0;
    for (const Partial& pb : part) {
      change = std::max(change, pb.change);
      xmax = std::max(xmax, pb.max);
    }
    if (!std::isfinite(xmax))
      bad("the iteration overflows: alpha = " + std::to_string(alpha) +
          " is not below 1/lambda_max (use alpha = 0 for an automatic safe value)");
    r.residual = change / xmax;
    r.iterations = it + 1;
    ctx.report("katz", static_cast<double>(it + 1) / static_cast<double>(opts.max_iterations));
    if (r.residual < opts.tolerance) {
      r.converged = true;
      break;
    }
  }
  if (opts.normalized) {
    const double norm = std::sqrt(deterministic_sum(nn, [&](std::int64_t i) {
      const double v = x[static_cast<std::size_t>(i)];
      return v * v;
    }));
#pragma omp parallel for schedule(static) if (nn > detail::kParallelWork)
    for (std::int64_t i = 0; i < nn; ++i) x[static_cast<std::size_t>(i)] /= norm;
  }
  r.score = std::move(x);
  return r;
}

}  // namespace peerscout::centrality
