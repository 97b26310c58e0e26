#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>

#include "algorithms/centrality/betweenness.hpp"
#include "algorithms/centrality/betweenness_approx.hpp"
#include "datasets/embedded/karate.hpp"
#include "datasets/embedded/small_graphs.hpp"
#include "engine/error.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle_paths.hpp"
#include "tests/support/shared_data.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using centrality::betweenness_approx;
using centrality::BetweennessApproxOptions;

// Acceptance rule for the (epsilon, delta) guarantee. One run "violates" when some vertex is more
// than epsilon away from its exact normalized betweenness (betweenness(g, {.normalized = true}),
// itself checked against igraph). The guarantee says a run violates with probability <= delta = 0.1,
// independently across seeds, so the number of violating runs among 20 seeds is stochastically
// below Binomial(20, 0.1): P(>= 6 violations) = 0.0113. We accept at most 5 violating runs of 20
// (the seeds are fixed, so the test is deterministic; a correct implementation fails it with
// probability about 1%, and with the conservative bounds the observed count is 0).
// It cannot pass by accident: every test graph has a vertex with exact normalized betweenness above
// 3 epsilon (checked), so a zero vector, a factor-2 convention error (undirected pairs counted once
// instead of twice) or estimates from the wrong direction violate in every run; and the runs must
// also be close on average (mean absolute error <= epsilon / 4).

namespace {

struct Trial {
  int violations = 0;
  double worst = 0, mean_abs = 0, samples = 0;
};

Trial run_seeds(const CsrGraph& g, BetweennessApproxOptions o, const std::vector<double>& exact) {
  Trial t;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    o.seed = seed;
    const auto r = betweenness_approx(g, o);
    REQUIRE(r.score.size() == exact.size());
    const double err = test::max_abs_diff(r.score, exact);
    t.worst = std::max(t.worst, err);
    t.violations += err > o.epsilon ? 1 : 0;
    double s = 0;
    for (std::size_t v = 0; v < exact.size(); ++v) s += std::fabs(r.score[v] - exact[v]);
    t.mean_abs += s / static_cast<double>(exact.size()) / 20.0;
    t.samples += static_cast<double>(r.samples) / 20.0;
  }
  return t;
}

void check_guarantee(const CsrGraph& g, const std::string& name, double eps, bool weights = false) {
  const auto exact = centrality::betweenness(g, {.use_weights = weights, .normalized = true}).score;
  REQUIRE(*std::max_element(exact.begin(), exact.end()) > 3 * eps);
  for (bool adaptive : {true, false}) {
    const BetweennessApproxOptions o{.epsilon = eps, .delta = 0.1, .use_weights = weights, .adaptive = adaptive};
    const Trial t = run_seeds(g, o, exact);
    INFO(name << (adaptive ? " KADABRA" : " Riondato-Kornaropoulos") << ": eps " << eps << ", violating runs "
              << t.violations << "/20, worst error " << t.worst << ", mean abs error " << t.mean_abs << ", mean samples " << t.samples);
    CHECK(t.violations <= 5);
    CHECK(t.mean_abs <= eps / 4);
  }
}

}  // namespace

TEST_CASE("betweenness_approx: every vertex within epsilon (20 seeds)", "[betweenness][oracle]") {
  check_guarantee(datasets::karate(), "karate", 0.02);
  check_guarantee(test::with_positive_weights(datasets::karate(false, true)), "karate weighted", 0.02, true);
  check_guarantee(test::skewed_random_graph(10, 4, 31, {.directed = false}), "skewed undirected", 0.01);
  check_guarantee(test::skewed_random_graph(10, 6, 32, {.directed = true}), "skewed directed", 0.01);
}

TEST_CASE("betweenness_approx: epsilon guarantee on shared networks", "[betweenness][oracle][shared-data]") {
  if (!test::shared_datasets_dir()) {
    WARN("skipped: ../shared/datasets not found");
    return;
  }
  for (const char* name : {"dolphins", "email-Eu-core"}) {
    const auto& all = test::shared_datasets();
    const auto it = std::find_if(all.begin(), all.end(), [&](const auto& d) { return d.name == name; });
    REQUIRE(it != all.end());
    const auto g = test::load_shared(*it);
    check_guarantee(g, name, it->directed ? 0.01 : 0.02);
  }
}

