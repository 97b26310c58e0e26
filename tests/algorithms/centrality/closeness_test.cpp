#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <limits>
#include <string>

#include "algorithms/centrality/closeness.hpp"
#include "datasets/embedded/karate.hpp"
#include "datasets/embedded/small_graphs.hpp"
#include "engine/error.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle_paths.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using centrality::closeness;
using centrality::ClosenessOptions;
using centrality::harmonic;

namespace {

// Oracle tolerance: max |ours - igraph| <= 1e-9 * max(1, max |igraph|) (NaN must match NaN).
// Distances are exact integers (unweighted) or the same double sums; observed ~1e-16.
constexpr double kTol = 1e-9;
// n * arcs budget of the default shared-data case (igraph's closeness and harmonic are serial
// O(n m) each, and run for several option combinations); larger graphs: the [slow] case.
constexpr double kDefaultBudget = 4e7;
constexpr double kSlowBudget = 2e10;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

double work(const CsrGraph& g) { return static_cast<double>(g.num_vertices()) * static_cast<double>(g.num_arcs() + 1); }

// Every option combination against igraph. `thorough`: one igraph call per convention; otherwise
// (large graphs) one igraph_closeness and one igraph_harmonic_centrality call per direction, the other
// conventions derived from them (r / S, its reachable count r, and n - 1).
void check_against_igraph(const CsrGraph& g, bool weights, bool thorough = true) {
  const double n1 = static_cast<double>(g.num_vertices()) - 1.0;
  for (bool reverse : {false, true}) {
    if (reverse && !g.directed()) continue;
    INFO("reverse " << reverse << ", weights " << weights);
    const ClosenessOptions base{.use_weights = weights, .reverse = reverse};
    ClosenessOptions ig = base, ig_raw = base, h_raw = base;
    ig.wasserman_faust = ig_raw.wasserman_faust = false;
    ig_raw.normalized = h_raw.normalized = false;
    const auto c = test::igraph_closeness(g, reverse, weights, true);
    std::vector<double> wf(c.closeness.size()), raw_c(c.closeness.size());
    for (std::size_t v = 0; v < wf.size(); ++v) {
      const auto r = static_cast<double>(c.reachable[v]);
      wf[v] = r > 0 ? c.closeness[v] * r / n1 : 0.0;
      raw_c[v] = c.closeness[v] / r;  // NaN stays NaN
    }
    const auto h = test::igraph_harmonic(g, reverse, weights, true);
    std::vector<double> raw_h(h);
    for (double& x : raw_h) x *= n1 > 0 ? n1 : 1.0;
    if (thorough) {
      CHECK(test::scaled_max_diff(wf, test::igraph_closeness_wasserman_faust(g, reverse, weights)) <= kTol);
      raw_c = test::igraph_closeness(g, reverse, weights, false).closeness;
      raw_h = test::igraph_harmonic(g, reverse, weights, false);
    }
    CHECK(test::scaled_max_diff(closeness(g, base), wf) <= kTol);
    CHECK(test::scaled_max_diff(closeness(g, ig), c.closeness) <= kTol);
    CHECK(test::scaled_max_diff(closeness(g, ig_raw), raw_c) <= kTol);
    CHECK(test::scaled_max_diff(harmonic(g, base), h) <= kTol);
    CHECK(test::scaled_max_diff(harmonic(g, h_raw), raw_h) <= kTol);
  }
}

void check_shared(double min_work, double max_work) {
  int checked = 0;
  for (bool weights : {false, true}) {
    const bool found = test::for_each_shared_graph(weights, [&](const test::SharedGraph& sg) {
      if (weights && !sg.graph.weighted()) return;
      const double w = work(sg.graph);
      if (w < min_work || w > max_work) return;
      const CsrGraph g = test::with_positive_weights(sg.graph);
      INFO(sg.label() << (weights ? " (weighted)" : "") << ", n = " << g.num_vertices() << ", arcs = " << g.num_arcs());
      check_against_igraph(g, weights, false);
      ++checked;
    });
    if (!found) {
      WARN("skipped: ../shared/datasets not found");
      return;
    }
  }
  CHECK(checked > 0);
}

bool same(const std::vector<double>& a, const std::vector<double>& b) { return test::scaled_max_diff(a, b) < 1e-15; }

}  // namespace

