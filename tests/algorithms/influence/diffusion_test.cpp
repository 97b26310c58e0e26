#include <catch2/catch.hpp>

#include <cmath>

#include "algorithms/influence/diffusion.hpp"
#include "algorithms/influence/spread.hpp"
#include "engine/error.hpp"
#include "engine/random.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using namespace peerscout::influence;

namespace {

std::vector<VertexId> vec(std::span<const VertexId> s) { return {s.begin(), s.end()}; }
std::vector<float> vec(std::span<const float> s) { return {s.begin(), s.end()}; }

}  // namespace

TEST_CASE("parse_probabilities: accepted forms and clear errors", "[influence]") {
  CHECK(parse_probabilities("wc").kind == Probabilities::Kind::kWeightedCascade);
  CHECK(parse_probabilities("trivalency").kind == Probabilities::Kind::kTrivalency);
  CHECK(parse_probabilities("interactions").kind == Probabilities::Kind::kInteractions);
  const auto c = parse_probabilities("constant:0.05");
  CHECK(c.kind == Probabilities::Kind::kConstant);
  CHECK(c.constant == 0.05);
  CHECK(parse_probabilities("constant:1").constant == 1.0);
  CHECK(probabilities_name(c) == "constant:0.05");
  CHECK(probabilities_name(parse_probabilities("wc")) == "wc");
  for (const char* bad : {"", "WC", "constant", "constant:", "constant:1.5", "constant:-0.1", "constant:0.1x",
                          "constant:nan", "uniform"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_probabilities(bad), InvalidArgument);
  }
  CHECK_THROWS_WITH(parse_probabilities("weird"),
                    Catch::Contains("expected 'wc'") && Catch::Contains("'constant:P'") && Catch::Contains("weird"));
  CHECK(parse_model("ic") == Model::kIndependentCascade);
  CHECK(parse_model("lt") == Model::kLinearThreshold);
  CHECK_THROWS_AS(parse_model("sir"), InvalidArgument);
}

TEST_CASE("diffusion graph: arcs run against the follow direction, weighted cascade by hand", "[influence]") {
  // Follows: 0 follows 1 and 2, 1 follows 2, 3 follows 2, 3 follows 3 (loop, dropped).
  const auto f = test::directed(4, {{0, 1}, {0, 2}, {1, 2}, {3, 2}, {3, 3}}, {.self_loops = SelfLoops::kKeep});
  const auto g = make_diffusion_graph(f, {});
  REQUIRE(g.num_vertices() == 4);
  CHECK(g.num_arcs() == 4);
  // Receiver 0 follows 1 and 2: senders {1, 2}, each with p = 1/2 (0 follows two accounts).
  CHECK(vec(g.senders(0)) == std::vector<VertexId>{1, 2});
  CHECK(vec(g.sender_probabilities(0)) == std::vector<float>{0.5F, 0.5F});
  CHECK(vec(g.senders(3)) == std::vector<VertexId>{2});  // the loop is gone: 3 follows one account
  CHECK(vec(g.sender_probabilities(3)) == std::vector<float>{1.0F});
  // Sender 2 (followed by 0, 1, 3) reaches its followers.
  CHECK(vec(g.receivers(2)) == std::vector<VertexId>{0, 1, 3});
  CHECK(vec(g.receiver_probabilities(2)) == std::vector<float>{0.5F, 1.0F, 1.0F});
  CHECK(g.receivers(0).empty());
  for (VertexId u = 0; u < 4; ++u)
    if (g.in_degree(u) > 0) CHECK(g.in_probability_sum(u) == Approx(1.0));
  CHECK(g.uniform_in_probability(0) == 0.5F);
  CHECK(g.lt_violation() == kNoVertex);
  CHECK(g.memory_bytes() >= 16 * g.num_arcs());
  // Without in-adjacency the forward arrays come from a transposition: same graph.
  const auto f2 = test::directed(4, {{0, 1}, {0, 2}, {1, 2}, {3, 2}}, {.build_in_edges = false});
  const auto g2 = make_diffusion_graph(f2, {});
  for (VertexId v = 0; v < 4; ++v) {
    CHECK(vec(g2.receivers(v)) == vec(g.receivers(v)));
    CHECK(vec(g2.receiver_probabilities(v)) == vec(g.receiver_probabilities(v)));
  }
}