TEST_CASE("betweenness_approx: hand-checked cases and options", "[betweenness]") {
  // A star: the hub lies inside every leaf-leaf path: normalized b = (k-1)(k-2) / (k(k-1)).
  const auto star = datasets::to_graph(datasets::star(6), {.directed = false});
  const auto r = betweenness_approx(star, {.epsilon = 0.05});
  CHECK(r.method == "kadabra");
  CHECK(r.vertex_diameter == 3);
  CHECK(r.samples > 0);
  CHECK(std::fabs(r.score[0] - 20.0 / 30.0) <= 0.05);
  for (VertexId v = 1; v < 6; ++v) CHECK(r.score[v] == 0.0);
  // omega = ceil(0.5/eps^2 (floor(log2(VD-2)) + 1 + ln(1/delta))) for Riondato-Kornaropoulos.
  const auto rk = betweenness_approx(star, {.epsilon = 0.05, .delta = 0.1, .adaptive = false});
  CHECK(rk.method == "riondato-kornaropoulos");
  CHECK(rk.omega == static_cast<std::uint64_t>(std::ceil(0.5 / 0.0025 * (0 + 1 + std::log(10.0)))));
  CHECK(rk.samples == rk.omega);
  // Vertex diameter <= 2 (components of 2 vertices): nothing to estimate, no sample drawn.
  const auto pairs = test::undirected(4, {{0, 1}, {2, 3}});
  const auto c = betweenness_approx(pairs);
  CHECK(c.vertex_diameter == 2);
  CHECK(c.samples == 0);
  CHECK(c.score == std::vector<double>(4, 0.0));
  // K4: the bound (2 ecc + 1 = 3) is not tight, sampling runs, but no path has an internal vertex.
  const auto k4 = datasets::to_graph(datasets::complete(4), {.directed = false});
  CHECK(betweenness_approx(k4).score == std::vector<double>(4, 0.0));
  CHECK(betweenness_approx(datasets::to_graph(datasets::null_graph())).score.empty());
  // Disconnected pairs contribute nothing: two paths 0-1-2 and 3-4-5, n = 6, b(1) = b(4) = 2/30.
  const auto two = test::undirected(6, {{0, 1}, {1, 2}, {3, 4}, {4, 5}});
  const auto t = betweenness_approx(two, {.epsilon = 0.01});
  CHECK(std::fabs(t.score[1] - 2.0 / 30) <= 0.01);
  CHECK(t.score[0] == 0.0);
  // Bad options and inputs.
  CHECK_THROWS_WITH(betweenness_approx(star, {.epsilon = 0}), Catch::Contains("epsilon"));
  CHECK_THROWS_WITH(betweenness_approx(star, {.delta = 1.5}), Catch::Contains("delta"));
  const auto no_in = test::directed(3, {{0, 1}, {1, 2}}, {.build_in_edges = false});
  CHECK_THROWS_WITH(betweenness_approx(no_in), Catch::Contains("in-adjacency"));
  const auto bad = test::weighted(false, 3, {{0, 1, 1.0F}, {1, 2, -2.0F}});
  CHECK_THROWS_WITH(betweenness_approx(bad, {.use_weights = true}), Catch::Contains("weights must be finite and > 0"));
  CHECK_NOTHROW(betweenness_approx(bad));  // use_weights defaults to false
}

TEST_CASE("betweenness_approx does not depend on the thread count", "[betweenness][threads]") {
  const bool directed = GENERATE(false, true);
  const auto g = test::skewed_random_graph(12, 8, 13, {.directed = directed});
  const BetweennessApproxOptions o{.epsilon = 0.02, .seed = 5};
  const auto one = test::with_threads(1, [&] { return betweenness_approx(g, o); });
  const auto two = test::with_threads(2, [&] { return betweenness_approx(g, o); });
  CHECK(one.samples == two.samples);
  CHECK(one.score == two.score);
  const auto gw = test::with_positive_weights(datasets::karate(directed, true));
  const BetweennessApproxOptions w{.epsilon = 0.05, .use_weights = true};
  CHECK(test::with_threads(1, [&] { return betweenness_approx(gw, w).score; }) ==
        test::with_threads(2, [&] { return betweenness_approx(gw, w).score; }));
}
