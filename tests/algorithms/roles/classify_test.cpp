// Marketing labels, percentile and community ranks: hand-computed cases for every rule, band and
// fallback in classify.hpp; thread invariance.
#include <catch2/catch.hpp>

#include <cmath>

#include "algorithms/roles/classify.hpp"
#include "engine/error.hpp"
#include "engine/random.hpp"
#include "tests/support/thread_sweep.hpp"

using namespace peerscout;
using namespace peerscout::roles;

namespace {

std::vector<VertexId> with_label(const LabelResult& r, Label l) {
  std::vector<VertexId> out;
  for (VertexId v = 0; v < r.labels.size(); ++v)
    if (has_label(r.labels[v], l)) out.push_back(v);
  return out;
}

// Ten people; follower percentiles are v / 9 (all counts distinct).
struct Case {
  std::vector<std::int64_t> followers = {0, 1, 2, 3, 4, 5, 6, 7, 8, 100};
  std::vector<double> z = {3, 0, 0, 0, 3, 3, 0, 2.4, 3, 3};
  std::vector<double> p = {0, 0.5, 0.5, 0.1, 0.3, 0, 0.6, 0, 0, 0};
  std::vector<std::uint32_t> reached = {1, 3, 2, 3, 3, 1, 4, 1, 1, 1};
  std::vector<double> betweenness = {0, 5, 0, 0, 1, 0, 9, 0, 0, 0};
  std::vector<double> constraint = {1, 0.2, 1, 1, 0.9, 1, 0.5, 1, 1, 1};
  std::vector<double> ppr = {0.3, 0.2, 0.1, 0.05, 0, 0, 0, 0, 0, 0.15};
  std::vector<VertexId> customers = {0, 1};
  std::vector<double> pagerank = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.15};
  LabelInputs inputs() const {
    return {.num_vertices = 10, .z = z, .participation = p, .communities_reached = reached, .followers = followers,
            .pagerank = pagerank, .betweenness = betweenness, .constraint = constraint, .customer_ppr = ppr,
            .customers = customers};
  }
};

}  // namespace

TEST_CASE("percentile_rank and community_rank, hand-computed", "[roles]") {
  CHECK(percentile_rank(std::vector<double>{3, 1, 2, 2}) == std::vector<double>{1.0, 0.0, 1.0 / 3, 1.0 / 3});
  CHECK(percentile_rank(std::vector<std::int64_t>{5, 5}) == std::vector<double>{0.0, 0.0});
  CHECK(percentile_rank(std::vector<double>{7}) == std::vector<double>{1.0});
  CHECK(percentile_rank(std::vector<double>{}).empty());
  CHECK(percentile_rank(std::vector<double>{std::nan(""), 1, 2}) == std::vector<double>{0.0, 0.5, 1.0});
  CHECK(community_rank(std::vector<double>{5, 3, 5, 1, 9}, std::vector<std::uint32_t>{0, 0, 0, 1, 1}) ==
        std::vector<std::uint64_t>{1, 3, 1, 2, 1});
  CHECK_THROWS_AS(community_rank(std::vector<double>{1}, std::vector<std::uint32_t>{0, 0}), InvalidArgument);
}