TEST_CASE("diffusion graph: constant, trivalency and interaction probabilities", "[influence]") {
  const auto f = test::directed(4, {{0, 1}, {0, 2}, {1, 2}, {3, 2}, {2, 0}});
  SECTION("constant") {
    const auto g = make_diffusion_graph(f, parse_probabilities("constant:0.25"));
    for (VertexId u = 0; u < 4; ++u)
      for (float p : g.sender_probabilities(u)) CHECK(p == 0.25F);
    CHECK(g.mean_probability() == Approx(0.25));
    // LT is fine while every in-degree is <= 4 ...
    CHECK(g.lt_violation() == kNoVertex);
    const auto big = make_diffusion_graph(f, parse_probabilities("constant:0.75"));
    // ... and breaks at receiver 0 (follows two accounts: 1.5 > 1).
    CHECK(big.lt_violation() == 0);
    CHECK_THROWS_WITH(check_model(big, Model::kLinearThreshold), Catch::Contains("vertex 0 sums to 1.5"));
    CHECK_NOTHROW(check_model(big, Model::kIndependentCascade));
  }
  SECTION("trivalency: deterministic per arc and seed, uniform over the three values") {
    const auto g = make_diffusion_graph(f, parse_probabilities("trivalency"), nullptr, 5);
    for (VertexId u = 0; u < 4; ++u) {
      const auto s = g.senders(u);
      const auto p = g.sender_probabilities(u);
      for (std::size_t j = 0; j < s.size(); ++j) {
        const std::uint64_t key = (static_cast<std::uint64_t>(s[j]) << 32) | u;
        const float expected[3] = {0.1F, 0.01F, 0.001F};
        CHECK(p[j] == expected[hash_item(5, Stream::kGenerator, key) % 3]);
      }
    }
    // Over many arcs the three values are equally frequent.
    const auto big = test::skewed_random_graph(12, 8, 3);
    const auto gb = make_diffusion_graph(big, parse_probabilities("trivalency"));
    std::array<double, 3> freq{};
    for (VertexId u = 0; u < gb.num_vertices(); ++u)
      for (float p : gb.sender_probabilities(u)) ++freq[p == 0.1F ? 0 : p == 0.01F ? 1 : 2];
    const double m = static_cast<double>(gb.num_arcs());
    for (double x : freq) CHECK(x / m == Approx(1.0 / 3.0).margin(4.0 * std::sqrt(2.0 / 9.0 / m)));
    // The same arcs get the same values in the forward direction.
    for (VertexId v = 0; v < gb.num_vertices(); v += 97)
      for (std::size_t j = 0; j < gb.receivers(v).size(); ++j) {
        const VertexId u = gb.receivers(v)[j];
        const auto s = gb.senders(u);
        const auto it = std::find(s.begin(), s.end(), v);
        REQUIRE(it != s.end());
        CHECK(gb.sender_probabilities(u)[static_cast<std::size_t>(it - s.begin())] == gb.receiver_probabilities(v)[j]);
      }
  }
  SECTION("interactions: the receiver's interaction share") {
    // Receiver 0 follows 1 and 2; it interacted 3 times with 1, once with 2 and 4 times with 3
    // (whom it does not follow): p(1, 0) = 3/8, p(2, 0) = 1/8. Receiver 1 follows 2, no interactions.
    const auto inter = test::weighted(true, 4, {{0, 1, 3.0F}, {0, 2, 1.0F}, {0, 3, 4.0F}, {3, 2, 2.0F}, {3, 3, 9.0F}},
                                      {.self_loops = SelfLoops::kKeep});
    const auto g = make_diffusion_graph(f, parse_probabilities("interactions"), &inter);
    CHECK(vec(g.sender_probabilities(0)) == std::vector<float>{0.375F, 0.125F});
    CHECK(vec(g.sender_probabilities(1)) == std::vector<float>{0.0F});
    CHECK(vec(g.sender_probabilities(3)) == std::vector<float>{1.0F});  // loop weight ignored: 2/2
    CHECK(g.lt_violation() == kNoVertex);
    CHECK_THROWS_WITH(make_diffusion_graph(f, parse_probabilities("interactions")),
                      Catch::Contains("need an interactions layer"));
    const auto neg = test::weighted(true, 4, {{0, 1, -1.0F}});
    CHECK_THROWS_WITH(make_diffusion_graph(f, parse_probabilities("interactions"), &neg),
                      Catch::Contains("finite and >= 0"));
    const auto small = test::weighted(true, 3, {{0, 1, 1.0F}});
    CHECK_THROWS_WITH(make_diffusion_graph(f, parse_probabilities("interactions"), &small),
                      Catch::Contains("3 vertices"));
  }
}