TEST_CASE("closeness and harmonic: hand-computed small graphs", "[closeness][harmonic]") {
  SECTION("path 0-1-2-3") {
    const auto g = datasets::to_graph(datasets::path(4), {.directed = false});
    // Distance sums 6, 4, 4, 6; connected, so Wasserman-Faust = (n-1)/S.
    CHECK(same(closeness(g), {0.5, 0.75, 0.75, 0.5}));
    CHECK(same(closeness(g, {.wasserman_faust = false, .normalized = false}), {1.0 / 6, 0.25, 0.25, 1.0 / 6}));
    CHECK(same(harmonic(g), {(1 + 0.5 + 1.0 / 3) / 3, 2.5 / 3, 2.5 / 3, (1 + 0.5 + 1.0 / 3) / 3}));
    CHECK(same(harmonic(g, {.normalized = false}), {1 + 0.5 + 1.0 / 3, 2.5, 2.5, 1 + 0.5 + 1.0 / 3}));
  }
  SECTION("star: the hub is at distance 1 from everyone") {
    const auto g = datasets::to_graph(datasets::star(5), {.directed = false});
    CHECK(same(closeness(g), {1.0, 4.0 / 7, 4.0 / 7, 4.0 / 7, 4.0 / 7}));  // leaf: 1 + 3 * 2 = 7
    CHECK(same(harmonic(g), {1.0, 2.5 / 4, 2.5 / 4, 2.5 / 4, 2.5 / 4}));
  }
  SECTION("directed path 0 -> 1 -> 2: direction and reach") {
    const auto g = datasets::to_graph(datasets::path(3), {.directed = true});
    // Out: 0 reaches 2 vertices at sum 3, 1 reaches 1 at sum 1, 2 reaches nothing.
    CHECK(same(closeness(g), {4.0 / 6, 0.5, 0.0}));                     // r^2 / ((n-1) S)
    CHECK(same(closeness(g, {.wasserman_faust = false}), {2.0 / 3, 1.0, kNaN}));  // igraph: r / S
    CHECK(same(closeness(g, {.reverse = true}), {0.0, 0.5, 4.0 / 6}));
    CHECK(same(harmonic(g), {1.5 / 2, 0.5, 0.0}));
    CHECK(same(harmonic(g, {.reverse = true}), {0.0, 0.5, 1.5 / 2}));
  }
  SECTION("two cliques joined by a bridge, plus an isolated vertex") {
    // K3 {0,1,2}, K3 {3,4,5}, bridge 2-3, vertex 6 isolated: n = 7.
    const auto g = test::undirected(7, {{0, 1}, {0, 2}, {1, 2}, {3, 4}, {3, 5}, {4, 5}, {2, 3}});
    // 0: d = 1, 1, 2, 3, 3 -> S = 10, r = 5. 2: 1, 1, 1, 2, 2 -> S = 7.
    const double wf0 = 25.0 / (6 * 10), wf2 = 25.0 / (6 * 7);
    CHECK(same(closeness(g), {wf0, wf0, wf2, wf2, wf0, wf0, 0.0}));
    CHECK(same(closeness(g, {.wasserman_faust = false}), {0.5, 0.5, 5.0 / 7, 5.0 / 7, 0.5, 0.5, kNaN}));
    const double h0 = (1 + 1 + 0.5 + 1.0 / 3 + 1.0 / 3) / 6, h2 = (3 + 1.0) / 6;
    CHECK(same(harmonic(g), {h0, h0, h2, h2, h0, h0, 0.0}));
  }
  SECTION("weights: length 1/w") {
    // 0 -(w 2)- 1 -(w 4)- 2 and 0 -(w 0.5)- 2: d(0,2) = min(1/2 + 1/4, 2) = 0.75.
    const auto g = test::weighted(false, 3, {{0, 1, 2.0F}, {1, 2, 4.0F}, {0, 2, 0.5F}});
    CHECK(same(closeness(g), {2.0 / (0.5 + 0.75), 2.0 / (0.5 + 0.25), 2.0 / (0.75 + 0.25)}));
    CHECK(same(harmonic(g, {.normalized = false}), {2 + 1 / 0.75, 2 + 4, 4 + 1 / 0.75}));
    CHECK(same(closeness(g, {.use_weights = false}), {1.0, 1.0, 1.0}));
  }
  SECTION("loops and parallel edges do not change distances") {
    const auto g = test::undirected(3, {{0, 0}, {0, 1}, {0, 1}, {1, 2}}, {.duplicates = Duplicates::kKeepAll, .self_loops = SelfLoops::kKeep});
    CHECK(same(closeness(g), {2.0 / 3, 1.0, 2.0 / 3}));
  }
}

