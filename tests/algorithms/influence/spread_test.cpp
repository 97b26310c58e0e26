#include <catch2/catch.hpp>

#include <cmath>

#include "algorithms/influence/diffusion.hpp"
#include "algorithms/influence/spread.hpp"
#include "engine/error.hpp"
#include "tests/algorithms/influence/exact_spread.hpp"
#include "tests/algorithms/influence/tiny_graphs.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using namespace peerscout::influence;

TEST_CASE("normal_quantile: known values", "[spread]") {
  CHECK(normal_quantile(0.5) == Approx(0.0).margin(1e-15));
  CHECK(normal_quantile(0.975) == Approx(1.959963984540054).epsilon(1e-13));
  CHECK(normal_quantile(0.995) == Approx(2.5758293035489).epsilon(1e-12));
  CHECK(normal_quantile(0.01) == Approx(-2.3263478740408408).epsilon(1e-12));
  CHECK(normal_quantile(1e-10) == Approx(-6.361340902404056).epsilon(1e-10));
  CHECK_THROWS_AS(normal_quantile(1.0), InvalidArgument);
}

TEST_CASE("monte carlo spread equals the exact live-edge expectation within its interval", "[spread][oracle]") {
  for (Model model : {Model::kIndependentCascade, Model::kLinearThreshold}) {
    for (std::uint64_t gseed = 1; gseed <= 4; ++gseed) {
      const bool lt = model == Model::kLinearThreshold;
      const test::ExactSpread ex(7, test::random_tiny_arcs(7, 13, gseed, lt), model);
      const auto g = ex.graph();
      const std::uint32_t audience_mask = 0b1010110;
      for (const std::vector<VertexId>& seeds : {std::vector<VertexId>{0}, std::vector<VertexId>{3, 5},
                                                 std::vector<VertexId>{1, 2, 6}}) {
        INFO("model " << model_name(model) << ", graph " << gseed << ", seeds " << seeds.size());
        const double exact = ex.spread(seeds);
        // 48 comparisons: each uses a 99.99% interval so that the family is unlikely to miss by
        // chance (the nominal coverage itself is tested below).
        const auto est = monte_carlo_spread(
            g, seeds, {.simulations = 20000, .model = model, .seed = gseed, .confidence = 0.9999});
        CHECK(est.ci_low <= exact);
        CHECK(est.ci_high >= exact);
        CHECK(est.ci_high - est.ci_low < 0.3);  // the interval is informative, not vacuous
        // Targeted count.
        const double exact_a = ex.spread(seeds, audience_mask);
        const auto est_a = monte_carlo_spread(
            g, seeds,
            {.simulations = 20000, .model = model, .seed = gseed, .confidence = 0.9999, .audience = {1, 2, 4, 6}});
        CHECK(est_a.ci_low <= exact_a);
        CHECK(est_a.ci_high >= exact_a);
      }
    }
  }
}

TEST_CASE("monte carlo confidence intervals have about the nominal coverage", "[spread][oracle]") {
  const test::ExactSpread ex(6, test::random_tiny_arcs(6, 11, 9, false), Model::kIndependentCascade);
  const auto g = ex.graph();
  const double exact = ex.spread({0, 4});
  int hits = 0;
  const int reps = 200;
  for (int r = 0; r < reps; ++r) {
    const auto e = monte_carlo_spread(g, {0, 4}, {.simulations = 1000, .seed = 1000 + static_cast<std::uint64_t>(r)});
    hits += e.ci_low <= exact && exact <= e.ci_high;
  }
  // Binomial(200, 0.95): mean 190, sd 3.1.
  CHECK(hits >= 180);
  CHECK(hits <= 199);
  // A 50% interval covers about half the time: the interval width follows the confidence.
  int hits50 = 0;
  for (int r = 0; r < reps; ++r) {
    const auto e = monte_carlo_spread(
        g, {0, 4}, {.simulations = 1000, .seed = 5000 + static_cast<std::uint64_t>(r), .confidence = 0.5});
    hits50 += e.ci_low <= exact && exact <= e.ci_high;
  }
  CHECK(hits50 >= 76);
  CHECK(hits50 <= 124);
}

TEST_CASE("spread curve: prefixes from the same worlds, last equals monte_carlo_spread", "[spread]") {
  const auto f = test::skewed_random_graph(10, 8, 4);
  const auto g = make_diffusion_graph(f, {});
  const std::vector<VertexId> seeds{5, 17, 5, 300, 2, 999};
  const SpreadOptions o{.simulations = 3000, .seed = 3};
  const auto curve = spread_curve(g, seeds, o);
  REQUIRE(curve.size() == seeds.size());
  for (std::size_t i = 1; i < curve.size(); ++i) CHECK(curve[i].mean >= curve[i - 1].mean);
  CHECK(curve[2].mean == curve[1].mean);  // a repeated seed adds nothing in any world
  const auto total = monte_carlo_spread(g, seeds, o);
  CHECK(total.mean == curve.back().mean);
  CHECK(total.stddev == curve.back().stddev);
  // Prefix i equals a separate run on the prefix (same worlds).
  const auto p3 = monte_carlo_spread(g, {5, 17, 5, 300}, o);
  CHECK(p3.mean == curve[3].mean);
  CHECK(spread_curve(g, {}, o).empty());
  CHECK(monte_carlo_spread(g, {}, o).mean == 0.0);
}

TEST_CASE("monte carlo: bad arguments", "[spread]") {
  const auto g = make_diffusion_graph(test::directed(3, {{0, 1}}), {});
  CHECK_THROWS_WITH(monte_carlo_spread(g, {3}), Catch::Contains("seed 3 is out of range"));
  CHECK_THROWS_AS(monte_carlo_spread(g, {0}, {.simulations = 0}), InvalidArgument);
  CHECK_THROWS_AS(monte_carlo_spread(g, {0}, {.confidence = 1.0}), InvalidArgument);
  CHECK_THROWS_AS(monte_carlo_spread(g, {0}, {.audience = {7}}), InvalidArgument);
  const auto c = make_diffusion_graph(test::directed(3, {{0, 1}, {0, 2}}), parse_probabilities("constant:0.9"));
  CHECK_THROWS_AS(monte_carlo_spread(c, {1}, {.model = Model::kLinearThreshold}), InvalidArgument);
}

TEST_CASE("monte carlo: identical for 1 and 2 threads", "[spread][threads]") {
  const auto f = test::skewed_random_graph(12, 8, 6);
  const auto g = make_diffusion_graph(f, {});
  const std::vector<VertexId> seeds{1, 2, 3, 50, 600};
  for (Model m : {Model::kIndependentCascade, Model::kLinearThreshold}) {
    const SpreadOptions o{.simulations = 2000, .model = m};
    const auto a = test::with_threads(1, [&] { return spread_curve(g, seeds, o); });
    const auto b = test::with_threads(2, [&] { return spread_curve(g, seeds, o); });
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].mean == b[i].mean);
      CHECK(a[i].stddev == b[i].stddev);
      CHECK(a[i].ci_low == b[i].ci_low);
    }
  }
}