TEST_CASE("direction: seeding the followed person reaches the followers, never the reverse", "[influence][spread]") {
  // 0 follows 1, 1 follows 2: the message flows 2 -> 1 -> 0.
  const auto f = test::directed(3, {{0, 1}, {1, 2}});
  SECTION("weighted cascade: every follower follows one account, so p = 1") {
    const auto g = make_diffusion_graph(f, {});
    const SpreadOptions o{.simulations = 200};
    for (Model m : {Model::kIndependentCascade, Model::kLinearThreshold}) {
      SpreadOptions om = o;
      om.model = m;
      CHECK(monte_carlo_spread(g, {2}, om).mean == 3.0);
      CHECK(monte_carlo_spread(g, {1}, om).mean == 2.0);
      CHECK(monte_carlo_spread(g, {0}, om).mean == 1.0);
      CHECK(monte_carlo_spread(g, {0}, om).stddev == 0.0);
    }
  }
  SECTION("constant 0.5: exact expected spreads 1.75, 1.5, 1") {
    const auto g = make_diffusion_graph(f, parse_probabilities("constant:0.5"));
    const auto s2 = monte_carlo_spread(g, {2}, {.simulations = 40000});
    CHECK(s2.ci_low <= 1.75);
    CHECK(s2.ci_high >= 1.75);
    CHECK(s2.mean == Approx(1.75).margin(0.02));
    const auto s1 = monte_carlo_spread(g, {1}, {.simulations = 40000});
    CHECK(s1.mean == Approx(1.5).margin(0.02));
    CHECK(monte_carlo_spread(g, {0}, {.simulations = 1000}).mean == 1.0);  // 0 follows, nobody follows 0
  }
}

TEST_CASE("diffusion graph: from_arcs validates and matches make_diffusion_graph", "[influence]") {
  CHECK_THROWS_AS(DiffusionGraph::from_arcs(2, {0}, {2}, {0.5F}), InvalidArgument);
  CHECK_THROWS_AS(DiffusionGraph::from_arcs(2, {0}, {1}, {1.5F}), InvalidArgument);
  CHECK_THROWS_AS(DiffusionGraph::from_arcs(2, {0, 1}, {1}, {0.5F}), InvalidArgument);
  const auto f = test::skewed_random_graph(9, 6, 11);
  const auto g = make_diffusion_graph(f, {});
  std::vector<VertexId> from, to;
  std::vector<float> p;
  for (VertexId u = 0; u < g.num_vertices(); ++u)
    for (std::size_t j = 0; j < g.senders(u).size(); ++j) {
      from.push_back(g.senders(u)[j]);
      to.push_back(u);
      p.push_back(g.sender_probabilities(u)[j]);
    }
  const auto h = DiffusionGraph::from_arcs(g.num_vertices(), from, to, p);
  for (VertexId v = 0; v < g.num_vertices(); ++v) {
    CHECK(vec(h.receivers(v)) == vec(g.receivers(v)));
    CHECK(vec(h.receiver_probabilities(v)) == vec(g.receiver_probabilities(v)));
  }
}

TEST_CASE("diffusion graph: identical for 1 and 2 threads", "[influence][threads]") {
  const auto f = test::skewed_random_graph(13, 8, 2);
  for (const char* kind : {"wc", "trivalency"}) {
    const auto a = test::with_threads(1, [&] { return make_diffusion_graph(f, parse_probabilities(kind)); });
    const auto b = test::with_threads(2, [&] { return make_diffusion_graph(f, parse_probabilities(kind)); });
    bool same = a.num_arcs() == b.num_arcs();
    for (VertexId v = 0; same && v < a.num_vertices(); ++v)
      same = vec(a.senders(v)) == vec(b.senders(v)) && vec(a.sender_probabilities(v)) == vec(b.sender_probabilities(v)) &&
             vec(a.receivers(v)) == vec(b.receivers(v)) &&
             vec(a.receiver_probabilities(v)) == vec(b.receiver_probabilities(v));
    CHECK(same);
  }
}
