#pragma once
/// The demo social network: a synthetic population with follows, friendships and interactions,
/// node attributes, a CRM customer list and planted ground truth (community and role per person).
///
/// It is built so that the project's analyses have something real to find, and not trivially:
/// - niche audiences: planted communities with heavy-tailed (Zipf) sizes, each with a dominant
///   region and topic shared by most members (a "purity" of 70-90% per community);
/// - a follower graph with a heavy-tailed in-degree, a tunable share `mixing` of follows that
///   leave the follower's community, and reciprocity that is higher inside communities;
/// - celebrities: followed by thousands of people from every community, rarely follow back;
/// - micro-influencers: a follower count between the bulk and the celebrities, but concentrated in
///   ONE community, with many reciprocal follows, friendships and heavy interactions there;
/// - brokers: modest degree, ties spread over 3-5 communities;
/// - a friendship layer (mostly inside communities and circles, correlated with reciprocal follows)
///   and an interaction layer (likes, comments, shares with counts; concentrated on followed
///   people, heaviest toward the micro-influencers of one's community);
/// - customers concentrated in a few communities, preferring people with a trusted tie to a local
///   micro-influencer (word of mouth).
/// The generative model, every parameter and the measured properties are in docs/demo_network.md.
///
/// Determinism: every random decision comes from Rng::for_item(seed, Stream::kDemo, item, tag),
/// keyed by the person, role holder or edge it concerns, never by the thread; outputs are built
/// by index or in fixed blocks concatenated in order, and sorted. The network is identical for any
/// thread count.
/// Time O(E log E) for E edges (parallel sorts); about 1.4M follows at the default 50k people.
/// Memory O(n + E). Phases "demo/<step>" are recorded in `ctx`, and cancellation is checked
/// between them.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/edge_list.hpp"
#include "engine/run_context.hpp"

namespace peerscout::datasets {

/// Knobs of the demo generator. The defaults give the network documented in docs/demo_network.md.
struct SocialNetworkOptions {
  VertexId people = 50000;  ///< >= 200
  std::uint64_t seed = 42;

  // Communities (niche audiences) and attributes.
  std::uint32_t communities = 0;           ///< 0: automatic, round(people / 800) clamped to [2, people / 50]
  double community_size_exponent = 0.8;    ///< sizes ~ rank^-x (Zipf) times lognormal(0, 0.25) jitter
  std::uint32_t min_community_size = 40;   ///< every community has at least this many members
  std::uint16_t regions = 8;               ///< in [2, 8] named regions
  std::uint16_t topics = 12;               ///< in [2, 12] named topics
  double purity_min = 0.70;                ///< share of members with the community's region (and, drawn
  double purity_max = 0.90;                ///< separately, topic) is uniform in [purity_min, purity_max]

  // Follower graph.
  double mixing = 0.25;             ///< mu: target share of follows that leave the follower's community
  double follows_median = 14.0;     ///< organic follows per person: lognormal median ...
  double follows_sigma = 0.8;       ///< ... and log standard deviation (capped at 1000 follows)
  double local_popularity_sigma = 0.5;   ///< log-sd of the fitness that attracts follows from one's community
  double global_popularity_sigma = 1.6;  ///< log-sd of the fitness that attracts follows from elsewhere
  std::uint32_t circle_size = 12;   ///< close-knit circles (friend groups) inside communities
  std::uint32_t circle_follows = 3; ///< follows of circle mates per person
  double reciprocity_inside = 0.20; ///< P(v follows u back | u follows v), same community
  double reciprocity_circle = 0.50; ///< ... same circle
  double reciprocity_outside = 0.04;///< ... different communities

