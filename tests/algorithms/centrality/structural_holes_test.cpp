#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

#include "algorithms/centrality/clustering.hpp"
#include "algorithms/centrality/structural_holes.hpp"
#include "datasets/embedded/karate.hpp"
#include "engine/error.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle_spectral.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using centrality::structural_holes;

namespace {

const BuildOptions kMulti{.duplicates = Duplicates::kKeepAll, .self_loops = SelfLoops::kKeep};
constexpr double kInf = std::numeric_limits<double>::infinity();

// Max |a - b| where NaN == NaN; infinity when only one side is NaN.
double max_diff_nan(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return kInf;
  double m = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) || std::isnan(b[i])) {
      if (std::isnan(a[i]) != std::isnan(b[i])) return kInf;
      continue;
    }
    m = std::max(m, std::abs(a[i] - b[i]));
  }
  return m;
}

bool has_contact(const CsrGraph& g, VertexId v) {
  for (VertexId u : g.out_neighbors(v))
    if (u != v) return true;
  if (g.directed())
    for (VertexId u : g.in_neighbors(v))
      if (u != v) return true;
  return false;
}

// igraph returns 0 (not NaN) for a vertex whose only arcs are self-loops: align that documented
// difference before comparing. `vids`: the vertices to compare (all when empty).
std::vector<double> igraph_constraint_aligned(const CsrGraph& g, bool weights, const std::vector<VertexId>& vids = {}) {
  auto c = test::igraph_constraint(g, weights, vids);
  for (std::size_t i = 0; i < c.size(); ++i) {
    const VertexId v = vids.empty() ? static_cast<VertexId>(i) : vids[i];
    if (!has_contact(g, v)) {
      CHECK((std::isnan(c[i]) || c[i] == 0.0));
      c[i] = std::nan("");
    }
  }
  return c;
}

// igraph's constraint costs O(sum over the egos of their contacts' degrees): on the large
// networks compare a fixed sample of egos, always including the highest-degree vertex.
std::vector<VertexId> constraint_sample(const CsrGraph& g) {
  std::vector<VertexId> vids;
  std::uint64_t work = 0;
  for (VertexId v = 0; v < g.num_vertices(); ++v)
    for (VertexId u : g.out_neighbors(v)) work += g.out_degree(u);
  if (work < 5'000'000) return vids;  // all
  VertexId hub = 0;
  for (VertexId v = 0; v < g.num_vertices(); ++v)
    if (g.out_degree(v) > g.out_degree(hub)) hub = v;
  vids.push_back(hub);
  for (VertexId v = 0; v < g.num_vertices(); v += 211) vids.push_back(v);
  return vids;
}

std::vector<double> pick(const std::vector<double>& x, const std::vector<VertexId>& vids) {
  if (vids.empty()) return x;
  std::vector<double> r;
  for (VertexId v : vids) r.push_back(x[v]);
  return r;
}

// Dense evaluation of Burt's formulas straight from the definition (n up to a few hundred).
centrality::StructuralHoles dense(const CsrGraph& g, bool use_weights) {
  const VertexId n = g.num_vertices();
  std::vector<std::vector<double>> s(n, std::vector<double>(n, 0.0));
  for (VertexId u = 0; u < n; ++u) {
    const auto nb = g.out_neighbors(u);
    const auto ws = g.out_weights(u);
    for (std::size_t k = 0; k < nb.size(); ++k) {
      if (nb[k] == u) continue;
      const double w = (use_weights && g.weighted()) ? static_cast<double>(ws[k]) : 1.0;
      s[u][nb[k]] += w;
      if (g.directed()) s[nb[k]][u] += w;  // undirected: both arcs are stored already
    }
  }
  std::vector<double> S(n, 0.0), M(n, 0.0);
  for (VertexId i = 0; i < n; ++i)
    for (VertexId j = 0; j < n; ++j) {
      S[i] += s[i][j];
      M[i] = std::max(M[i], s[i][j]);
    }
  auto tied = [&](VertexId a, VertexId b) { return a != b && s[a][b] > 0; };
  auto p = [&](VertexId a, VertexId b) { return S[a] > 0 ? s[a][b] / S[a] : 0.0; };
  centrality::StructuralHoles r;
  r.constraint.assign(n, std::nan(""));
  r.effective_size.assign(n, std::nan(""));
  for (VertexId i = 0; i < n; ++i) {
    if (!(S[i] > 0)) continue;
    double C = 0, ES = 0;
    for (VertexId j = 0; j < n; ++j) {
      if (!tied(i, j)) continue;
      double c = p(i, j), red = 0;
      for (VertexId q = 0; q < n; ++q) {
        if (q == i || q == j || !tied(i, q)) continue;
        c += p(i, q) * p(q, j);
        red += p(i, q) * (M[j] > 0 ? s[j][q] / M[j] : 0.0);
      }
      C += c * c;
      ES += 1 - red;
    }
    r.constraint[i] = C;
    r.effective_size[i] = ES;
  }
  return r;
}

}  // namespace

