// The demo social network: determinism, and the planted structure measured from the edge arrays
// alone (the independent oracle: nothing here reads the generator's internals except the ground
// truth it publishes).
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "datasets/generators/social_network.hpp"
#include "engine/csr_builder.hpp"
#include "engine/error.hpp"
#include "engine/job/demo_network.hpp"
#include "engine/run_context.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/files.hpp"

using namespace peerscout;
using datasets::Role;
using datasets::SocialNetwork;

namespace {

const SocialNetwork& default_network() {
  static const SocialNetwork net = datasets::social_network();
  return net;
}

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = std::min(v.size() - 1, lo + 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

std::uint64_t key(VertexId u, VertexId v) { return (std::uint64_t{u} << 32) | v; }

// Everything the tests and the docs report, recomputed from the published arrays.
struct Measures {
  VertexId n = 0;
  std::uint32_t communities = 0;
  std::vector<double> followers;         // in-degree in follows
  std::vector<double> following;         // out-degree
  std::vector<double> z_within;          // within-community in-degree z-score
  std::vector<double> participation;     // over follow ties (in + out), by community of the neighbour
  std::vector<double> communities_touched;  // communities with >= 3 follow ties (in + out)
  double intra_follow_share = 0;         // follows inside the follower's community
  double reciprocity = 0, reciprocity_inside = 0, reciprocity_outside = 0;
  double intra_friend_share = 0, friends_reciprocal_share = 0;
  double interactions_on_follows = 0;
  double customers_in_top_communities = 0;  // share of customers in their customer_community_ids
  double customers_in_best3 = 0;            // share in the 3 communities holding most customers
  std::vector<double> region_purity, topic_purity;  // per community (>= 100 members): mode share
  std::vector<std::uint32_t> community_size;
  std::map<Role, double> mean_interaction_weight_in;  // interactions per follow edge, by followee's role
  double micro_in_weight_from_community = 0;  // interactions per follow edge into a micro from its community
  double other_in_weight = 0;                 // ... per other follow edge
};

Measures measure(const SocialNetwork& net) {
  Measures m;
  const VertexId n = net.num_people();
  m.n = n;
  m.communities = 1 + *std::max_element(net.community.begin(), net.community.end());
  const auto& f = net.follows;
  m.followers.assign(n, 0);
  m.following.assign(n, 0);
  std::vector<std::uint64_t> fk(f.size());
  std::size_t intra = 0;
  for (std::size_t e = 0; e < f.size(); ++e) {
    m.followers[f.dst[e]] += 1;
    m.following[f.src[e]] += 1;
    fk[e] = key(f.src[e], f.dst[e]);
    intra += net.community[f.src[e]] == net.community[f.dst[e]];
  }
  std::sort(fk.begin(), fk.end());
  m.intra_follow_share = static_cast<double>(intra) / static_cast<double>(f.size());
  std::size_t rec = 0, rec_in = 0, rec_out = 0, n_in = 0, n_out = 0;
  for (std::size_t e = 0; e < f.size(); ++e) {
    const bool r = std::binary_search(fk.begin(), fk.end(), key(f.dst[e], f.src[e]));
    const bool inside = net.community[f.src[e]] == net.community[f.dst[e]];
    rec += r;
    (inside ? rec_in : rec_out) += r;
    (inside ? n_in : n_out) += 1;
  }
  m.reciprocity = static_cast<double>(rec) / static_cast<double>(f.size());
  m.reciprocity_inside = static_cast<double>(rec_in) / static_cast<double>(n_in);
  m.reciprocity_outside = static_cast<double>(rec_out) / static_cast<double>(n_out);

  // Within-community in-degree z-score (Guimera & Amaral 2005, on followers from one's community).
  std::vector<double> k_in(n, 0);
  for (std::size_t e = 0; e < f.size(); ++e)
    if (net.community[f.src[e]] == net.community[f.dst[e]]) k_in[f.dst[e]] += 1;
  std::vector<double> sum(m.communities, 0), sq(m.communities, 0);
  m.community_size.assign(m.communities, 0);
  for (VertexId u = 0; u < n; ++u) {
    const auto c = net.community[u];
    ++m.community_size[c];
    sum[c] += k_in[u];
    sq[c] += k_in[u] * k_in[u];
  }
  m.z_within.resize(n);
  for (VertexId u = 0; u < n; ++u) {
    const auto c = net.community[u];
    const double s = m.community_size[c];
    const double mean = sum[c] / s;
    const double sd = std::sqrt(std::max(0.0, sq[c] / s - mean * mean));
    m.z_within[u] = sd > 0 ? (k_in[u] - mean) / sd : 0.0;
  }

  // Participation coefficient and communities touched, over follow ties in both directions.
  std::vector<std::vector<std::uint32_t>> tie_comms(n);
  for (std::size_t e = 0; e < f.size(); ++e) {
    tie_comms[f.src[e]].push_back(net.community[f.dst[e]]);
    tie_comms[f.dst[e]].push_back(net.community[f.src[e]]);
  }
  m.participation.resize(n);
  m.communities_touched.resize(n);
  for (VertexId u = 0; u < n; ++u) {
    auto& t = tie_comms[u];
    std::sort(t.begin(), t.end());
    double p = 1.0;
    int touched = 0;
    for (std::size_t i = 0; i < t.size();) {
      std::size_t j = i;
      while (j < t.size() && t[j] == t[i]) ++j;
      const double share = static_cast<double>(j - i) / static_cast<double>(t.size());
      p -= share * share;
      touched += (j - i) >= 3;
      i = j;
    }
    m.participation[u] = t.empty() ? 0.0 : p;
    m.communities_touched[u] = touched;
  }

  // Friendships.
  std::size_t fr_in = 0, fr_rec = 0;
  for (std::size_t e = 0; e < net.friends.size(); ++e) {
    const VertexId a = net.friends.src[e], b = net.friends.dst[e];
    fr_in += net.community[a] == net.community[b];
    fr_rec += std::binary_search(fk.begin(), fk.end(), key(a, b)) && std::binary_search(fk.begin(), fk.end(), key(b, a));
  }
  m.intra_friend_share = static_cast<double>(fr_in) / static_cast<double>(net.friends.size());
  m.friends_reciprocal_share = static_cast<double>(fr_rec) / static_cast<double>(net.friends.size());

  // Interactions: the share on follow edges, and the engagement per follow edge (total count of
  // u's interactions with v, 0 when none) by kind of followee.
  const auto& it = net.interactions;
  std::size_t on_follow = 0;
  std::vector<double> per_follow(f.size(), 0.0);
  for (std::size_t e = 0; e < it.size(); ++e) {
    const auto pos = std::lower_bound(fk.begin(), fk.end(), key(it.src[e], it.dst[e]));
    if (pos == fk.end() || *pos != key(it.src[e], it.dst[e])) continue;
    ++on_follow;
    per_follow[static_cast<std::size_t>(pos - fk.begin())] += static_cast<double>(it.weight[e]);
  }
  m.interactions_on_follows = static_cast<double>(on_follow) / static_cast<double>(it.size());
  std::map<Role, double> wsum, wcount;
  double micro_w = 0, micro_c = 0, other_w = 0, other_c = 0;
  for (std::size_t e = 0; e < fk.size(); ++e) {
    const auto u = static_cast<VertexId>(fk[e] >> 32), v = static_cast<VertexId>(fk[e] & 0xffffffffU);
    const Role r = net.role[v];
    const bool same = net.community[u] == net.community[v];
    wsum[r] += per_follow[e];
    wcount[r] += 1;
    if (r == Role::kMicroInfluencer && same) {
      micro_w += per_follow[e];
      micro_c += 1;
    } else {
      other_w += per_follow[e];
      other_c += 1;
    }
  }
  for (auto& [r, w] : wsum) m.mean_interaction_weight_in[r] = w / wcount[r];
  m.micro_in_weight_from_community = micro_w / micro_c;
  m.other_in_weight = other_w / other_c;

  // Customers.
  std::vector<double> per_comm(m.communities, 0);
  for (VertexId u : net.customers) per_comm[net.community[u]] += 1;
  double planted = 0;
  for (auto c : net.customer_community_ids) planted += per_comm[c];
  m.customers_in_top_communities = planted / static_cast<double>(net.customers.size());
  std::sort(per_comm.rbegin(), per_comm.rend());
  m.customers_in_best3 = (per_comm[0] + per_comm[1] + per_comm[2]) / static_cast<double>(net.customers.size());

  // Attribute purity: the share of the most common region / topic in each community.
  std::vector<std::map<std::uint16_t, double>> regions(m.communities), topics(m.communities);
  for (VertexId u = 0; u < n; ++u) {
    regions[net.community[u]][net.region[u]] += 1;
    topics[net.community[u]][net.topic[u]] += 1;
  }
  for (std::uint32_t c = 0; c < m.communities; ++c) {
    if (m.community_size[c] < 100) continue;
    double br = 0, bt = 0;
    for (auto& [k, v] : regions[c]) br = std::max(br, v);
    for (auto& [k, v] : topics[c]) bt = std::max(bt, v);
    m.region_purity.push_back(br / m.community_size[c]);
    m.topic_purity.push_back(bt / m.community_size[c]);
  }
  return m;
}

// Brokerage on the trust layer (friendships + reciprocal follows, undirected, unweighted):
// Burt's constraint c_i = sum_j (p_ij + sum_q p_iq p_qj)^2 with p_ij = 1/deg(i) (Burt 1992), and
// betweenness estimated by Brandes' algorithm from `sources` evenly spaced sources (scaled by n/sources).
struct Brokerage {
  std::vector<double> constraint, betweenness;
};

Brokerage brokerage(const SocialNetwork& net, VertexId sources) {
  const VertexId n = net.num_people();
  EdgeList trust;
  std::vector<std::uint64_t> fk(net.follows.size());
  for (std::size_t e = 0; e < fk.size(); ++e) fk[e] = key(net.follows.src[e], net.follows.dst[e]);
  std::sort(fk.begin(), fk.end());
  for (std::size_t e = 0; e < fk.size(); ++e) {
    const auto u = static_cast<VertexId>(fk[e] >> 32), v = static_cast<VertexId>(fk[e] & 0xffffffffU);
    if (u < v && std::binary_search(fk.begin(), fk.end(), key(v, u))) trust.add(u, v);
  }
  for (std::size_t e = 0; e < net.friends.size(); ++e) trust.add(net.friends.src[e], net.friends.dst[e]);
  const auto g = build_csr(std::move(trust), n, {.directed = false}).graph;
  Brokerage b;
  b.constraint.assign(n, 0.0);
  for (VertexId i = 0; i < n; ++i) {
    const auto ni = g.out_neighbors(i);
    if (ni.empty()) continue;
    const double di = static_cast<double>(ni.size());
    double c = 0.0;
    for (VertexId j : ni) {
      double indirect = 0.0;
      const auto nj = g.out_neighbors(j);
      std::size_t a = 0, k = 0;  // common neighbours q of i and j (sorted lists)
      while (a < ni.size() && k < nj.size()) {
        if (ni[a] < nj[k]) {
          ++a;
        } else if (nj[k] < ni[a]) {
          ++k;
        } else {
          indirect += 1.0 / (di * static_cast<double>(g.out_degree(ni[a])));
          ++a;
          ++k;
        }
      }
      const double pij = 1.0 / di + indirect;
      c += pij * pij;
    }
    b.constraint[i] = c;
  }
  b.betweenness.assign(n, 0.0);
  std::vector<std::int64_t> dist(n);
  std::vector<double> sigma(n), delta(n);
  std::vector<VertexId> stack;
  stack.reserve(n);
  for (VertexId s = 0; s < sources; ++s) {
    const VertexId src = static_cast<VertexId>(std::uint64_t{s} * n / sources);
    std::fill(dist.begin(), dist.end(), -1);
    std::fill(sigma.begin(), sigma.end(), 0.0);
    std::fill(delta.begin(), delta.end(), 0.0);
    stack.clear();
    dist[src] = 0;
    sigma[src] = 1.0;
    stack.push_back(src);
    for (std::size_t head = 0; head < stack.size(); ++head) {  // BFS; `stack` holds the visit order
      const VertexId v = stack[head];
      for (VertexId w : g.out_neighbors(v)) {
        if (dist[w] < 0) {
          dist[w] = dist[v] + 1;
          stack.push_back(w);
        }
        if (dist[w] == dist[v] + 1) sigma[w] += sigma[v];
      }
    }
    for (std::size_t k = stack.size(); k-- > 1;) {
      const VertexId w = stack[k];
      for (VertexId v : g.out_neighbors(w))
        if (dist[v] == dist[w] - 1) delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
      b.betweenness[w] += delta[w] * static_cast<double>(n) / sources;
    }
  }
  return b;
}

// Personalized PageRank by power iteration (damping 0.85, 100 iterations), teleporting to `seeds`;
// the walker follows arcs of g (dangling mass returns to the seeds).
std::vector<double> personalized_pagerank(const CsrGraph& g, const std::vector<VertexId>& seeds) {
  const VertexId n = g.num_vertices();
  std::vector<double> x(n, 0.0), next(n);
  for (VertexId s : seeds) x[s] = 1.0 / static_cast<double>(seeds.size());
  for (int it = 0; it < 100; ++it) {
    std::fill(next.begin(), next.end(), 0.0);
    double dangling = 0.0;
    for (VertexId u = 0; u < n; ++u) {
      const auto nb = g.out_neighbors(u);
      if (nb.empty()) {
        dangling += x[u];
        continue;
      }
      for (VertexId v : nb) next[v] += 0.85 * x[u] / static_cast<double>(nb.size());
    }
    const double back = (0.15 + 0.85 * dangling) / static_cast<double>(seeds.size());
    for (VertexId s : seeds) next[s] += back;
    x.swap(next);
  }
  return x;
}

std::vector<double> select(const std::vector<double>& values, const SocialNetwork& net, Role r) {
  std::vector<double> out;
  for (VertexId u = 0; u < net.num_people(); ++u)
    if (net.role[u] == r) out.push_back(values[u]);
  return out;
}

const Measures& default_measures() {
  static const Measures m = measure(default_network());
  return m;
}

}  // namespace

TEST_CASE("social_network: options are validated", "[demo]") {
  CHECK_THROWS_AS(datasets::social_network({.people = 10}), InvalidArgument);
  CHECK_THROWS_AS(datasets::social_network({.people = 1000, .communities = 100}), InvalidArgument);
  CHECK_THROWS_AS(datasets::social_network({.people = 1000, .regions = 9}), InvalidArgument);
  CHECK_THROWS_AS(datasets::social_network({.people = 1000, .mixing = 1.5}), InvalidArgument);
  CHECK_THROWS_WITH(datasets::social_network({.people = 1000, .purity_min = 0.9, .purity_max = 0.5}),
                    Catch::Contains("purity_min"));
}

TEST_CASE("social_network: phases are recorded and cancellation is honoured", "[demo]") {
  RunContext ctx;
  const auto net = datasets::social_network({.people = 1000}, ctx);
  CHECK(net.num_people() == 1000);
  REQUIRE(ctx.stages().size() == 11);
  CHECK(ctx.stages().front().name == "demo/communities");
  CHECK(ctx.stages().back().name == "demo/handles");
  std::atomic<bool> stop{true};
  RunContext cancelled;
  cancelled.set_cancel_flag(&stop);
  CHECK_THROWS_AS(datasets::social_network({.people = 1000}, cancelled), Cancelled);
}

TEST_CASE("social_network: shapes, ranges and sortedness", "[demo]") {
  const auto& net = default_network();
  const VertexId n = net.num_people();
  REQUIRE(n == 50000);
  CHECK(net.region.size() == n);
  CHECK(net.topic.size() == n);
  CHECK(net.age.size() == n);
  CHECK(net.community.size() == n);
  CHECK(net.role.size() == n);
  CHECK(net.interaction_type.size() == net.interactions.size());
  CHECK(net.interactions.weight.size() == net.interactions.size());
  CHECK(net.interaction_type_names == std::vector<std::string>{"like", "comment", "share"});
  CHECK(net.region_names.size() == 8);
  CHECK(net.topic_names.size() == 12);
  const auto c = net.num_communities();
  CHECK(c >= 40);
  CHECK(c <= 80);
  // Counted rather than asserted one by one (millions of items; keeps the ASan run short).
  std::size_t bad_people = 0, bad_follows = 0, bad_friends = 0, bad_interactions = 0;
  for (VertexId u = 0; u < n; ++u)
    bad_people += !(net.community[u] < c && net.region[u] < net.region_names.size() &&
                    net.topic[u] < net.topic_names.size() && net.age[u] >= 16 && net.age[u] <= 80);
  // follows: sorted by (u, v), no loops, no duplicates
  for (std::size_t e = 0; e < net.follows.size(); ++e)
    bad_follows += !(net.follows.src[e] < n && net.follows.dst[e] < n && net.follows.src[e] != net.follows.dst[e] &&
                     (e == 0 || key(net.follows.src[e - 1], net.follows.dst[e - 1]) <
                                    key(net.follows.src[e], net.follows.dst[e])));
  // friends: each pair once as u < v
  for (std::size_t e = 0; e < net.friends.size(); ++e)
    bad_friends += !(net.friends.src[e] < net.friends.dst[e] && net.friends.dst[e] < n &&
                     (e == 0 || key(net.friends.src[e - 1], net.friends.dst[e - 1]) <
                                    key(net.friends.src[e], net.friends.dst[e])));
  // interactions: positive integer counts, valid types, (u, v, type) unique
  std::set<std::tuple<VertexId, VertexId, int>> seen;
  for (std::size_t e = 0; e < net.interactions.size(); ++e) {
    const Weight w = net.interactions.weight[e];
    bad_interactions += !(net.interactions.src[e] != net.interactions.dst[e] && net.interaction_type[e] < 3 &&
                          w >= 1.0f && w == std::floor(w) &&
                          seen.insert({net.interactions.src[e], net.interactions.dst[e], net.interaction_type[e]}).second);
  }
  CHECK(bad_people == 0);
  CHECK(bad_follows == 0);
  CHECK(bad_friends == 0);
  CHECK(bad_interactions == 0);
  // all three types occur
  for (std::uint8_t t = 0; t < 3; ++t)
    CHECK(std::count(net.interaction_type.begin(), net.interaction_type.end(), t) > 1000);
}

TEST_CASE("social_network: handles are unique and look like handles", "[demo]") {
  const auto& net = default_network();
  std::unordered_set<std::string> seen;
  std::size_t malformed = 0, repeated = 0;
  for (const auto& h : net.handles) {
    malformed += h.size() < 3 || h[0] != '@';
    for (char ch : h.substr(1)) malformed += !((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.');
    repeated += !seen.insert(h).second;
  }
  CHECK(malformed == 0);
  CHECK(repeated == 0);
  CHECK(seen.size() == net.handles.size());
}

TEST_CASE("social_network: communities have heavy-tailed sizes and a dominant region and topic", "[demo]") {
  const auto& m = default_measures();
  auto sizes = m.community_size;
  std::sort(sizes.begin(), sizes.end());
  CHECK(sizes.front() >= 40);
  CHECK(sizes.back() >= 10 * sizes.front());  // heavy tail: largest at least 10x the smallest
  CHECK(sizes.back() <= 15000);               // but no giant community
  for (double p : m.region_purity) {
    CHECK(p >= 0.60);
    CHECK(p <= 0.97);
  }
  for (double p : m.topic_purity) {
    CHECK(p >= 0.60);
    CHECK(p <= 0.97);
  }
}

TEST_CASE("social_network: mixing, reciprocity and friendship structure", "[demo]") {
  const auto& m = default_measures();
  const double mu = 1.0 - m.intra_follow_share;
  CHECK(mu >= 0.20);  // default mixing 0.25
  CHECK(mu <= 0.30);
  CHECK(m.reciprocity_inside > 2.0 * m.reciprocity_outside);
  CHECK(m.reciprocity > 0.1);
  CHECK(m.intra_friend_share > 0.8);
  CHECK(m.friends_reciprocal_share > 0.3);
  CHECK(m.interactions_on_follows > 0.9);

  // The mixing knob moves the measured share.
  const auto low = measure(datasets::social_network({.people = 20000, .mixing = 0.1}));
  const auto high = measure(datasets::social_network({.people = 20000, .mixing = 0.4}));
  CHECK(1.0 - low.intra_follow_share == Approx(0.1).margin(0.05));
  CHECK(1.0 - high.intra_follow_share == Approx(0.4).margin(0.05));
}

TEST_CASE("social_network: planted roles are measurable", "[demo]") {
  const auto& net = default_network();
  const auto& m = default_measures();
  const auto celeb = select(m.followers, net, Role::kCelebrity);
  const auto micro = select(m.followers, net, Role::kMicroInfluencer);
  const auto broker = select(m.followers, net, Role::kBroker);
  const auto regular = select(m.followers, net, Role::kRegular);
  REQUIRE(celeb.size() >= 10);
  REQUIRE(micro.size() >= 400);
  REQUIRE(broker.size() >= 200);

  // Celebrities: thousands of followers, from everywhere.
  CHECK(*std::min_element(celeb.begin(), celeb.end()) >= 1000);
  CHECK(*std::min_element(celeb.begin(), celeb.end()) > *std::max_element(micro.begin(), micro.end()));
  // Micro-influencers: above the median, below the celebrities, in the top decile band.
  const double median_all = quantile(m.followers, 0.5);
  CHECK(quantile(micro, 0.05) > median_all);
  CHECK(quantile(micro, 0.5) >= quantile(m.followers, 0.9));
  CHECK(quantile(micro, 0.5) <= quantile(m.followers, 0.995));
  // ... and strong inside ONE community: within-community in-degree z-score.
  const auto z_micro = select(m.z_within, net, Role::kMicroInfluencer);
  const auto z_regular = select(m.z_within, net, Role::kRegular);
  CHECK(quantile(z_micro, 0.5) >= 3.0);
  CHECK(quantile(z_micro, 0.1) >= 1.5);
  CHECK(quantile(z_regular, 0.99) < quantile(z_micro, 0.5));
  // ... with heavier engagement from their community than anyone else gets.
  CHECK(m.micro_in_weight_from_community > 3.0 * m.other_in_weight);

  // At least two micro-influencers in every community of 150 or more people.
  std::vector<int> micros_in(m.communities, 0);
  for (VertexId u = 0; u < net.num_people(); ++u) micros_in[net.community[u]] += net.role[u] == Role::kMicroInfluencer;
  for (std::uint32_t c = 0; c < m.communities; ++c)
    if (m.community_size[c] >= 150) CHECK(micros_in[c] >= 2);

  // Brokers: ties in at least 3 communities, high participation, modest degree.
  for (double t : select(m.communities_touched, net, Role::kBroker)) CHECK(t >= 3);
  const auto p_broker = select(m.participation, net, Role::kBroker);
  const auto p_regular = select(m.participation, net, Role::kRegular);
  CHECK(quantile(p_broker, 0.5) > quantile(p_regular, 0.9));
  CHECK(quantile(regular, 0.5) < quantile(broker, 0.5));
  CHECK(quantile(broker, 0.5) < quantile(m.followers, 0.99));
}

TEST_CASE("social_network: brokers bridge communities in the trust layer", "[demo]") {
  const auto& net = default_network();
  const auto b = brokerage(net, 32);
  const auto c_broker = select(b.constraint, net, Role::kBroker);
  const auto c_regular = select(b.constraint, net, Role::kRegular);
  const auto bt_broker = select(b.betweenness, net, Role::kBroker);
  const auto bt_regular = select(b.betweenness, net, Role::kRegular);
  CHECK(quantile(c_broker, 0.5) < quantile(c_regular, 0.1));     // low Burt constraint
  CHECK(quantile(bt_broker, 0.5) > 3.0 * quantile(bt_regular, 0.9));  // high betweenness
}

TEST_CASE("social_network: customers are concentrated in a few communities", "[demo]") {
  const auto& net = default_network();
  const auto& m = default_measures();
  CHECK(net.customers.size() == 1000);
  CHECK(std::is_sorted(net.customers.begin(), net.customers.end()));
  CHECK(std::adjacent_find(net.customers.begin(), net.customers.end()) == net.customers.end());
  CHECK(net.customer_community_ids.size() == 3);
  CHECK(m.customers_in_top_communities >= 0.75);
  CHECK(m.customers_in_best3 >= 0.75);
  // Three random communities would hold about 3 / 62 of them.
}

TEST_CASE("social_network: identical for 1 and 2 threads", "[demo][threads]") {
  const datasets::SocialNetworkOptions opts{.people = 20000, .seed = 7};
  const auto a = test::with_threads(1, [&] { return datasets::social_network(opts); });
  const auto b = test::with_threads(2, [&] { return datasets::social_network(opts); });
  CHECK(a.handles == b.handles);
  CHECK(a.follows.src == b.follows.src);
  CHECK(a.follows.dst == b.follows.dst);
  CHECK(a.friends.src == b.friends.src);
  CHECK(a.friends.dst == b.friends.dst);
  CHECK(a.interactions.src == b.interactions.src);
  CHECK(a.interactions.dst == b.interactions.dst);
  CHECK(a.interactions.weight == b.interactions.weight);
  CHECK(a.interaction_type == b.interaction_type);
  CHECK(a.region == b.region);
  CHECK(a.topic == b.topic);
  CHECK(a.age == b.age);
  CHECK(a.community == b.community);
  CHECK(a.role == b.role);
  CHECK(a.customers == b.customers);
  // and a different seed gives a different network
  const auto c = datasets::social_network({.people = 20000, .seed = 8});
  CHECK(c.follows.src != a.follows.src);
}

namespace {

std::vector<std::string> lines_of(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::vector<std::string> out;
  for (std::string line; std::getline(f, line);) out.push_back(line);
  return out;
}

std::vector<std::string> split(const std::string& line, char d) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, d)) out.push_back(field);
  if (!line.empty() && line.back() == d) out.emplace_back();
  return out;
}

using test::read_file;

}  // namespace

