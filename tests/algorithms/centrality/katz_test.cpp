#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "algorithms/centrality/katz.hpp"
#include "datasets/embedded/karate.hpp"
#include "engine/error.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle_spectral.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using centrality::katz;
using centrality::KatzOptions;

namespace {

using Matrix = std::vector<std::vector<double>>;

// Dense A with A[u][v] = total weight of the arcs u->v; an undirected loop adds 2w (one stored arc).
Matrix dense_adjacency(const CsrGraph& g, bool use_weights) {
  const VertexId n = g.num_vertices();
  Matrix a(n, std::vector<double>(n, 0.0));
  for (VertexId u = 0; u < n; ++u) {
    const auto nb = g.out_neighbors(u);
    const auto ws = g.out_weights(u);
    for (std::size_t k = 0; k < nb.size(); ++k) {
      const double w = (use_weights && g.weighted()) ? static_cast<double>(ws[k]) : 1.0;
      a[u][nb[k]] += (!g.directed() && nb[k] == u) ? 2.0 * w : w;
    }
  }
  return a;
}

// Solves (I - alpha A^T) x = beta 1 by Gaussian elimination with partial pivoting.
std::vector<double> katz_dense(const CsrGraph& g, double alpha, double beta, bool use_weights, bool normalized) {
  const auto a = dense_adjacency(g, use_weights);
  const std::size_t n = a.size();
  Matrix m(n, std::vector<double>(n + 1, 0.0));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) m[i][j] = (i == j ? 1.0 : 0.0) - alpha * a[j][i];
    m[i][n] = beta;
  }
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t p = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::abs(m[r][c]) > std::abs(m[p][c])) p = r;
    std::swap(m[c], m[p]);
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c || m[r][c] == 0.0) continue;
      const double f = m[r][c] / m[c][c];
      for (std::size_t k = c; k <= n; ++k) m[r][k] -= f * m[c][k];
    }
  }
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = m[i][n] / m[i][i];
  if (normalized) {
    double s = 0;
    for (double v : x) s += v * v;
    for (double& v : x) v /= std::sqrt(s);
  }
  return x;
}

// Spectral radius of A by a long power iteration on A + I (dense; reference only).
double spectral_radius(const CsrGraph& g, bool use_weights) {
  const auto a = dense_adjacency(g, use_weights);
  const std::size_t n = a.size();
  std::vector<double> x(n, 1.0), y(n);
  double lambda = 0;
  for (int it = 0; it < 20000; ++it) {
    for (std::size_t v = 0; v < n; ++v) {
      y[v] = x[v];
      for (std::size_t u = 0; u < n; ++u) y[v] += a[u][v] * x[u];
    }
    const double mx = *std::max_element(y.begin(), y.end());
    const double previous = lambda;
    lambda = mx - 1.0;
    for (std::size_t v = 0; v < n; ++v) x[v] = y[v] / mx;
    if (it > 10 && std::abs(lambda - previous) < 1e-15 * lambda) break;
  }
  return lambda;
}

}  // namespace

TEST_CASE("katz: solved by hand", "[katz]") {
  // Directed path 0 -> 1 -> 2: x0 = beta, x1 = beta (1 + a), x2 = beta (1 + a + a^2).
  const double a = 0.3;
  auto r = katz(test::directed(3, {{0, 1}, {1, 2}}), {.alpha = a, .beta = 2.0, .normalized = false});
  CHECK(r.converged);
  CHECK(r.alpha == a);
  CHECK(test::max_abs_diff(r.score, {2.0, 2.0 * (1 + a), 2.0 * (1 + a + a * a)}) < 1e-14);
  // Undirected star with 3 leaves: xc = 1 + 3a xl, xl = 1 + a xc => xc = (1 + 3a) / (1 - 3a^2).
  r = katz(test::undirected(4, {{0, 1}, {0, 2}, {0, 3}}), {.alpha = a, .tolerance = 1e-15, .normalized = false});
  const double xc = (1 + 3 * a) / (1 - 3 * a * a);
  CHECK(test::max_abs_diff(r.score, {xc, 1 + a * xc, 1 + a * xc, 1 + a * xc}) < 1e-13);
  // Normalized: unit Euclidean norm, same direction.
  const auto nr = katz(test::undirected(4, {{0, 1}, {0, 2}, {0, 3}}), {.alpha = a, .tolerance = 1e-15});
  double s = 0;
  for (double v : nr.score) s += v * v;
  CHECK(s == Approx(1.0).epsilon(1e-14));
  CHECK(nr.score[1] / nr.score[0] == Approx((1 + a * xc) / xc).epsilon(1e-12));
  // Edgeless: beta everywhere; automatic alpha without arcs = 0.85.
  r = katz(test::directed(3, {}), {.normalized = false});
  CHECK(r.score == std::vector<double>(3, 1.0));
  CHECK(r.alpha == 0.85);
}

