#pragma once
// The demo network with every measure the marketing labels need, computed by the real algorithms
// (no ground truth is read here): the layers as the pipeline builds them (follows, friendships,
// interactions with the demo job's type weights, the derived trust layer), Leiden on the trust
// layer, Guimera-Amaral measures on it, followers, PageRank, betweenness (KADABRA, epsilon 0.02) and
// Burt constraint on the trust layer, personalized PageRank from the CRM list on the trust layer.
// Built once per process (static) since several test cases read it.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/centrality/betweenness_approx.hpp"
#include "algorithms/centrality/pagerank.hpp"
#include "algorithms/centrality/personalized_pagerank.hpp"
#include "algorithms/centrality/structural_holes.hpp"
#include "algorithms/community/leiden.hpp"
#include "algorithms/roles/classify.hpp"
#include "algorithms/roles/participation.hpp"
#include "datasets/generators/social_network.hpp"
#include "engine/csr_builder.hpp"
#include "engine/trust_layer.hpp"

namespace peerscout::test {

struct RolesDemo {
  datasets::SocialNetwork net;
  CsrGraph follows, friends, interactions, trust;
  community::LeidenResult leiden;
  roles::ParticipationResult part;
  std::vector<double> local_pr;
  std::vector<std::int64_t> followers;
  std::vector<double> pagerank, betweenness, constraint, customer_ppr;
  std::vector<std::string> timings;  // "step: seconds"
};

// The demo job's settings: seed 42, `people` persons (the demo default is 50,000), interaction
// weight = type weight (like 1, comment 2, share 3) x count, as io/graph_ingest.hpp's defaults.
inline RolesDemo build_roles_demo(VertexId people, std::uint64_t seed = 42) {
  using Clock = std::chrono::steady_clock;
  RolesDemo d;
  auto t = Clock::now();
  auto lap = [&](const char* what) {
    const auto now = Clock::now();
    d.timings.push_back(std::string(what) + ": " + std::to_string(std::chrono::duration<double>(now - t).count()) + " s");
    t = now;
  };
  d.net = datasets::social_network({.people = people, .seed = seed});
  const VertexId n = d.net.num_people();
  lap("generate");
  {
    EdgeList e = d.net.follows;
    d.follows = build_csr(std::move(e), n, {.directed = true}).graph;
  }
  {
    EdgeList e = d.net.friends;
    d.friends = build_csr(std::move(e), n, {.directed = false}).graph;
  }
  {
    EdgeList e = d.net.interactions;
    static constexpr float kTypeWeight[] = {1.0F, 2.0F, 3.0F};  // like, comment, share
    for (std::size_t i = 0; i < e.size(); ++i) e.weight[i] *= kTypeWeight[d.net.interaction_type[i] % 3];
    d.interactions = build_csr(std::move(e), n, {.directed = true}).graph;
  }
  d.trust = build_trust_layer(n, &d.follows, &d.friends, &d.interactions);
  lap("layers");
  d.leiden = community::leiden(d.trust, {.seed = seed});
  lap("leiden");
  d.part = roles::participation(d.trust, d.leiden.partition.membership, {.use_weights = true});
  d.local_pr = roles::local_pagerank(d.trust, d.leiden.partition.membership);
  lap("participation");
  d.followers.resize(n);
  for (VertexId v = 0; v < n; ++v) d.followers[v] = static_cast<std::int64_t>(d.follows.in_neighbors(v).size());
  d.pagerank = centrality::pagerank(d.follows).score;
  d.customer_ppr = centrality::personalized_pagerank(d.trust, d.net.customers).score;
  lap("pagerank");
  d.betweenness = centrality::betweenness_approx(d.trust, {.epsilon = 0.02, .seed = seed}).score;
  lap("betweenness");
  d.constraint = centrality::structural_holes(d.trust).constraint;
  lap("constraint");
  return d;
}

// The demo network at the demo job's default size (50,000 people, seed 42), built once per process.
inline const RolesDemo& roles_demo() {
  static const RolesDemo d = build_roles_demo(50000);
  return d;
}

inline roles::LabelInputs label_inputs(const RolesDemo& d) {
  roles::LabelInputs in;
  in.num_vertices = d.net.num_people();
  in.z = d.part.z;
  in.participation = d.part.participation;
  in.communities_reached = d.part.communities_reached;
  in.followers = d.followers;
  in.pagerank = d.pagerank;
  in.betweenness = d.betweenness;
  in.constraint = d.constraint;
  in.customer_ppr = d.customer_ppr;
  in.customers = d.net.customers;
  return in;
}

}  // namespace peerscout::test