TEST_CASE("write_demo_network: the files a user would have", "[demo]") {
  namespace fs = std::filesystem;
  const auto net = datasets::social_network({.people = 3000, .seed = 5});
  const test::TempDir tmp("demo");
  const fs::path& root = tmp.path();
  const auto files = job::write_demo_network(net, root / "nested" / "demo");  // creates the directories
  std::map<std::string, VertexId> id;
  for (VertexId u = 0; u < net.num_people(); ++u) id[net.handles[u]] = u;

  const auto follows = lines_of(files.follows);
  REQUIRE(follows.size() == net.follows.size() + 1);
  CHECK(follows[0] == "follower\tfollowee");
  std::size_t bad = 0;
  for (std::size_t e = 0; e < net.follows.size(); ++e) {
    const auto f = split(follows[e + 1], '\t');
    bad += f.size() != 2 || id.at(f[0]) != net.follows.src[e] || id.at(f[1]) != net.follows.dst[e];
  }
  CHECK(bad == 0);
  const auto friends = lines_of(files.friends);
  REQUIRE(friends.size() == net.friends.size() + 1);
  CHECK(friends[0] == "person_a\tperson_b");
  CHECK(split(friends[1], '\t') == std::vector<std::string>{net.handles[net.friends.src[0]], net.handles[net.friends.dst[0]]});

  const auto inter = lines_of(files.interactions);
  REQUIRE(inter.size() == net.interactions.size() + 1);
  CHECK(inter[0] == "source\ttarget\ttype\tcount");
  double total = 0, expected = 0;
  for (std::size_t e = 0; e < net.interactions.size(); ++e) {
    const auto f = split(inter[e + 1], '\t');
    REQUIRE(f.size() == 4);
    bad += id.at(f[0]) != net.interactions.src[e] || id.at(f[1]) != net.interactions.dst[e] ||
           f[2] != net.interaction_type_names[net.interaction_type[e]];
    total += std::stod(f[3]);
    expected += static_cast<double>(net.interactions.weight[e]);
  }
  CHECK(total == expected);
  CHECK(bad == 0);

  const auto people = lines_of(files.people);
  REQUIRE(people.size() == net.num_people() + 1U);
  CHECK(people[0] == "id,region,topic,age");
  for (VertexId u = 0; u < net.num_people(); ++u) {
    const auto f = split(people[u + 1], ',');
    REQUIRE(f.size() == 4);
    bad += f[0] != net.handles[u] || f[1] != net.region_names[net.region[u]] || f[2] != net.topic_names[net.topic[u]] ||
           std::stoul(f[3]) != net.age[u];
  }
  CHECK(bad == 0);
  const auto truth = lines_of(files.ground_truth);
  REQUIRE(truth.size() == net.num_people() + 1U);
  CHECK(truth[0] == "id,community,role");
  std::set<std::string> roles;
  for (VertexId u = 0; u < net.num_people(); ++u) {
    const auto f = split(truth[u + 1], ',');
    REQUIRE(f.size() == 3);
    bad += f[0] != net.handles[u] || std::stoul(f[1]) != net.community[u] || f[2] != datasets::role_name(net.role[u]);
    roles.insert(f[2]);
  }
  CHECK(bad == 0);
  CHECK(roles == std::set<std::string>{"regular", "celebrity", "micro_influencer", "broker"});
  const auto customers = lines_of(files.customers);
  REQUIRE(customers.size() == net.customers.size() + 1);
  CHECK(customers[0].rfind("# ", 0) == 0);
  for (std::size_t i = 0; i < net.customers.size(); ++i) CHECK(customers[i + 1] == net.handles[net.customers[i]]);

  // Same network, same bytes; nothing else in the directory (no temporaries).
  const auto again = job::write_demo_network(net, root / "again");
  CHECK(read_file(again.follows) == read_file(files.follows));
  CHECK(read_file(again.people) == read_file(files.people));
  std::size_t n_files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(root / "nested" / "demo")) ++n_files;
  CHECK(n_files == 6);
  // A regular file where the directory should be: OutputError.
  { std::ofstream(root / "plain_file") << "x"; }
  CHECK_THROWS_AS(job::write_demo_network(net, root / "plain_file"), OutputError);
}