TEST_CASE("katz: automatic alpha is certified below 1/lambda_max", "[katz]") {
  for (bool directed : {false, true}) {
    CAPTURE(directed);
    const auto g = test::skewed_random_graph(
        8, 6, 3, {.directed = directed, .duplicates = Duplicates::kKeepAll, .self_loops = SelfLoops::kKeep});
    const auto r = katz(g);
    const double rho = spectral_radius(g, false);
    CAPTURE(rho, r.spectral_radius_bound, r.alpha);
    CHECK(r.converged);
    CHECK(r.spectral_radius_bound >= rho * (1 - 1e-9));
    CHECK(r.spectral_radius_bound <= 1.05 * rho);  // and tight enough to be useful
    CHECK(r.alpha * rho <= 0.85 + 1e-9);
  }
  // Undirected karate: rho from igraph's eigenvector centrality.
  const auto k = datasets::karate();
  const auto r = katz(k);
  const double rho = test::igraph_eigenvector(k, false).value;
  CHECK(r.spectral_radius_bound >= rho * (1 - 1e-12));
  CHECK(r.alpha * rho <= 0.85 + 1e-12);
}

TEST_CASE("katz: options and divergence", "[katz]") {
  const auto g = datasets::karate();
  CHECK_THROWS_AS(katz(g, {.alpha = -0.1}), InvalidArgument);
  CHECK_THROWS_AS(katz(g, {.beta = 0.0}), InvalidArgument);
  CHECK_THROWS_AS(katz(g, {.tolerance = 0.0}), InvalidArgument);
  CHECK_THROWS_AS(katz(g, {.max_iterations = 0}), InvalidArgument);
  CHECK_THROWS_AS(katz(test::weighted(true, 2, {{0, 1, -1.0F}})), InvalidArgument);
  // alpha above 1/lambda_max (lambda ~ 6.7): no convergence, then overflow.
  const auto slow = katz(g, {.alpha = 0.2, .max_iterations = 50});
  CHECK_FALSE(slow.converged);
  CHECK_THROWS_AS(katz(g, {.alpha = 0.5, .max_iterations = 100000}), InvalidArgument);
}

TEST_CASE("katz agrees with Gaussian elimination", "[katz][oracle]") {
  for (bool directed : {false, true})
    for (bool weighted : {false, true}) {
      CAPTURE(directed, weighted);
      const auto g = datasets::karate(directed, weighted);
      // Automatic alpha.
      const auto r = katz(g, {.use_weights = weighted});
      CHECK(r.converged);
      CHECK(test::max_abs_diff(r.score, katz_dense(g, r.alpha, 1.0, weighted, true)) <= 1e-9);
      // Explicit alpha, raw scores (relative comparison: the scores grow with beta).
      const double alpha = weighted ? 0.01 : 0.1;
      const auto raw = katz(g, {.alpha = alpha, .beta = 0.5, .use_weights = weighted, .normalized = false});
      const auto ref = katz_dense(g, alpha, 0.5, weighted, false);
      const double scale = *std::max_element(ref.begin(), ref.end());
      CHECK(test::max_abs_diff(raw.score, ref) <= 1e-9 * scale);
    }
  // Skewed multigraphs with loops (undirected loops count twice), a few hundred vertices.
  for (bool directed : {false, true}) {
    CAPTURE(directed);
    const auto g = test::skewed_random_graph(
        8, 6, 5, {.directed = directed, .duplicates = Duplicates::kKeepAll, .self_loops = SelfLoops::kKeep});
    REQUIRE(g.num_self_loops() > 0);
    const auto r = katz(g);
    CHECK(test::max_abs_diff(r.score, katz_dense(g, r.alpha, 1.0, false, true)) <= 1e-9);
  }
}

TEST_CASE("katz on the shared datasets: the fixed point holds", "[katz][oracle][shared-data]") {
  // Gaussian elimination is too slow beyond a few hundred vertices: check the defining equation
  // x = alpha A^T x + beta instead (dense solve on the small networks).
  int checked = 0;
  const bool found = test::for_each_shared_graph(false, [&](const test::SharedGraph& s) {
    CAPTURE(s.label());
    const CsrGraph& g = s.graph;
    const auto r = katz(g, {.normalized = false});
    CHECK(r.converged);
    CHECK(r.alpha > 0.0);
    double worst = 0, mx = 0;
    for (VertexId v = 0; v < g.num_vertices(); ++v) {
      double y = 0;
      for (VertexId u : g.in_neighbors(v)) y += (!g.directed() && u == v) ? 2 * r.score[u] : r.score[u];
      worst = std::max(worst, std::abs(r.score[v] - (r.alpha * y + 1.0)));
      mx = std::max(mx, r.score[v]);
    }
    CHECK(worst <= 1e-8 * mx);
    if (g.num_vertices() <= 300) CHECK(test::max_abs_diff(r.score, katz_dense(g, r.alpha, 1.0, false, false)) <= 1e-8 * mx);
    ++checked;
  });
  if (!found) {
    WARN("skipped: ../shared/datasets not found");
    return;
  }
  CHECK(checked >= static_cast<int>(test::shared_datasets().size()));
}

TEST_CASE("katz is bit-identical for 1 and 2 threads", "[katz][threads]") {
  for (bool directed : {true, false}) {
    CAPTURE(directed);
    const auto g = test::skewed_random_graph(15, 8, 27, {.directed = directed, .self_loops = SelfLoops::kKeep});
    const auto one = test::with_threads(1, [&] { return katz(g); });
    const auto two = test::with_threads(2, [&] { return katz(g); });
    CHECK(one.alpha == two.alpha);
    CHECK(one.iterations == two.iterations);
    CHECK(one.score == two.score);
  }
}
