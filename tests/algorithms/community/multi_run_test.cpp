// run_several: best run re-derived by hand, stability, thread invariance.
#include <catch2/catch.hpp>

#include <atomic>

#include "algorithms/community/compare.hpp"
#include "algorithms/community/multi_run.hpp"
#include "datasets/embedded/karate.hpp"
#include "datasets/embedded/small_graphs.hpp"
#include "engine/error.hpp"
#include "engine/random.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using namespace peerscout::community;

TEST_CASE("run_several: best of 10 Leiden runs on karate", "[community][leiden]") {
  const auto g = datasets::karate();
  const auto r = run_several(g, Method::kLeiden, {}, 10, 42);
  REQUIRE(r.qualities.size() == 10);
  CHECK(r.best_quality == Approx(datasets::kKarateMaxModularity).margin(5e-8));
  CHECK(r.best.count == 4);
  // The best run is reproducible from its documented seed.
  const std::uint64_t s = mix64(42 ^ mix64(r.best_run + 1));
  const auto again = leiden(g, {.seed = s});
  CHECK(again.partition.membership == r.best.membership);
  CHECK(again.quality == r.best_quality);
  CHECK(r.best_levels.back().membership == r.best.membership);
  // Stability: the mean of the pairwise comparisons, recomputed here.
  std::vector<Partition> parts;
  for (int k = 0; k < 10; ++k) parts.push_back(leiden(g, {.seed = mix64(42 ^ mix64(static_cast<std::uint64_t>(k) + 1))}).partition);
  double nmi = 0;
  int pairs = 0;
  for (int a = 0; a < 10; ++a)
    for (int b = a + 1; b < 10; ++b, ++pairs) nmi += compare(parts[static_cast<std::size_t>(a)].membership, parts[static_cast<std::size_t>(b)].membership).nmi;
  CHECK(r.stability_nmi == Approx(nmi / pairs).epsilon(1e-12));
  CHECK(r.stability_nmi > 0.5);
  CHECK(r.stability_nmi <= 1.0);
  // A graph with one obvious answer is perfectly stable, for every method.
  const auto two = datasets::to_graph(datasets::two_cliques_bridge(6), {.directed = false});
  for (auto m : {Method::kLeiden, Method::kLouvain, Method::kLabelPropagation}) {
    const auto t = run_several(two, m, {}, 4, 1);
    CHECK(t.stability_nmi == Approx(1.0));
    CHECK(t.stability_ari == Approx(1.0));
    CHECK(t.best.count == 2);
  }
  CHECK_THROWS_AS(run_several(g, Method::kLeiden, {}, 0, 1), InvalidArgument);
}

TEST_CASE("run_several is identical for 1 and 2 threads", "[community][threads]") {
  const auto g = test::skewed_random_graph(13, 4, 12, {.directed = false});
  MethodOptions o;
  o.leiden.max_iterations = 2;
  for (auto m : {Method::kLeiden, Method::kLouvain, Method::kLabelPropagation}) {
    const auto a = test::with_threads(1, [&] { return run_several(g, m, o, 3, 5); });
    const auto b = test::with_threads(2, [&] { return run_several(g, m, o, 3, 5); });
    CHECK(a.best.membership == b.best.membership);
    CHECK(a.qualities == b.qualities);
    CHECK(a.stability_nmi == b.stability_nmi);
    CHECK(a.stability_ari == b.stability_ari);
  }
}

TEST_CASE("community methods honour cancellation", "[community]") {
  const auto g = datasets::karate();
  std::atomic<bool> flag{true};
  RunContext ctx;
  ctx.set_cancel_flag(&flag);
  CHECK_THROWS_AS(leiden(g, {}, ctx), Cancelled);
  CHECK_THROWS_AS(louvain(g, {}, ctx), Cancelled);
  CHECK_THROWS_AS(label_propagation(g, {}, ctx), Cancelled);
  CHECK_THROWS_AS(run_several(g, Method::kLeiden, {}, 2, 1, ctx), Cancelled);
}