// Prints the figures quoted in docs/demo_network.md (not run by default):
//   build/release/tests/peerscout_tests "[demo-stats]"
TEST_CASE("social_network: statistics for the docs", "[.][demo-stats]") {
  const auto t0 = std::chrono::steady_clock::now();
  const auto c0 = std::clock();
  const auto net = datasets::social_network();
  const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto m = measure(net);
  std::printf("generation: %.3f s wall, %.3f s cpu, with %d threads\n", secs, cpu, max_threads());
  std::printf("people %u, communities %u, follows %zu, friendships %zu, interaction edges %zu, customers %zu\n", m.n,
              m.communities, net.follows.size(), net.friends.size(), net.interactions.size(), net.customers.size());
  auto sizes = std::vector<double>(m.community_size.begin(), m.community_size.end());
  std::printf("community size: min %.0f, median %.0f, max %.0f\n", quantile(sizes, 0), quantile(sizes, 0.5),
              quantile(sizes, 1));
  std::printf("region purity (communities >= 100): min %.2f median %.2f max %.2f; topic purity: min %.2f median %.2f max %.2f\n",
              quantile(m.region_purity, 0), quantile(m.region_purity, 0.5), quantile(m.region_purity, 1),
              quantile(m.topic_purity, 0), quantile(m.topic_purity, 0.5), quantile(m.topic_purity, 1));
  std::printf("follows leaving the community (mu): %.3f\n", 1.0 - m.intra_follow_share);
  std::printf("reciprocity: all %.3f, inside %.3f, outside %.3f\n", m.reciprocity, m.reciprocity_inside,
              m.reciprocity_outside);
  std::printf("friendships inside a community %.3f, friendships that are also reciprocal follows %.3f\n",
              m.intra_friend_share, m.friends_reciprocal_share);
  std::printf("interaction edges on a follow %.3f; interactions per follow edge: into a micro-influencer from its community %.2f, other follows %.2f\n",
              m.interactions_on_follows, m.micro_in_weight_from_community, m.other_in_weight);
  std::printf("interactions per follow edge by followee role: regular %.2f, celebrity %.2f, micro-influencer %.2f, broker %.2f\n",
              m.mean_interaction_weight_in.at(Role::kRegular), m.mean_interaction_weight_in.at(Role::kCelebrity),
              m.mean_interaction_weight_in.at(Role::kMicroInfluencer), m.mean_interaction_weight_in.at(Role::kBroker));
  std::printf("followers, all people: median %.0f, p90 %.0f, p99 %.0f, p99.5 %.0f, max %.0f; following median %.0f p99 %.0f\n",
              quantile(m.followers, 0.5), quantile(m.followers, 0.9), quantile(m.followers, 0.99),
              quantile(m.followers, 0.995), quantile(m.followers, 1), quantile(m.following, 0.5),
              quantile(m.following, 0.99));
  std::printf("%-17s %6s | %-31s | %-17s | %-17s | %s\n", "role", "count", "followers min/med/p90/p99/max",
              "z within med/p10", "particip. med/p90", "communities >=3 ties med/min");
  for (Role r : {Role::kRegular, Role::kCelebrity, Role::kMicroInfluencer, Role::kBroker}) {
    const auto fo = select(m.followers, net, r);
    const auto z = select(m.z_within, net, r);
    const auto p = select(m.participation, net, r);
    const auto t = select(m.communities_touched, net, r);
    std::printf("%-17s %6zu | %5.0f %5.0f %5.0f %5.0f %5.0f   | %7.2f %7.2f   | %7.2f %7.2f   | %.0f %.0f\n",
                std::string(datasets::role_name(r)).c_str(), fo.size(), quantile(fo, 0), quantile(fo, 0.5),
                quantile(fo, 0.9), quantile(fo, 0.99), quantile(fo, 1), quantile(z, 0.5), quantile(z, 0.1),
                quantile(p, 0.5), quantile(p, 0.9), quantile(t, 0.5), quantile(t, 0));
  }
  const auto zr = select(m.z_within, net, Role::kRegular);
  const auto fm = select(m.followers, net, Role::kMicroInfluencer);
  const double micro_median = quantile(fm, 0.5);
  const double below = static_cast<double>(std::count_if(m.followers.begin(), m.followers.end(),
                                                         [&](double x) { return x < micro_median; }));
  std::printf("micro-influencer median follower count is at the %.1fth percentile of everyone; regular z p99 %.2f\n",
              100.0 * below / m.n, quantile(zr, 0.99));
  const auto t1 = std::chrono::steady_clock::now();
  const auto br = brokerage(net, 200);
  std::printf("trust layer (friends + reciprocal follows), %.1f s:\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count());
  std::printf("%-17s | %-26s | %s\n", "role", "constraint p10/med/p90", "betweenness (200 sources) med/p90");
  for (Role r : {Role::kRegular, Role::kCelebrity, Role::kMicroInfluencer, Role::kBroker}) {
    const auto c = select(br.constraint, net, r);
    const auto bt = select(br.betweenness, net, r);
    std::printf("%-17s | %7.3f %7.3f %7.3f    | %.3g %.3g\n", std::string(datasets::role_name(r)).c_str(),
                quantile(c, 0.1), quantile(c, 0.5), quantile(c, 0.9), quantile(bt, 0.5), quantile(bt, 0.9));
  }
  // "Who do my customers trust?": the top non-customers by personalized PageRank from the customers.
  {
    EdgeList fl = net.follows;
    const auto follow_graph = build_csr(std::move(fl), net.num_people(), {.directed = true}).graph;
    EdgeList trust;
    for (std::size_t e = 0; e < net.friends.size(); ++e) trust.add(net.friends.src[e], net.friends.dst[e]);
    for (std::size_t e = 0; e < net.follows.size(); ++e)
      if (net.follows.src[e] < net.follows.dst[e] && follow_graph.out_degree(net.follows.dst[e]) > 0) {
        const auto nb = follow_graph.out_neighbors(net.follows.dst[e]);
        if (std::binary_search(nb.begin(), nb.end(), net.follows.src[e])) trust.add(net.follows.src[e], net.follows.dst[e]);
      }
    const auto trust_graph = build_csr(std::move(trust), net.num_people(), {.directed = false}).graph;
    std::vector<char> is_customer(net.num_people(), 0), in_customer_comm(m.communities, 0);
    for (VertexId u : net.customers) is_customer[u] = 1;
    for (auto c : net.customer_community_ids) in_customer_comm[c] = 1;
    for (const auto* name : {"follows", "trust"}) {
      const auto score = personalized_pagerank(std::string(name) == "follows" ? follow_graph : trust_graph, net.customers);
      std::vector<VertexId> ids;
      for (VertexId u = 0; u < net.num_people(); ++u)
        if (!is_customer[u]) ids.push_back(u);
      std::partial_sort(ids.begin(), ids.begin() + 50, ids.end(), [&](VertexId a, VertexId b) {
        return score[a] != score[b] ? score[a] > score[b] : a < b;
      });
      for (std::size_t top : {std::size_t{20}, std::size_t{50}}) {
        int local_micro = 0, celeb = 0, in_comm = 0;
        for (std::size_t i = 0; i < top; ++i) {
          const VertexId u = ids[i];
          local_micro += net.role[u] == Role::kMicroInfluencer && in_customer_comm[net.community[u]];
          celeb += net.role[u] == Role::kCelebrity;
          in_comm += in_customer_comm[net.community[u]];
        }
        std::printf("PPR from the customers on %-7s: top %zu non-customers: %d micro-influencers of the customer communities, %d celebrities, %d in customer communities\n",
                    name, top, local_micro, celeb, in_comm);
      }
    }
    int micros_there = 0;
    for (VertexId u = 0; u < net.num_people(); ++u)
      micros_there += net.role[u] == Role::kMicroInfluencer && in_customer_comm[net.community[u]];
    std::printf("(the customer communities hold %d micro-influencers)\n", micros_there);
  }
  std::printf("customers in their planted communities %.3f, in the 3 communities holding most %.3f\n",
              m.customers_in_top_communities, m.customers_in_best3);
}
