#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <numeric>

#include "algorithms/centrality/pagerank.hpp"
#include "datasets/embedded/karate.hpp"
#include "engine/error.hpp"
#include "engine/random.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using centrality::pagerank;
using centrality::PageRankOptions;

namespace {

constexpr double kOracleTol = 1e-9;  // max abs difference to igraph's PRPACK (PRPACK differs by ~1e-16 between runs)

double sum(const std::vector<double>& x) { return std::accumulate(x.begin(), x.end(), 0.0); }

// A reset vector with about a third of the entries zero, from a counter-based RNG.
std::vector<double> random_reset(VertexId n, std::uint64_t seed) {
  std::vector<double> r(n);
  for (VertexId v = 0; v < n; ++v) {
    Rng rng = Rng::for_item(seed, Stream::kDemo, v);
    const double x = rng.uniform01();
    r[v] = x < 0.33 ? 0.0 : x;
  }
  if (!r.empty()) r[0] = 0.5;  // at least one positive entry
  return r;
}

const BuildOptions kKeepLoops{.self_loops = SelfLoops::kKeep};
// Hand-checked cases iterate to the rounding floor.
const PageRankOptions kExact{.tolerance = 1e-15};

}  // namespace

TEST_CASE("pagerank: directed 3-cycle is uniform", "[pagerank]") {
  const auto g = test::directed(3, {{0, 1}, {1, 2}, {2, 0}});
  const auto r = pagerank(g);
  REQUIRE(r.score.size() == 3);
  for (double x : r.score) CHECK(x == Approx(1.0 / 3.0).margin(1e-15));
  CHECK(r.converged);
  CHECK(r.iterations == 1);  // x_0 = uniform is already the fixed point
  CHECK(r.residual < 1e-15);
}

TEST_CASE("pagerank: dangling vertex, solved by hand", "[pagerank]") {
  // 0 -> 1, 0 -> 2, 1 -> 2; vertex 2 is dangling, its mass teleports uniformly. With d = 0.85 and
  // c = (d*x2 + 1 - d)/3 (teleport share of every vertex), the equations are
  //   x0 = c,  x1 = c + d*x0/2,  x2 = c + d*x0/2 + d*x1
  // so x1 = c(1 + d/2), x2 = c(1 + 3d/2 + d^2/2), and x0 + x1 + x2 = 1 gives c = 1/(3 + 2d + d^2/2).
  const double d = 0.85;
  const double c = 1.0 / (3.0 + 2.0 * d + d * d / 2.0);
  const std::vector<double> expected{c, c * (1.0 + d / 2.0), c * (1.0 + 1.5 * d + d * d / 2.0)};
  // The closed form is consistent with the teleport definition of c:
  REQUIRE((d * expected[2] + 1.0 - d) / 3.0 == Approx(c).epsilon(1e-14));
  const auto g = test::directed(3, {{0, 1}, {0, 2}, {1, 2}});
  const auto r = pagerank(g, kExact);
  CHECK(r.converged);
  CHECK(test::max_abs_diff(r.score, expected) < 1e-14);
  CHECK(test::max_abs_diff(r.score, test::igraph_pagerank(g, d, false)) < 1e-12);
}

TEST_CASE("pagerank: weighted transitions, solved by hand", "[pagerank]") {
  // 0 -> 1 (w 3), 0 -> 2 (w 1), 1 -> 0, 2 -> 0, d = 0.5: x0 = 1/6 + d(x1 + x2), x1 = 1/6 + d*3/4*x0,
  // x2 = 1/6 + d*1/4*x0. With s = x1 + x2 = 1/3 + d*x0 and x0 = 1/6 + d*s:
  // x0 = (1/6 + d/3)/(1 - d^2) = (1/3)/(3/4) = 4/9, x1 = 1/6 + 3/8*4/9 = 1/3, x2 = 1/6 + 1/8*4/9 = 2/9.
  const auto g = test::weighted(true, 3, {{0, 1, 3.0F}, {0, 2, 1.0F}, {1, 0, 1.0F}, {2, 0, 1.0F}});
  const auto r = pagerank(g, {.damping = 0.5, .tolerance = 1e-15});
  CHECK(test::max_abs_diff(r.score, {4.0 / 9.0, 1.0 / 3.0, 2.0 / 9.0}) < 1e-14);
  // use_weights = false: uniform split at 0.
  const auto u = pagerank(g, {.damping = 0.5, .tolerance = 1e-15, .use_weights = false});
  CHECK(test::max_abs_diff(u.score, test::igraph_pagerank(g, 0.5, false)) < 1e-12);
  CHECK(std::abs(u.score[1] - u.score[2]) < 1e-15);
}