TEST_CASE("labels: every rule on a hand-computed population", "[roles]") {
  const Case c;
  const auto r = label_people(c.inputs());
  CHECK(r.available == 15);
  // micro: z >= 2.5 and followers in the percentile band [0.5, 0.999) = counts 5..8.
  CHECK(r.micro_band_min == 5);
  CHECK(r.micro_band_max == 8);
  CHECK(with_label(r, Label::kMicroInfluencer) == std::vector<VertexId>{5, 8});
  // broker: reached >= 3, P >= 0.3 and (betweenness or -constraint percentile >= 0.5):
  // 1 (P .5, btw 5), 4 (P .3, btw 1: percentile 7/9), 6 (P .6); 3 has P .1, 2 reaches 2.
  CHECK(with_label(r, Label::kBroker) == std::vector<VertexId>{1, 4, 6});
  // broker score = mean of the three percentiles; person 6: P 1, btw 1, -constraint 8/9.
  CHECK(r.broker_score[6] == Approx((1.0 + 1.0 + 8.0 / 9.0) / 3.0));
  // person 1: P 7/9 (ties with 2), btw 8/9, -constraint 1 -> 8/9 (mean)
  CHECK(r.broker_score[1] == Approx((7.0 / 9.0 + 8.0 / 9.0 + 1.0) / 3.0));
  CHECK(ranked_by_label(r, Label::kBroker) == std::vector<VertexId>{6, 1, 4});
  // celebrity: follower percentile >= 0.999: only 9.
  CHECK(with_label(r, Label::kCelebrity) == std::vector<VertexId>{9});
  // trusted peer: non-customers 2..9, percentile among them >= 0.99: 9 (0.15 beats 2's 0.1).
  CHECK(with_label(r, Label::kTrustedPeer) == std::vector<VertexId>{9});
  CHECK(r.labels[9] == (label_bit(Label::kCelebrity) | label_bit(Label::kTrustedPeer)));
  CHECK(r.count[0] == 2);
  CHECK(r.count[1] == 3);
  CHECK(r.count[2] == 1);
  CHECK(r.count[3] == 1);
  CHECK(ranked_by_label(r, Label::kMicroInfluencer) == std::vector<VertexId>{5, 8});  // equal z: by id

  // Absolute follower band [0, 4]: 0 and 4 (z 3), not 7 (z 2.4).
  auto abs = label_people(c.inputs(), {.micro_followers_min = 0, .micro_followers_max = 4});
  CHECK(with_label(abs, Label::kMicroInfluencer) == std::vector<VertexId>{0, 4});
  CHECK(abs.micro_band_min == 0);
  CHECK(abs.micro_band_max == 4);
  // Lower z threshold brings in 7.
  auto low = label_people(c.inputs(), {.micro_min_z = 2.0, .micro_followers_min = 0, .micro_followers_max = 7});
  CHECK(with_label(low, Label::kMicroInfluencer) == std::vector<VertexId>{0, 4, 5, 7});
  // Percentile band [0.3, 0.6): counts 3..5.
  auto band = label_people(c.inputs(), {.micro_followers_percentile_min = 0.3, .micro_followers_percentile_max = 0.6});
  CHECK(band.micro_band_min == 3);
  CHECK(band.micro_band_max == 5);
  CHECK(with_label(band, Label::kMicroInfluencer) == std::vector<VertexId>{4, 5});

  // Broker thresholds: 4 structural percentile rule off and on.
  CHECK(with_label(label_people(c.inputs(), {.broker_structural_percentile = 0.9}), Label::kBroker) ==
        std::vector<VertexId>{1, 6});  // 4: btw 7/9, -constraint 7/9 < 0.9
  CHECK(with_label(label_people(c.inputs(), {.broker_min_communities = 4}), Label::kBroker) ==
        std::vector<VertexId>{6});
  CHECK(with_label(label_people(c.inputs(), {.broker_min_participation = 0.55}), Label::kBroker) ==
        std::vector<VertexId>{6});
  // Celebrity: absolute floor and a lower percentile.
  CHECK(with_label(label_people(c.inputs(), {.celebrity_min_followers = 200}), Label::kCelebrity).empty());
  CHECK(with_label(label_people(c.inputs(), {.celebrity_percentile = 0.85}), Label::kCelebrity) ==
        std::vector<VertexId>{8, 9});
  // Trusted peers: percentile 0.8 among non-customers adds 2; 0 adds everybody with a positive value.
  CHECK(with_label(label_people(c.inputs(), {.trusted_peer_percentile = 0.8}), Label::kTrustedPeer) ==
        std::vector<VertexId>{2, 9});
  CHECK(with_label(label_people(c.inputs(), {.trusted_peer_percentile = 0.0}), Label::kTrustedPeer) ==
        std::vector<VertexId>{2, 3, 9});
}