TEST_CASE("closeness: edge cases and bad input", "[closeness][harmonic]") {
  CHECK(closeness(datasets::to_graph(datasets::null_graph())).empty());
  CHECK(closeness(datasets::to_graph(datasets::singleton())) == std::vector<double>{0.0});
  CHECK(harmonic(datasets::to_graph(datasets::singleton())) == std::vector<double>{0.0});
  const auto bad = test::weighted(true, 2, {{0, 1, -1.0F}});
  CHECK_THROWS_WITH(closeness(bad), Catch::Contains("closeness: edge weights must be finite and > 0"));
  CHECK_THROWS_WITH(harmonic(bad), Catch::Contains("harmonic: edge weights must be finite and > 0"));
  const auto no_in = test::directed(3, {{0, 1}, {1, 2}}, {.build_in_edges = false});
  CHECK_THROWS_WITH(closeness(no_in, {.reverse = true}), Catch::Contains("in-adjacency"));
  CHECK(same(closeness(no_in), {4.0 / 6, 0.5, 0.0}));  // the default direction needs no in-arcs
  std::atomic<bool> stop{true};
  RunContext ctx;
  ctx.set_cancel_flag(&stop);
  CHECK_THROWS_AS(closeness(datasets::karate(), {}, ctx), Cancelled);
  CHECK_THROWS_AS(harmonic(datasets::karate(false, true), {}, ctx), Cancelled);
}

TEST_CASE("closeness and harmonic agree with igraph on karate", "[closeness][harmonic][oracle]") {
  const bool directed = GENERATE(false, true);
  const bool weighted = GENERATE(false, true);
  INFO("directed " << directed << ", weighted " << weighted);
  check_against_igraph(datasets::karate(directed, weighted), weighted);
}

TEST_CASE("closeness and harmonic agree with igraph on random multigraphs", "[closeness][harmonic][oracle]") {
  const bool directed = GENERATE(false, true);
  // Many small components and sinks (directed): reach and NaN conventions matter.
  auto g = test::skewed_random_graph(10, 2, 3, {.directed = directed, .duplicates = Duplicates::kKeepAll,
                                                .self_loops = SelfLoops::kKeep});
  INFO("directed " << directed);
  check_against_igraph(g, false);
  // Weighted: integer weights 1..5 derived from the endpoints (symmetric for undirected arcs).
  std::vector<Weight> w(g.num_arcs());
  for (VertexId u = 0; u < g.num_vertices(); ++u) {
    const auto nb = g.out_neighbors(u);
    for (std::size_t i = 0; i < nb.size(); ++i)
      w[g.offsets()[u] + i] = static_cast<Weight>(1 + (std::min(u, nb[i]) * 3 + std::max(u, nb[i])) % 5);
  }
  EdgeList el;
  for (VertexId u = 0; u < g.num_vertices(); ++u) {
    const auto nb = g.out_neighbors(u);
    for (std::size_t i = 0; i < nb.size(); ++i)
      if (directed || nb[i] >= u) el.add(u, nb[i], w[g.offsets()[u] + i]);
  }
  const auto gw = build_csr(std::move(el), g.num_vertices(),
                            {.directed = directed, .duplicates = Duplicates::kKeepAll, .self_loops = SelfLoops::kKeep})
                      .graph;
  check_against_igraph(gw, true);
}

TEST_CASE("closeness and harmonic agree with igraph on the shared networks", "[closeness][harmonic][oracle][shared-data]") {
  check_shared(0, kDefaultBudget);
}