TEST_CASE("pagerank: edge cases", "[pagerank]") {
  SECTION("null graph") {
    const auto r = pagerank(test::directed(0, {}));
    CHECK(r.score.empty());
    CHECK(r.converged);
  }
  SECTION("singleton") {
    const auto r = pagerank(test::undirected(1, {}));
    CHECK(r.score == std::vector<double>{1.0});
    CHECK(r.converged);
  }
  SECTION("isolated vertices are uniform") {
    const auto r = pagerank(test::directed(5, {}));
    for (double x : r.score) CHECK(x == Approx(0.2).margin(1e-15));
  }
  SECTION("isolated vertex beside edges, undirected") {
    const auto g = test::undirected(4, {{0, 1}, {1, 2}});
    const auto r = pagerank(g, kExact);
    CHECK(test::max_abs_diff(r.score, test::igraph_pagerank(g, 0.85, false)) < 1e-12);
    CHECK(sum(r.score) == Approx(1.0).margin(1e-15));
  }
  SECTION("damping 0 gives the teleport vector") {
    const auto g = test::directed(3, {{0, 1}, {0, 2}});
    const auto r = pagerank(g, {.damping = 0.0, .personalization = {1.0, 0.0, 3.0}});
    CHECK(test::max_abs_diff(r.score, {0.25, 0.0, 0.75}) < 1e-15);
    CHECK(r.iterations == 1);
  }
  SECTION("self-loops, directed and undirected, as igraph") {
    const auto gd = test::directed(3, {{0, 0}, {0, 1}, {1, 0}, {1, 2}, {2, 2}}, kKeepLoops);
    REQUIRE(gd.num_self_loops() == 2);
    CHECK(test::max_abs_diff(pagerank(gd, kExact).score, test::igraph_pagerank(gd, 0.85, false)) < 1e-12);
    // Undirected: a loop counts twice in the degree and is followed twice (igraph 0.10).
    const auto gu = test::undirected(3, {{0, 0}, {0, 1}, {1, 2}}, kKeepLoops);
    REQUIRE(gu.num_self_loops() == 1);
    const auto ru = pagerank(gu, kExact);
    CHECK(test::max_abs_diff(ru.score, test::igraph_pagerank(gu, 0.85, false)) < 1e-12);
    // By hand: walk matrix columns 0: {0: 2/3, 1: 1/3}, 1: {0: 1/2, 2: 1/2}, 2: {1: 1}.
    const double d = 0.85, t = (1 - d) / 3;
    const auto& x = ru.score;
    CHECK(x[0] == Approx(t + d * (2.0 / 3.0 * x[0] + 0.5 * x[1])).epsilon(1e-13));
    CHECK(x[2] == Approx(t + d * 0.5 * x[1]).epsilon(1e-13));
    // Weighted loops: the loop weight counts twice as well.
    const auto gw = test::weighted(false, 3, {{0, 0, 2.0F}, {0, 1, 1.0F}, {1, 2, 3.0F}}, kKeepLoops);
    CHECK(test::max_abs_diff(pagerank(gw, kExact).score, test::igraph_pagerank(gw, 0.85, true)) < 1e-12);
  }
  SECTION("arcs of weight 0 are never followed; all-zero out-weights make a vertex dangling") {
    const auto g = test::weighted(true, 4, {{0, 1, 1.0F}, {0, 2, 0.0F}, {1, 2, 2.0F}, {2, 0, 1.0F}, {3, 0, 0.0F}});
    const auto same = test::weighted(true, 4, {{0, 1, 1.0F}, {1, 2, 2.0F}, {2, 0, 1.0F}});
    const auto a = pagerank(g, kExact), b = pagerank(same, kExact);
    CHECK(test::max_abs_diff(a.score, b.score) < 1e-15);
    CHECK(test::max_abs_diff(a.score, test::igraph_pagerank(g, 0.85, true)) < 1e-12);
  }
}

