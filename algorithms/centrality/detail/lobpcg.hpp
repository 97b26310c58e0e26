#pragma once
/// Internal: the dominant eigenpair of a symmetric non-negative operator M (the adjacency matrix of
/// an undirected graph, or A A^T for HITS) by LOBPCG with block size 1 (A. V. Knyazev, "Toward the
/// optimal preconditioned eigensolver: locally optimal block preconditioned conjugate gradient
/// method", SIAM J. Sci. Comput. 23(2), 2001), with the orthonormalized basis of U. Hetmaniuk &
/// R. Lehoucq, "Basis selection in LOBPCG", J. Comput. Phys. 218, 2006.
///
/// Every step maximizes the Rayleigh quotient over span{x, r, p} (x the iterate, r = M x - theta x
/// the residual, p the previous step): a 3 x 3 Rayleigh-Ritz problem. One application of M per
/// step (plus one every kRefresh steps to refresh M x, which is otherwise updated by linear
/// combination); the number of steps grows like sqrt(1 / gap) instead of 1 / gap for power
/// iteration (gap = relative distance to the second eigenvalue), so graphs with community
/// structure converge in a fraction of the power-iteration sweeps. Memory: 6 vectors of n doubles.
///
/// The iterates stay in the Krylov space of the start vector, so when the largest eigenvalue is
/// not simple the limit is the start vector's projection on its eigenspace (as power iteration or
/// ARPACK from the same start vector).
///
/// Stopping rule (the quantity the power iteration's change per sweep measures): with x scaled to
/// max |x| = 1, max_v |(M x)(v) / theta - x(v)| < tolerance, where M x has been recomputed
/// explicitly. Determinism: dot products over fixed blocks combined in block order, element-wise
/// vector updates, exact max reductions: bit-identical for any thread count.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "algorithms/centrality/detail/pull.hpp"
#include "engine/parallel.hpp"
#include "engine/run_context.hpp"

namespace peerscout::centrality::detail {

/// Dot product over fixed blocks of 2^14 entries, combined in block order.
inline double dot(const std::vector<double>& a, const std::vector<double>& c) {
  const auto n = static_cast<std::int64_t>(a.size());
  constexpr std::int64_t kBlock = std::int64_t{1} << 14;
  const std::int64_t nb = (n + kBlock - 1) / kBlock;
  std::vector<double> part(static_cast<std::size_t>(nb), 0.0);
#pragma omp parallel for schedule(static) if (n > kParallelWork)
  for (std::int64_t b = 0; b < nb; ++b) {
    double s = 0.0;
    const std::int64_t end = std::min(n, (b + 1) * kBlock);
    for (std::int64_t i = b * kBlock; i < end; ++i) s += a[static_cast<std::size_t>(i)] * c[static_cast<std::size_t>(i)];
    part[static_cast<std::size_t>(b)] = s;
  }
  double s = 0.0;
  for (double p : part) s += p;
  return s;
}

/// f(i) for i in [0, n), in parallel when large.
template <class F>
inline void for_each_index(std::size_t n, F&& f) {
  const auto nn = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(static) if (nn > kParallelWork)
  for (std::int64_t i = 0; i < nn; ++i) f(static_cast<std::size_t>(i));
}

/// Largest eigenpair of the leading k x k block (k <= 3) of a symmetric matrix, by cyclic Jacobi
/// rotations. Returns the eigenvalue; c gets a unit eigenvector with c[0] >= 0.
inline double largest_eigenpair(std::array<std::array<double, 3>, 3> a, int k, std::array<double, 3>& c) {
  std::array<std::array<double, 3>, 3> v{};
  for (int i = 0; i < 3; ++i) v[i][i] = 1.0;
  for (int sweep = 0; sweep < 64; ++sweep) {
    double off = 0.0;
    for (int i = 0; i < k; ++i)
      for (int j = i + 1; j < k; ++j) off += a[i][j] * a[i][j];
    if (off == 0.0) break;
    for (int p = 0; p < k; ++p)
      for (int q = p + 1; q < k; ++q) {
        if (a[p][q] == 0.0) continue;
        const double theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
        const double t = (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1.0));
        const double cs = 1.0 / std::sqrt(t * t + 1.0), sn = t * cs;
        for (int r = 0; r < k; ++r) {  // A <- A J (columns p, q)
          const double arp = a[r][p], arq = a[r][q];
          a[r][p] = cs * arp - sn * arq;
          a[r][q] = sn * arp + cs * arq;
        }
        for (int r = 0; r < k; ++r) {  // A <- J^T A (rows p, q)
          const double apr = a[p][r], aqr = a[q][r];
          a[p][r] = cs * apr - sn * aqr;
          a[q][r] = sn * apr + cs * aqr;
        }
        for (int r = 0; r < k; ++r) {  // V <- V J
          const double vrp = v[r][p], vrq = v[r][q];
          v[r][p] = cs * vrp - sn * vrq;
          v[r][q] = sn * vrp + cs * vrq;
        }
      }
  }
  int best = 0;
  for (int i = 1; i < k; ++i)
    if (a[i][i] > a[best][best]) best = i;
  const double sign = v[0][best] < 0.0 ? -1.0 : 1.0;
  c = {0.0, 0.0, 0.0};
  for (int i = 0; i < k; ++i) c[static_cast<std::size_t>(i)] = sign * v[i][best];
  return a[best][best];
}