TEST_CASE("closeness and harmonic agree with igraph on the larger shared networks",
          "[closeness][harmonic][oracle][shared-data][slow]") {
  check_shared(kDefaultBudget, kSlowBudget);
}

TEST_CASE("closeness and harmonic do not depend on the thread count", "[closeness][harmonic][threads]") {
  const bool directed = GENERATE(false, true);
  const auto g = test::skewed_random_graph(12, 8, 9, {.directed = directed});
  for (bool reverse : {false, true}) {
    const ClosenessOptions o{.reverse = reverse};
    CHECK(test::with_threads(1, [&] { return closeness(g, o); }) == test::with_threads(2, [&] { return closeness(g, o); }));
    CHECK(test::with_threads(1, [&] { return harmonic(g, o); }) == test::with_threads(2, [&] { return harmonic(g, o); }));
  }
  const auto gw = test::with_positive_weights(datasets::karate(directed, true));
  CHECK(test::with_threads(1, [&] { return harmonic(gw); }) == test::with_threads(2, [&] { return harmonic(gw); }));
}

// ---- sampled estimates --------------------------------------------------------------------------
//
// Statistical oracle. Each vertex's interval [score - error_bar, score + error_bar] holds its exact
// value with probability >= 1 - delta, so the covered fraction is >= 1 - delta in expectation; the
// bounds (Hoeffding / empirical Bernstein) are conservative, so in practice nearly every vertex is
// covered. Acceptance: covered fraction >= 1 - delta. The check cannot pass by accident: the same
// intervals are required to be narrow on unweighted graphs (harmonic: every bar <= epsilon * n/(n-1)
// after the adaptive stop; closeness: mean bar <= 2 epsilon), the mean error must be <= epsilon
// (times max(1, max value) when weighted), and the intervals must REJECT a wrong answer: the exact
// values shifted by 3 * epsilon (times the same scale) are covered for fewer than half of the
// vertices.

namespace {

using centrality::SampledClosenessOptions;

struct Coverage {
  double covered = 0, wrong_covered = 0, mean_bar = 0, max_bar = 0, mean_error = 0;
};

Coverage coverage(const centrality::SampledResult& s, const std::vector<double>& exact, const std::vector<double>& wrong) {
  Coverage c;
  const auto n = static_cast<double>(exact.size());
  for (std::size_t v = 0; v < exact.size(); ++v) {
    c.covered += std::fabs(s.score[v] - exact[v]) <= s.error_bar[v] ? 1 : 0;
    c.wrong_covered += std::fabs(s.score[v] - wrong[v]) <= s.error_bar[v] ? 1 : 0;
    c.mean_bar += s.error_bar[v];
    c.max_bar = std::max(c.max_bar, s.error_bar[v]);
    c.mean_error += std::fabs(s.score[v] - exact[v]);
  }
  c.covered /= n;
  c.wrong_covered /= n;
  c.mean_bar /= n;
  c.mean_error /= n;
  return c;
}

// max(1, max |x|): weighted closeness and harmonic can exceed 1 (arcs shorter than 1).
double scale(const std::vector<double>& x) {
  double m = 1.0;
  for (double v : x) m = std::max(m, std::fabs(v));
  return m;
}

std::vector<double> shifted(std::vector<double> x, double by) {
  for (double& v : x) v += by;
  return x;
}

void check_sampled(const CsrGraph& g, const std::string& name, bool weighted) {
  const double eps = 0.05, delta = 0.1;
  for (bool reverse : {false, true}) {
    if (reverse && !g.directed()) continue;
    const ClosenessOptions m{.use_weights = weighted, .reverse = reverse};
    const SampledClosenessOptions o{.epsilon = eps, .delta = delta, .seed = 7, .measure = m};
    INFO(name << ", reverse " << reverse << ", weighted " << weighted);
    {
      const auto s = centrality::harmonic_sampled(g, o);
      const auto exact = harmonic(g, m);
      const auto c = coverage(s, exact, shifted(exact, 3 * eps * scale(exact)));
      INFO("harmonic: samples " << s.samples << ", covered " << c.covered << ", wrong covered " << c.wrong_covered
                                << ", mean bar " << c.mean_bar << ", mean error " << c.mean_error);
      CHECK(c.covered >= 1 - delta);
      if (!weighted) CHECK(c.max_bar <= eps * static_cast<double>(g.num_vertices()) / (g.num_vertices() - 1.0) + 1e-12);
      CHECK(c.wrong_covered < 0.5);
      CHECK(c.mean_error <= eps * scale(exact));
    }
    {
      const auto s = centrality::closeness_sampled(g, o);
      const auto exact = closeness(g, m);
      const auto c = coverage(s, exact, shifted(exact, 3 * eps * scale(exact)));
      INFO("closeness: samples " << s.samples << ", covered " << c.covered << ", wrong covered " << c.wrong_covered
                                 << ", mean bar " << c.mean_bar << ", max bar " << c.max_bar << ", mean error " << c.mean_error);
      CHECK(c.covered >= 1 - delta);
      if (!weighted) CHECK(c.mean_bar <= 2 * eps);
      // Weighted directed graphs only have the reach bound for the range of a distance: wide bars.
      if (!(weighted && g.directed())) CHECK(c.wrong_covered < 0.5);
      CHECK(c.mean_error <= eps * scale(exact));
    }
  }
}

}  // namespace