TEST_CASE("pagerank: options are validated", "[pagerank]") {
  const auto g = test::directed(3, {{0, 1}, {1, 2}});
  auto throws_naming = [&](const PageRankOptions& o, const std::string& field) {
    try {
      (void)pagerank(g, o);
      FAIL("no exception for " << field);
    } catch (const InvalidArgument& e) {
      CHECK_THAT(e.what(), Catch::Contains(field));
    }
  };
  throws_naming({.damping = 1.0}, "damping");
  throws_naming({.damping = -0.1}, "damping");
  throws_naming({.damping = std::nan("")}, "damping");
  throws_naming({.tolerance = 0.0}, "tolerance");
  throws_naming({.max_iterations = 0}, "max_iterations");
  throws_naming({.personalization = {1.0, 2.0}}, "personalization");
  throws_naming({.personalization = {1.0, -2.0, 1.0}}, "personalization");
  throws_naming({.personalization = {0.0, 0.0, 0.0}}, "personalization");
  const auto neg = test::weighted(true, 2, {{0, 1, -1.0F}});
  CHECK_THROWS_AS(pagerank(neg), InvalidArgument);
  CHECK_NOTHROW(pagerank(neg, {.use_weights = false}));
  EdgeList el;
  el.add(0, 1);
  const auto no_in = build_csr(std::move(el), 2, {.build_in_edges = false}).graph;
  CHECK_THROWS_AS(pagerank(no_in), InvalidArgument);
}

TEST_CASE("pagerank: iteration cap, cancellation and the documented error bound", "[pagerank]") {
  const auto g = datasets::karate(true);
  const auto capped = pagerank(g, {.max_iterations = 3});
  CHECK_FALSE(capped.converged);
  CHECK(capped.iterations == 3);
  CHECK(sum(capped.score) == Approx(1.0).margin(1e-14));

  std::atomic<bool> flag{true};
  RunContext ctx;
  ctx.set_cancel_flag(&flag);
  CHECK_THROWS_AS(pagerank(g, {}, ctx), Cancelled);

  // ||x - x*||_1 <= d/(1-d) * residual, checked against PRPACK (exact Gaussian elimination for
  // n < 128) for a loose tolerance, where the bound is not trivially met.
  for (double d : {0.5, 0.85, 0.95}) {
    const auto ref = test::igraph_pagerank(g, d, false);
    const auto r = pagerank(g, {.damping = d, .tolerance = 1e-4});
    REQUIRE(r.converged);
    double l1 = 0.0;
    for (std::size_t i = 0; i < ref.size(); ++i) l1 += std::abs(ref[i] - r.score[i]);
    CHECK(l1 <= d / (1 - d) * r.residual + 1e-14);
    CHECK(l1 > 1e-9);  // the check above is not vacuous
  }
}

TEST_CASE("pagerank agrees with igraph PRPACK on karate", "[pagerank][oracle]") {
  const bool directed = GENERATE(false, true);
  const bool weighted = GENERATE(false, true);
  const double damping = GENERATE(0.5, 0.85, 0.99);
  CAPTURE(directed, weighted, damping);
  const auto g = datasets::karate(directed, weighted);
  const auto r = pagerank(g, {.damping = damping});
  CHECK(r.converged);
  CHECK(sum(r.score) == Approx(1.0).margin(1e-14));
  CHECK(test::max_abs_diff(r.score, test::igraph_pagerank(g, damping, weighted)) <= kOracleTol);
  const auto reset = random_reset(g.num_vertices(), 7);
  const auto p = pagerank(g, {.damping = damping, .personalization = reset});
  CHECK(p.converged);
  CHECK(test::max_abs_diff(p.score, test::igraph_pagerank(g, damping, weighted, &reset)) <= kOracleTol);
}

