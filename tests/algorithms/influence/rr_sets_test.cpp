#include <catch2/catch.hpp>

#include <cmath>

#include "algorithms/influence/max_coverage.hpp"
#include "algorithms/influence/rr_sets.hpp"
#include "engine/error.hpp"
#include "tests/algorithms/influence/exact_spread.hpp"
#include "tests/algorithms/influence/tiny_graphs.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using namespace peerscout::influence;

namespace {

// Fraction of RR sets containing each vertex.
std::vector<double> hit_rate(const RRSets& rr, VertexId n) {
  std::vector<double> h(n, 0.0);
  for (std::uint64_t i = 0; i < rr.size(); ++i)
    for (VertexId v : rr[i]) h[v] += 1.0;
  for (auto& x : h) x /= static_cast<double>(rr.size());
  return h;
}

// |estimate - truth| within 4.5 binomial standard errors (plus rounding slack).
bool close(double rate, double truth_rate, std::uint64_t sets) {
  const double se = std::sqrt(std::max(truth_rate * (1 - truth_rate), 1e-12) / static_cast<double>(sets));
  return std::abs(rate - truth_rate) <= 4.5 * se + 1e-9;
}

}  // namespace

TEST_CASE("RR sets: n * Pr[v in RR] equals the exact spread of {v}", "[influence][oracle]") {
  const std::uint64_t sets = 200000;
  for (Model model : {Model::kIndependentCascade, Model::kLinearThreshold}) {
    for (std::uint64_t gseed = 11; gseed <= 13; ++gseed) {
      const bool lt = model == Model::kLinearThreshold;
      const test::ExactSpread ex(7, test::random_tiny_arcs(7, 14, gseed, lt), model);
      const auto g = ex.graph();
      RRSets rr;
      RRSampler(g, model, 1).append(rr, 0, sets);
      REQUIRE(rr.size() == sets);
      const auto h = hit_rate(rr, 7);
      for (VertexId v = 0; v < 7; ++v) {
        INFO(model_name(model) << " graph " << gseed << " vertex " << v);
        CHECK(close(h[v], ex.spread({v}) / 7.0, sets));
      }
      // Targeted: roots from the audience {0, 2, 5} estimate the spread inside it.
      RRSets ra;
      RRSampler(g, model, 2, {5, 0, 2, 2}).append(ra, 0, sets);
      const auto ha = hit_rate(ra, 7);
      for (VertexId v = 0; v < 7; ++v) {
        INFO("targeted " << model_name(model) << " graph " << gseed << " vertex " << v);
        CHECK(close(ha[v], ex.spread({v}, 0b100101) / 3.0, sets));
      }
      // Pairs: Pr[RR meets {u, v}] = spread({u, v}) / n.
      std::uint64_t hit = 0;
      for (std::uint64_t i = 0; i < rr.size(); ++i) {
        bool any = false;
        for (VertexId x : rr[i]) any = any || x == 1 || x == 4;
        hit += any;
      }
      CHECK(close(static_cast<double>(hit) / sets, ex.spread({1, 4}) / 7.0, sets));
    }
  }
}

TEST_CASE("RR sets: geometric skipping on a wide receiver (uniform probabilities)", "[influence][oracle]") {
  // Receiver 0 follows 1..40. With constant p every sender reaches 0 with probability p;
  // with weighted cascade p = 1/40. Pr[v in RR] = (1 + p [root 0]) / n for a sender v.
  EdgeList el;
  for (VertexId v = 1; v <= 40; ++v) el.add(0, v);
  const auto f = build_csr(std::move(el), 41).graph;
  for (const char* kind : {"constant:0.3", "wc", "constant:0.02"}) {
    const auto g = make_diffusion_graph(f, parse_probabilities(kind));
    const double p = g.sender_probabilities(0)[0];
    RRSets rr;
    const std::uint64_t sets = 400000;
    RRSampler(g, Model::kIndependentCascade, 3).append(rr, 0, sets);
    const auto h = hit_rate(rr, 41);
    INFO(kind);
    CHECK(close(h[0], 1.0 / 41.0, sets));
    double total_senders = 0;
    for (VertexId v = 1; v <= 40; ++v) {
      CHECK(close(h[v], (1.0 + p) / 41.0, sets));
      total_senders += h[v];
    }
    // Summed over the 40 senders the estimate is much sharper.
    CHECK(total_senders == Approx(40.0 * (1.0 + p) / 41.0).epsilon(0.01));
    // LT: the root 0 picks exactly one sender with probability min(1, 40 p).
    RRSets lt;
    if (40.0 * p <= 1.0 + 1e-6) {
      RRSampler(g, Model::kLinearThreshold, 3).append(lt, 0, sets);
      const auto hl = hit_rate(lt, 41);
      for (VertexId v = 1; v <= 40; ++v) CHECK(close(hl[v], (1.0 + p) / 41.0, sets));
    }
  }
}