TEST_CASE("structural holes: hand-computed values", "[constraint]") {
  // Star: the hub spans three holes; each leaf has one contact.
  const auto star = test::undirected(4, {{0, 1}, {0, 2}, {0, 3}});
  auto r = structural_holes(star);
  CHECK(r.constraint[0] == Approx(1.0 / 3.0).epsilon(1e-15));
  CHECK(r.effective_size[0] == Approx(3.0).epsilon(1e-15));
  CHECK(r.constraint[1] == 1.0);
  CHECK(r.effective_size[1] == 1.0);
  // Triangle: c(i,j) = (1/2 + 1/2 * 1/2)^2 = 9/16, C = 9/8; ES = 2 - 2 * 1/2 = 1.
  r = structural_holes(test::undirected(3, {{0, 1}, {1, 2}, {0, 2}}));
  for (VertexId v = 0; v < 3; ++v) {
    CHECK(r.constraint[v] == Approx(1.125).epsilon(1e-15));
    CHECK(r.effective_size[v] == Approx(1.0).epsilon(1e-15));
  }
  // Weighted star 0-1 (w 3), 0-2 (w 1), with 1-2 (w 2): by hand for ego 0:
  //   S0 = 4, p01 = 3/4, p02 = 1/4; S1 = 5, S2 = 3, p12 = 2/5, p21 = 2/3.
  //   c01 = (3/4 + 1/4 * 2/3)^2 = (11/12)^2, c02 = (1/4 + 3/4 * 2/5)^2 = (11/20)^2.
  //   M1 = 3, M2 = 2: ES0 = (1 - p02 * s12/M1) + (1 - p01 * s21/M2) = (1 - 1/6) + (1 - 3/4).
  const auto w = test::weighted(false, 3, {{0, 1, 3.0F}, {0, 2, 1.0F}, {1, 2, 2.0F}});
  r = structural_holes(w);
  CHECK(r.constraint[0] == Approx(121.0 / 144.0 + 121.0 / 400.0).epsilon(1e-14));
  CHECK(r.effective_size[0] == Approx(5.0 / 6.0 + 0.25).epsilon(1e-14));
  CHECK(max_diff_nan(r.constraint, test::igraph_constraint(w, true)) < 1e-15);
  // use_weights = false: the triangle again.
  CHECK(structural_holes(w, false).constraint[0] == Approx(1.125).epsilon(1e-15));
}

TEST_CASE("structural holes: undefined values and bad input", "[constraint]") {
  // 0-1 tie, 2 isolated, 3 with only a self-loop: NaN for 2 and 3.
  const auto g = test::undirected(4, {{0, 1}, {3, 3}}, kMulti);
  const auto r = structural_holes(g);
  CHECK(r.constraint[0] == 1.0);
  CHECK(std::isnan(r.constraint[2]));
  CHECK(std::isnan(r.constraint[3]));
  CHECK(std::isnan(r.effective_size[2]));
  CHECK(std::isnan(r.effective_size[3]));
  // Directed: reciprocal arcs form one tie of strength 2 (igraph: a[i][j] + a[j][i]).
  const auto d = test::directed(3, {{0, 1}, {1, 0}, {0, 2}});
  const auto rd = structural_holes(d);
  CHECK(rd.constraint[0] == Approx(4.0 / 9.0 + 1.0 / 9.0).epsilon(1e-15));
  CHECK(max_diff_nan(rd.constraint, test::igraph_constraint(d, false)) < 1e-15);
  // All ties of weight 0: NaN (0/0), as igraph.
  const auto z = test::weighted(false, 2, {{0, 1, 0.0F}});
  CHECK(std::isnan(structural_holes(z).constraint[0]));
  CHECK(std::isnan(test::igraph_constraint(z, true)[0]));
  // Negative weights are refused; without weights they are fine.
  const auto neg = test::weighted(true, 2, {{0, 1, -1.0F}});
  CHECK_THROWS_AS(structural_holes(neg), InvalidArgument);
  CHECK_NOTHROW(structural_holes(neg, false));
  CHECK(structural_holes(test::undirected(0, {})).constraint.empty());
  std::atomic<bool> flag{true};
  RunContext ctx;
  ctx.set_cancel_flag(&flag);
  CHECK_THROWS_AS(structural_holes(datasets::karate(), true, ctx), Cancelled);
}