TEST_CASE("pagerank agrees with igraph PRPACK beyond n = 128 (iterative PRPACK path)", "[pagerank][oracle]") {
  // A graph with loops, dangling vertices, and weights of 0: PRPACK's SCC Gauss-Seidel is used.
  const auto g = test::skewed_random_graph(9, 4, 11, {.self_loops = SelfLoops::kKeep});
  REQUIRE(g.num_self_loops() > 0);
  const auto r = pagerank(g);
  CHECK(test::max_abs_diff(r.score, test::igraph_pagerank(g, 0.85, false)) <= kOracleTol);
  const auto reset = random_reset(g.num_vertices(), 3);
  CHECK(test::max_abs_diff(pagerank(g, {.personalization = reset}).score,
                           test::igraph_pagerank(g, 0.85, false, &reset)) <= kOracleTol);
  // Undirected with loops.
  BuildOptions opts{.directed = false, .self_loops = SelfLoops::kKeep};
  const auto u = test::skewed_random_graph(9, 4, 12, opts);
  REQUIRE(u.num_self_loops() > 0);
  CHECK(test::max_abs_diff(pagerank(u).score, test::igraph_pagerank(u, 0.85, false)) <= kOracleTol);
}

TEST_CASE("pagerank agrees with igraph PRPACK on the shared datasets", "[pagerank][oracle][shared-data]") {
  int checked = 0;
  const bool found = test::for_each_shared_graph(true, [&](const test::SharedGraph& s) {
    CAPTURE(s.label());
    const CsrGraph& g = s.graph;
    // Signed weights (bitcoin trust ratings) are no transition probabilities: refused, like igraph.
    bool weights_ok = g.weighted();
    for (Weight w : g.weights()) weights_ok = weights_ok && w >= 0.0F;
    if (g.weighted() && !weights_ok) CHECK_THROWS_AS(pagerank(g), InvalidArgument);
    for (bool use_weights : {false, true}) {
      if (use_weights && !weights_ok) continue;
      CAPTURE(use_weights);
      const auto r = pagerank(g, {.use_weights = use_weights});
      CHECK(r.converged);
      CHECK(test::max_abs_diff(r.score, test::igraph_pagerank(g, 0.85, use_weights)) <= kOracleTol);
    }
    const auto reset = random_reset(g.num_vertices(), 5);
    const auto p = pagerank(g, {.use_weights = false, .personalization = reset});
    CHECK(p.converged);
    CHECK(test::max_abs_diff(p.score, test::igraph_pagerank(g, 0.85, false, &reset)) <= kOracleTol);
    ++checked;
  });
  if (!found) {
    WARN("skipped: ../shared/datasets not found");
    return;
  }
  CHECK(checked >= static_cast<int>(test::shared_datasets().size()));
}

TEST_CASE("pagerank is bit-identical for 1 and 2 threads", "[pagerank][threads]") {
  const bool directed = GENERATE(true, false);
  BuildOptions opts{.directed = directed, .self_loops = SelfLoops::kKeep};
  const auto g = test::skewed_random_graph(15, 8, 21, opts);  // 32k vertices, ~250k edge draws
  REQUIRE(g.num_arcs() > 200000);
  const auto reset = random_reset(g.num_vertices(), 9);
  for (bool personalized : {false, true}) {
    PageRankOptions o;
    if (personalized) o.personalization = reset;
    const auto one = test::with_threads(1, [&] { return pagerank(g, o); });
    const auto two = test::with_threads(2, [&] { return pagerank(g, o); });
    CHECK(one.iterations == two.iterations);
    CHECK(one.residual == two.residual);
    CHECK(one.score == two.score);  // bit equality
  }
  // Weighted: weights that do not sum exactly expose any change in summation order.
  EdgeList el;
  for (VertexId u = 0; u < g.num_vertices(); ++u)
    for (VertexId v : g.out_neighbors(u))
      if (directed || u <= v) el.add(u, v, 1.0F / static_cast<float>(1 + (u * 7 + v) % 13));
  const auto w = build_csr(std::move(el), g.num_vertices(), opts).graph;
  REQUIRE(w.weighted());
  const auto one = test::with_threads(1, [&] { return pagerank(w); });
  const auto two = test::with_threads(2, [&] { return pagerank(w); });
  CHECK(one.iterations == two.iterations);
  CHECK(one.score == two.score);
  CHECK(test::max_abs_diff(one.score, test::igraph_pagerank(w, 0.85, true)) <= kOracleTol);
}