TEST_CASE("RR sets: keyed by index, flat, candidates only", "[influence]") {
  const auto f = test::skewed_random_graph(11, 8, 5);
  const auto g = make_diffusion_graph(f, {});
  const RRSampler s(g, Model::kIndependentCascade, 9);
  RRSets all, parts;
  s.append(all, 0, 3000);
  s.append(parts, 0, 1000);
  s.append(parts, 1000, 2000);
  CHECK(all.offsets == parts.offsets);
  CHECK(all.members == parts.members);
  CHECK(all.memory_bytes() >= all.members.size() * 4 + all.size() * 8);
  // A different index range gives different sets.
  RRSets other;
  s.append(other, kValidationIndex, 3000);
  CHECK(other.members != all.members);
  // Excluded vertices are traversed but not stored: the other members are unchanged.
  std::vector<std::uint8_t> keep(g.num_vertices(), 1);
  for (VertexId v = 0; v < g.num_vertices(); v += 3) keep[v] = 0;
  RRSets kept;
  RRSampler(g, Model::kIndependentCascade, 9, {}, keep).append(kept, 0, 3000);
  for (std::uint64_t i = 0; i < all.size(); ++i) {
    std::vector<VertexId> expect;
    for (VertexId v : all[i])
      if (keep[v]) expect.push_back(v);
    const auto got = kept[i];
    REQUIRE(std::vector<VertexId>(got.begin(), got.end()) == expect);
  }
  CHECK_THROWS_AS(RRSampler(g, Model::kIndependentCascade, 1, {g.num_vertices()}), InvalidArgument);
  CHECK_THROWS_AS(RRSampler(g, Model::kIndependentCascade, 1, {}, std::vector<std::uint8_t>(3, 1)), InvalidArgument);
}

TEST_CASE("RR sets: identical for 1 and 2 threads", "[influence][threads]") {
  const auto f = test::skewed_random_graph(12, 8, 7);
  const auto g = make_diffusion_graph(f, parse_probabilities("trivalency"));
  for (Model m : {Model::kIndependentCascade, Model::kLinearThreshold}) {
    const auto gen = [&] {
      RRSets rr;
      RRSampler(m == Model::kLinearThreshold ? make_diffusion_graph(f, {}) : g, m, 4).append(rr, 0, 20000);
      return rr;
    };
    const auto a = test::with_threads(1, gen);
    const auto b = test::with_threads(2, gen);
    CHECK(a.offsets == b.offsets);
    CHECK(a.members == b.members);
  }
}

TEST_CASE("max coverage: greedy by hand, ties to the smaller id, padding, upper bound", "[influence]") {
  // Sets: {0,1}, {1,2}, {2,3}, {3}, {4}: vertex counts 0:1 1:2 2:2 3:2 4:1.
  RRSets rr;
  rr.members = {0, 1, 1, 2, 2, 3, 3, 4};
  rr.offsets = {0, 2, 4, 6, 7, 8};
  CoverageOptions o;
  o.k = 2;
  o.upper_bound = true;
  auto r = max_coverage(rr, 6, o);
  // Step 1: 1, 2, 3 tie at 2 -> 1 (covers {0,1},{1,2}). Step 2: 3 covers {2,3},{3} -> 3.
  CHECK(r.seeds == std::vector<VertexId>{1, 3});
  CHECK(r.gains == std::vector<std::uint64_t>{2, 2});
  CHECK(r.covered == 4);
  // Upper bound: min over prefixes of cov + top-2 marginal: step 0: 2+2 = 4; end: 4 + 1 = 5.
  CHECK(r.upper_bound == 4.0);
  CHECK(prefix_gains(rr, r.seeds, 6) == std::vector<std::uint64_t>{2, 2});
  // Exclusion of 1: the greedy takes 2 (then 0 or 3 or 4... 3 covers {3}: gain 1, 0 covers {0,1}: gain 1 -> 0).
  o.eligible.assign(6, 1);
  o.eligible[1] = 0;
  r = max_coverage(rr, 6, o);
  CHECK(r.seeds == std::vector<VertexId>{2, 0});
  // Padding: k = 6 with 5 eligible vertices -> every eligible vertex; 5 has gain 0.
  o.k = 6;
  o.upper_bound = false;
  r = max_coverage(rr, 6, o);
  CHECK(r.seeds.size() == 5);
  CHECK(r.gains.back() == 0);
  CHECK(r.covered == 5);
  // Budget: costs make 4 (cost 0.5) the best ratio; budget 1.5.
  CoverageOptions b;
  b.cost = {1, 1, 1, 1, 0.5, 1};
  b.budget = 1.5;
  r = max_coverage(rr, 6, b);
  double spent = 0;
  for (VertexId v : r.seeds) spent += b.cost[v];
  CHECK(spent <= 1.5);
  // unit-cost: 1 (gain 2), then 4 (0.5, gain 1) = 3; cost-benefit: 4 (ratio 2), then 1 (ratio 2) = 3: tie -> CB.
  CHECK(r.covered == 3);
  CHECK(r.rule == "cost-benefit");
  CHECK(r.seeds == std::vector<VertexId>{1, 4});  // ratio tie 2 == 2 between 1 and 4 -> id 1 first
}

TEST_CASE("log_num_seed_sets", "[influence]") {
  CHECK(log_num_seed_sets(10, 3) == Approx(std::log(120.0)));
  CHECK(log_num_seed_sets(5, 5) == 0.0);
  CHECK(log_num_budget_sets(10, 2) == Approx(std::log(1.0 + 10.0 + 45.0)));
}