TEST_CASE("labels: missing measures", "[roles]") {
  Case c;
  auto in = c.inputs();
  in.followers = {};
  in.betweenness = {};
  in.constraint = {};
  in.z = {};
  in.customer_ppr = {};
  const auto r = label_people(in, {.celebrity_percentile = 0.99});
  CHECK(r.available == (label_bit(Label::kBroker) | label_bit(Label::kCelebrity)));
  CHECK(r.micro_score.empty());
  CHECK(r.trusted_peer_score.empty());
  CHECK(r.follower_percentile.empty());
  CHECK(r.micro_band_min == -1);
  CHECK(ranked_by_label(r, Label::kMicroInfluencer).empty());
  // Celebrity falls back to PageRank (9 has the top value); brokers without the structural rule.
  CHECK(with_label(r, Label::kCelebrity) == std::vector<VertexId>{9});
  CHECK(r.celebrity_score == c.pagerank);
  CHECK(with_label(r, Label::kBroker) == std::vector<VertexId>{1, 4, 6});
  CHECK(r.broker_score[6] == Approx(1.0));  // P percentile only

  // Without followers micro-influencers need only z.
  in.z = c.z;
  CHECK(with_label(label_people(in), Label::kMicroInfluencer) == std::vector<VertexId>{0, 4, 5, 8, 9});
}

TEST_CASE("labels: bad input and names", "[roles]") {
  Case c;
  auto in = c.inputs();
  std::vector<double> short_z = {1, 2};
  in.z = short_z;
  CHECK_THROWS_WITH(label_people(in), Catch::Contains("z has 2 entries"));
  in = c.inputs();
  std::vector<VertexId> bad = {10};
  in.customers = bad;
  CHECK_THROWS_AS(label_people(in), InvalidArgument);
  CHECK_THROWS_AS(label_people(c.inputs(), {.micro_followers_percentile_min = 0.9, .micro_followers_percentile_max = 0.5}),
                  InvalidArgument);
  CHECK_THROWS_AS(label_people(c.inputs(), {.micro_followers_min = 10, .micro_followers_max = 5}), InvalidArgument);
  CHECK_THROWS_AS(label_people(c.inputs(), {.broker_min_communities = 1}), InvalidArgument);
  CHECK_THROWS_AS(label_people(c.inputs(), {.celebrity_percentile = 1.5}), InvalidArgument);
  CHECK_THROWS_WITH(label_people(c.inputs(), {.broker_structural_percentile = -0.1}),
                    Catch::Contains("broker_structural_percentile"));
  CHECK(parse_label("networker") == Label::kBroker);
  CHECK(parse_label("Micro-Influencer") == Label::kMicroInfluencer);
  CHECK(parse_label("trusted peer of customers") == Label::kTrustedPeer);
  CHECK(parse_label("trusted_peer") == Label::kTrustedPeer);
  CHECK_THROWS_WITH(parse_label("star"), Catch::Contains("micro_influencer"));
  for (Label l : kAllLabels) CHECK(parse_label(label_key(l)) == l);
  CHECK(labels_text(0) == "");
  CHECK(labels_text(label_bit(Label::kBroker) | label_bit(Label::kMicroInfluencer)) == "micro_influencer;broker");
  CHECK(labels_text(15, ", ", false) == "micro-influencer, broker, celebrity, trusted peer of customers");
}

TEST_CASE("labels are identical for 1 and 2 threads", "[roles][threads]") {
  const VertexId n = 20000;
  std::vector<double> z(n), p(n), btw(n), con(n), ppr(n), pr(n);
  std::vector<std::int64_t> followers(n);
  std::vector<std::uint32_t> reached(n);
  for (VertexId v = 0; v < n; ++v) {
    auto rng = Rng::for_item(5, Stream::kTieBreak, v);
    z[v] = rng.uniform01() * 4 - 1;
    p[v] = rng.uniform01() * 0.8;
    btw[v] = static_cast<double>(rng.below(100));
    con[v] = rng.uniform01();
    ppr[v] = rng.uniform01() * 1e-4;
    pr[v] = rng.uniform01();
    followers[v] = static_cast<std::int64_t>(rng.below(1000));
    reached[v] = static_cast<std::uint32_t>(rng.below(5));
  }
  const std::vector<VertexId> customers = {1, 5, 9, 100};
  const LabelInputs in{.num_vertices = n, .z = z, .participation = p, .communities_reached = reached,
                       .followers = followers, .pagerank = pr, .betweenness = btw, .constraint = con,
                       .customer_ppr = ppr, .customers = customers};
  auto run = [&] {
    const auto r = label_people(in);
    return std::tuple(r.labels, r.broker_score, r.follower_percentile, ranked_by_label(r, Label::kBroker),
                      community_rank(z, reached));
  };
  const auto one = test::with_threads(1, run);
  const auto two = test::with_threads(2, run);
  CHECK(one == two);
  CHECK(std::get<3>(one).size() > 100);
}