TEST_CASE("sampled closeness and harmonic: the exact value lies within the error bar", "[closeness][harmonic][sampled]") {
  check_sampled(datasets::karate(), "karate", false);
  // Many small components, isolated vertices and sinks: the component and N1 strata.
  check_sampled(test::skewed_random_graph(10, 2, 3, {.directed = false}), "sparse undirected", false);
  check_sampled(test::skewed_random_graph(10, 2, 3, {.directed = true}), "sparse directed", false);
  check_sampled(test::with_positive_weights(datasets::karate(false, true)), "karate weighted", true);
  check_sampled(test::skewed_random_graph(11, 4, 21, {.directed = false}), "skewed undirected", false);
  check_sampled(test::skewed_random_graph(11, 4, 22, {.directed = true}), "skewed directed", false);
  check_sampled(test::with_positive_weights(datasets::karate(true, true)), "karate directed weighted", true);
}

TEST_CASE("sampled closeness: fixed sample count, options, determinism", "[closeness][harmonic][sampled][threads]") {
  const auto g = test::skewed_random_graph(11, 6, 4, {.directed = true});
  const SampledClosenessOptions o{.samples = 300, .delta = 0.1, .seed = 3};
  const auto one = test::with_threads(1, [&] { return centrality::closeness_sampled(g, o); });
  const auto two = test::with_threads(2, [&] { return centrality::closeness_sampled(g, o); });
  CHECK(one.samples == 300);
  CHECK(one.score == two.score);
  CHECK(one.error_bar == two.error_bar);
  const auto h1 = test::with_threads(1, [&] { return centrality::harmonic_sampled(g, o); });
  const auto h2 = test::with_threads(2, [&] { return centrality::harmonic_sampled(g, o); });
  CHECK(h1.score == h2.score);
  // Unnormalized harmonic: values and bars scale by n - 1.
  SampledClosenessOptions raw = o;
  raw.measure.normalized = false;
  const auto hr = centrality::harmonic_sampled(g, raw);
  const double n1 = g.num_vertices() - 1.0;
  REQUIRE(hr.score.size() == h1.score.size());
  for (std::size_t v = 0; v < hr.score.size(); ++v) {
    CHECK(hr.score[v] == Approx(h1.score[v] * n1).epsilon(1e-12));
    CHECK(hr.error_bar[v] == Approx(h1.error_bar[v] * n1).epsilon(1e-12));
  }
  // A different seed gives different samples.
  SampledClosenessOptions other = o;
  other.seed = 4;
  CHECK(centrality::closeness_sampled(g, other).score != one.score);
  // Bad options.
  CHECK_THROWS_WITH(centrality::closeness_sampled(g, {.epsilon = 0}), Catch::Contains("epsilon"));
  CHECK_THROWS_WITH(centrality::closeness_sampled(g, {.delta = 1}), Catch::Contains("delta"));
  SampledClosenessOptions igc;
  igc.measure.wasserman_faust = false;
  CHECK_THROWS_WITH(centrality::closeness_sampled(g, igc), Catch::Contains("wasserman_faust"));
}