  // Planted roles.
  std::uint32_t celebrities = 0;          ///< 0: automatic, round(20 * sqrt(people / 50000)), at least 1
  double celebrity_followers_min = 0.03;  ///< planted followers, drawn from everyone, log-uniform between
  double celebrity_followers_max = 0.16;  ///< these shares of sqrt(50000 * people) (= shares of people at
                                          ///< 50k people; capped at half of people). With the automatic
                                          ///< count, a person follows ~1.5 celebrities at any size.
  double micro_fraction = 0.01;           ///< share of people who are micro-influencers
  std::uint32_t micro_min_community = 150;///< communities at least this large get >= 2 of them
  std::uint32_t micro_followers_min = 25; ///< planted followers, log-uniform in [min, max] ...
  std::uint32_t micro_followers_max = 120;///< ... (inside the community capped at 70% of its members)
  double micro_outside_share = 0.10;      ///< share of those planted followers from other communities
  double micro_follow_back = 0.50;        ///< P(micro follows back a follower from its community)
  double broker_fraction = 0.005;         ///< share of people who are brokers
  std::uint32_t broker_communities_min = 3;  ///< communities per broker (home included), uniform in
  std::uint32_t broker_communities_max = 5;  ///< [min, max]
  std::uint32_t broker_ties = 8;          ///< per broker community: follows out and planted followers in

  // Friendships.
  std::uint32_t circle_friends = 2;         ///< friendships drawn per person inside their circle
  double region_friend_probability = 0.15;  ///< P(a person has one friend from anywhere in their region)

  // Customers (the CRM list).
  double customer_fraction = 0.02;          ///< share of people who are customers
  std::uint32_t customer_communities = 3;   ///< communities the customers concentrate in
  double customer_concentration = 0.80;     ///< share of customers drawn from those communities

  void validate() const;  ///< throws InvalidArgument naming the offending field
};

enum class Role : std::uint8_t { kRegular, kCelebrity, kMicroInfluencer, kBroker };

/// "regular", "celebrity", "micro_influencer", "broker".
std::string_view role_name(Role r) noexcept;

struct SocialNetwork {
  std::vector<std::string> handles;          ///< "@anna_m" style, unique, deterministic
  EdgeList follows;                          ///< directed: u follows v; sorted by (u, v), no duplicates/loops
  EdgeList friends;                          ///< undirected, each pair once as (u, v) with u < v, sorted
  EdgeList interactions;                     ///< directed u -> v (u liked/commented/shared v's content); weight = count
  std::vector<std::uint8_t> interaction_type;       ///< per interactions edge: index into interaction_type_names
  std::vector<std::string> interaction_type_names;  ///< {"like", "comment", "share"}
  std::vector<std::string> region_names, topic_names;
  std::vector<std::uint16_t> region, topic;  ///< per person (attributes in people.csv)
  std::vector<std::uint32_t> age;            ///< per person, years
  std::vector<std::uint32_t> community;      ///< planted ground truth, in [0, num_communities())
  std::vector<Role> role;                    ///< planted ground truth
  std::vector<VertexId> customers;           ///< the CRM list, sorted ids

  // Planted details that are not per-person columns (for tests and docs).
  std::vector<std::uint16_t> community_region;  ///< dominant region of each community
  std::vector<std::uint16_t> community_topic;   ///< dominant topic of each community
  std::vector<std::uint32_t> customer_community_ids;  ///< where the customers were concentrated
  /// Communities of broker i (brokers in increasing id order): broker_community_ids[
  /// broker_community_offsets[i] .. broker_community_offsets[i+1]), home community first.
  std::vector<std::uint32_t> broker_community_ids;
  std::vector<std::uint64_t> broker_community_offsets;

  VertexId num_people() const noexcept { return static_cast<VertexId>(handles.size()); }
  std::uint32_t num_communities() const noexcept { return static_cast<std::uint32_t>(community_region.size()); }
};

/// Generates the network (see docs/demo_network.md). Throws InvalidArgument for bad options.
SocialNetwork social_network(const SocialNetworkOptions& opts = {}, RunContext& ctx = RunContext::none());

}  // namespace peerscout::datasets