TEST_CASE("structural holes agree with igraph_constraint and the dense definition", "[constraint][oracle]") {
  for (bool directed : {false, true}) {
    for (bool weighted : {false, true}) {
      CAPTURE(directed, weighted);
      const auto g = datasets::karate(directed, weighted);
      const auto r = structural_holes(g, weighted);
      CHECK(max_diff_nan(r.constraint, test::igraph_constraint(g, weighted)) <= 1e-12);
      const auto ref = dense(g, weighted);
      CHECK(max_diff_nan(r.constraint, ref.constraint) <= 1e-12);
      CHECK(max_diff_nan(r.effective_size, ref.effective_size) <= 1e-12);
    }
  }
  // Skewed multigraphs with loops and random positive weights.
  for (bool directed : {false, true}) {
    CAPTURE(directed);
    BuildOptions o = kMulti;
    o.directed = directed;
    const auto base = test::skewed_random_graph(8, 6, 13, o);
    EdgeList el;
    for (VertexId u = 0; u < base.num_vertices(); ++u)
      for (VertexId v : base.out_neighbors(u))
        if (directed || u <= v) el.add(u, v, 0.25F + static_cast<float>((u * 7 + v * 3) % 11));
    const auto g = build_csr(std::move(el), base.num_vertices(), o).graph;
    REQUIRE(g.num_self_loops() > 0);
    for (bool weighted : {false, true}) {
      CAPTURE(weighted);
      const auto r = structural_holes(g, weighted);
      CHECK(max_diff_nan(r.constraint, igraph_constraint_aligned(g, weighted)) <= 1e-12);
      const auto ref = dense(g, weighted);
      CHECK(max_diff_nan(r.constraint, ref.constraint) <= 1e-12);
      CHECK(max_diff_nan(r.effective_size, ref.effective_size) <= 1e-12);
    }
  }
}

TEST_CASE("effective size equals Borgatti's n - 2t/n on unweighted undirected graphs", "[constraint][oracle]") {
  auto check_borgatti = [](const CsrGraph& g) {
    const auto es = structural_holes(g, false).effective_size;
    const auto tri = centrality::triangle_counts(g);
    double worst = 0;
    for (VertexId v = 0; v < g.num_vertices(); ++v) {
      double d = 0;
      for (std::size_t k = 0; k < g.out_neighbors(v).size(); ++k) {
        const VertexId u = g.out_neighbors(v)[k];
        if (u != v && (k == 0 || g.out_neighbors(v)[k - 1] != u)) d += 1;
      }
      if (d == 0) {
        CHECK(std::isnan(es[v]));
        continue;
      }
      worst = std::max(worst, std::abs(es[v] - (d - 2.0 * static_cast<double>(tri[v]) / d)));
    }
    return worst;
  };
  CHECK(check_borgatti(datasets::karate()) <= 1e-12);
  CHECK(check_borgatti(test::skewed_random_graph(12, 8, 4, {.directed = false})) <= 1e-10);
}

TEST_CASE("structural holes agree with igraph on the shared datasets", "[constraint][oracle][shared-data]") {
  int checked = 0;
  const bool found = test::for_each_shared_graph(true, [&](const test::SharedGraph& s) {
    CAPTURE(s.label());
    const CsrGraph& g = s.graph;
    bool weights_ok = g.weighted();
    for (Weight w : g.weights()) weights_ok = weights_ok && w >= 0.0F;
    if (g.weighted() && !weights_ok) CHECK_THROWS_AS(structural_holes(g), InvalidArgument);
    for (bool use_weights : {false, true}) {
      if (use_weights && !weights_ok) continue;
      CAPTURE(use_weights);
      const auto r = structural_holes(g, use_weights);
      const auto vids = constraint_sample(g);
      CAPTURE(vids.size());
      CHECK(max_diff_nan(pick(r.constraint, vids), igraph_constraint_aligned(g, use_weights, vids)) <= 1e-9);
    }
    ++checked;
  });
  if (!found) {
    WARN("skipped: ../shared/datasets not found");
    return;
  }
  CHECK(checked >= static_cast<int>(test::shared_datasets().size()));
}

TEST_CASE("structural holes are identical for 1 and 2 threads", "[constraint][threads]") {
  for (bool directed : {false, true}) {
    const auto base = test::skewed_random_graph(14, 8, 24, {.directed = directed});
    EdgeList el;
    for (VertexId u = 0; u < base.num_vertices(); ++u)
      for (VertexId v : base.out_neighbors(u))
        if (directed || u <= v) el.add(u, v, 1.0F / static_cast<float>(1 + (u * 7 + v) % 13));
    const auto g = build_csr(std::move(el), base.num_vertices(), {.directed = directed}).graph;
    const auto one = test::with_threads(1, [&] { return structural_holes(g); });
    const auto two = test::with_threads(2, [&] { return structural_holes(g); });
    CHECK(max_diff_nan(one.constraint, two.constraint) == 0.0);
    CHECK(max_diff_nan(one.effective_size, two.effective_size) == 0.0);
  }
}