// The guarantee on real networks, several seeds (epsilon 0.02, delta 0.1, adaptive): every run must
// cover >= 1 - delta of the vertices, and over all runs and vertices of a network at most a
// fraction delta may lie outside their bars (the per-vertex guarantee, in expectation); every bar
// is <= epsilon whenever the run stopped before k_max, and >= 1 - delta of the errors are <= epsilon.
TEST_CASE("sampled closeness and harmonic: coverage over seeds on the shared networks",
          "[closeness][harmonic][sampled][shared-data]") {
  const double eps = 0.02, delta = 0.1;
  const auto k_max = static_cast<std::uint64_t>(std::ceil(std::log(8.0 / delta) / (2.0 * eps * eps)));
  int checked = 0;
  const bool found = test::for_each_shared_graph(false, [&](const test::SharedGraph& sg) {
    const CsrGraph& g = sg.graph;
    if (sg.self_loops_kept || g.num_vertices() < 100 || work(g) > kDefaultBudget) return;
    for (bool reverse : {false, true}) {
      if (reverse && !g.directed()) continue;
      const ClosenessOptions m{.reverse = reverse};
      const auto exact_h = harmonic(g, m);
      const auto exact_c = closeness(g, m);
      for (bool is_h : {true, false}) {
        const auto& exact = is_h ? exact_h : exact_c;
        double outside = 0, runs = 0;
        for (std::uint64_t seed : {1, 2, 3}) {
          const SampledClosenessOptions o{.epsilon = eps, .delta = delta, .seed = seed, .measure = m};
          const auto s = is_h ? centrality::harmonic_sampled(g, o) : centrality::closeness_sampled(g, o);
          const double n = static_cast<double>(g.num_vertices());
          double out = 0, big = 0, max_bar = 0;
          for (std::size_t v = 0; v < exact.size(); ++v) {
            const double err = std::fabs(s.score[v] - exact[v]);
            out += err > s.error_bar[v] ? 1 : 0;
            big += err > eps ? 1 : 0;
            max_bar = std::max(max_bar, s.error_bar[v]);
          }
          INFO(sg.label() << ", reverse " << reverse << (is_h ? ", harmonic" : ", closeness") << ", seed " << seed
                          << ": samples " << s.samples << ", outside " << out << ", error > eps " << big
                          << ", max bar " << max_bar);
          CHECK(out <= delta * n);
          CHECK(big <= delta * n);
          if (s.samples < k_max) CHECK(max_bar <= eps);
          outside += out;
          runs += n;
        }
        CHECK(outside <= delta * runs);
      }
    }
    ++checked;
  });
  if (!found) {
    WARN("skipped: ../shared/datasets not found");
    return;
  }
  CHECK(checked > 0);
}

// The eccentricity bound through the highest-degree vertex c holds only where c reaches everything
// u reaches. Here c = 0 is a sink with 20 in-arcs; u = 1 -> 0 and 1 -> 2 -> ... -> 6, so d(1, 6) = 5
// although d(1, c) + ecc(c) = 1.
TEST_CASE("sampled closeness: directed eccentricity bound only inside the hub's strong component", "[closeness][sampled]") {
  EdgeList el;
  for (VertexId v = 10; v < 30; ++v) el.add(v, 0);
  el.add(1, 0);
  for (VertexId v = 1; v < 6; ++v) el.add(v, v + 1);
  const auto g = build_csr(std::move(el), 30, {.directed = true}).graph;
  const auto exact_c = closeness(g);
  const auto exact_h = harmonic(g);
  for (std::uint64_t seed : {1, 2, 3}) {
    const SampledClosenessOptions o{.samples = 3000, .delta = 0.1, .seed = seed};
    const auto c = centrality::closeness_sampled(g, o);
    const auto h = centrality::harmonic_sampled(g, o);
    for (VertexId v = 0; v < 7; ++v) {
      INFO("seed " << seed << ", vertex " << v);
      CHECK(std::fabs(c.score[v] - exact_c[v]) <= c.error_bar[v]);
      CHECK(std::fabs(h.score[v] - exact_h[v]) <= h.error_bar[v]);
    }
  }
}