struct LobpcgResult {
  std::vector<double> x;  ///< eigenvector, scaled to max |x| = 1 with a positive largest entry
  double theta = 0.0;     ///< Rayleigh quotient (eigenvalue estimate)
  int iterations = 0;
  double residual = 0.0;  ///< max_v |(M x)(v) / theta - x(v)| for max |x| = 1
  bool converged = false;
};

/// apply(x, y) must set y = M x for the symmetric operator M. x0: non-zero start vector.
template <class Apply>
LobpcgResult lobpcg_largest(Apply&& apply, std::vector<double> x0, double tolerance, int max_iterations,
                            RunContext& ctx, const char* stage) {
  constexpr int kRefresh = 16;
  const std::size_t n = x0.size();
  LobpcgResult res;
  std::vector<double>& x = x0;
  std::vector<double> mx(n), r(n), mr(n), p(n), mp(n);
  auto scale = [&](std::vector<double>& a, double f) { for_each_index(n, [&](std::size_t i) { a[i] *= f; }); };
  {
    const double nx = std::sqrt(dot(x, x));
    scale(x, 1.0 / nx);
  }
  apply(x, mx);
  double theta = dot(x, mx);
  bool have_p = false, fresh = true;
  int since_refresh = 0;
  for (int it = 0;; ++it) {
    ctx.check_cancelled();
    // Residual and the stopping quantity.
    double rmax = 0.0, xmax = 0.0;
    const auto nn = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(static) reduction(max : rmax, xmax) if (nn > kParallelWork)
    for (std::int64_t ii = 0; ii < nn; ++ii) {
      const auto i = static_cast<std::size_t>(ii);
      r[i] = mx[i] - theta * x[i];
      rmax = std::max(rmax, std::abs(r[i]));
      xmax = std::max(xmax, std::abs(x[i]));
    }
    res.residual = theta > 0.0 ? rmax / (theta * xmax) : 0.0;
    res.iterations = it;
    if (!(theta > 0.0)) {  // M x = 0: nothing to improve (no arcs reach the iterate)
      res.converged = true;
      break;
    }
    if (res.residual < tolerance || it >= max_iterations) {
      if (!fresh) {  // confirm with an explicit M x
        apply(x, mx);
        theta = dot(x, mx);
        fresh = true;
        since_refresh = 0;
        --it;
        continue;
      }
      res.converged = res.residual < tolerance;
      break;
    }
    ctx.report(stage, static_cast<double>(it + 1) / static_cast<double>(max_iterations));
    // Orthonormal basis [x, r, p].
    const double xr = dot(x, r);
    for_each_index(n, [&](std::size_t i) { r[i] -= xr * x[i]; });
    const double nr = std::sqrt(dot(r, r));
    if (!(nr > 0.0)) {
      res.converged = true;
      break;
    }
    scale(r, 1.0 / nr);
    apply(r, mr);
    if (have_p) {
      const double xp = dot(x, p), rp = dot(r, p);
      for_each_index(n, [&](std::size_t i) {
        p[i] -= xp * x[i] + rp * r[i];
        mp[i] -= xp * mx[i] + rp * mr[i];
      });
      const double np = std::sqrt(dot(p, p));
      if (np > 1e-10) {
        scale(p, 1.0 / np);
        scale(mp, 1.0 / np);
      } else {
        have_p = false;  // numerically dependent: restart the recurrence
      }
    }
    std::array<std::array<double, 3>, 3> g{};
    g[0][0] = dot(x, mx);
    g[0][1] = g[1][0] = dot(x, mr);
    g[1][1] = dot(r, mr);
    int k = 2;
    if (have_p) {
      k = 3;
      g[0][2] = g[2][0] = dot(p, mx);
      g[1][2] = g[2][1] = dot(r, mp);
      g[2][2] = dot(p, mp);
    }
    std::array<double, 3> c{};
    theta = largest_eigenpair(g, k, c);
    const double c0 = c[0], c1 = c[1], c2 = have_p ? c[2] : 0.0;
    const bool use_p = have_p;
    for_each_index(n, [&](std::size_t i) {
      const double pi = use_p ? c1 * r[i] + c2 * p[i] : c1 * r[i];
      const double mpi = use_p ? c1 * mr[i] + c2 * mp[i] : c1 * mr[i];
      x[i] = c0 * x[i] + pi;
      mx[i] = c0 * mx[i] + mpi;
      p[i] = pi;
      mp[i] = mpi;
    });
    have_p = true;
    const double nx = std::sqrt(dot(x, x));
    scale(x, 1.0 / nx);
    scale(mx, 1.0 / nx);
    fresh = false;
    if (++since_refresh >= kRefresh) {  // stop the drift of the implicitly updated M x
      apply(x, mx);
      theta = dot(x, mx);
      fresh = true;
      since_refresh = 0;
    }
  }
  // Scale to max |x| = 1 with a positive largest entry.
  double big = 0.0;
  std::size_t at = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (std::abs(x[i]) > big) {
      big = std::abs(x[i]);
      at = i;
    }
  if (big > 0.0) scale(x, 1.0 / x[at]);
  res.theta = theta;
  res.x = std::move(x);
  return res;
}

}  // namespace peerscout::centrality::detail
