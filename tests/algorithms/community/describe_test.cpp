// describe() and profiles(): hand-computed statistics, per-community PageRank order against a
// PageRank of each community's own induced subgraph, and the demo network's planted communities.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fmt/format.h>

#include "algorithms/centrality/pagerank.hpp"
#include "algorithms/community/compare.hpp"
#include "algorithms/community/describe.hpp"
#include "algorithms/community/leiden.hpp"
#include "algorithms/community/multi_run.hpp"
#include "datasets/embedded/karate.hpp"
#include "datasets/generators/social_network.hpp"
#include "engine/csr_builder.hpp"
#include "engine/error.hpp"
#include "engine/symmetrize.hpp"
#include "tests/support/graphs.hpp"

using namespace peerscout;
using namespace peerscout::community;

TEST_CASE("describe: hand-computed statistics", "[community]") {
  // community 0: star 0-1, 0-2, 0-3 plus the isolated-in-community vertex 4 (joined to 5 only);
  // community 1: triangle 5-6-7; cross edges 4-5 and 3-5.
  const auto g = test::undirected(8, {{0, 1}, {0, 2}, {0, 3}, {5, 6}, {6, 7}, {5, 7}, {4, 5}, {3, 5}});
  const Partition p = canonical({0, 0, 0, 0, 0, 1, 1, 1});
  const auto s = describe(g, p, 2);
  CHECK(s.size == std::vector<std::uint64_t>{5, 3});
  CHECK(s.internal_edges == std::vector<double>{3, 3});
  CHECK(s.density[0] == Approx(3.0 / 10.0));
  CHECK(s.density[1] == Approx(1.0));
  // cut = 2 for both; vol(0) = 3+1+1+2+1 = 8, vol(1) = 4+2+2 = 8, total 16 -> 2/8
  CHECK(s.conductance[0] == Approx(0.25));
  CHECK(s.conductance[1] == Approx(0.25));
  CHECK(s.components == std::vector<std::uint32_t>{2, 1});
  CHECK(s.top_members[0].front() == 0);                       // the hub of the star
  CHECK(s.top_members[1] == std::vector<VertexId>{5, 6});     // symmetric triangle: ties by id
  CHECK_THROWS_AS(describe(g, canonical({0, 0})), InvalidArgument);
}

TEST_CASE("describe: top members follow each community's own PageRank", "[community]") {
  const auto g = datasets::karate();
  const auto r = leiden(g);
  const auto s = describe(g, r.partition, 100);
  for (std::uint32_t c = 0; c < r.partition.count; ++c) {
    CHECK(s.components[c] == 1);
    std::vector<VertexId> members;
    for (VertexId v = 0; v < g.num_vertices(); ++v)
      if (r.partition.membership[v] == c) members.push_back(v);
    EdgeList el;
    for (std::size_t i = 0; i < members.size(); ++i)
      for (VertexId u : g.out_neighbors(members[i])) {
        const auto it = std::find(members.begin(), members.end(), u);
        if (it != members.end() && members[i] < u) el.add(static_cast<VertexId>(i), static_cast<VertexId>(it - members.begin()));
      }
    const auto sub = build_csr(std::move(el), static_cast<VertexId>(members.size()), {.directed = false}).graph;
    const auto pr = centrality::pagerank(sub);
    std::vector<VertexId> order(members.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<VertexId>(i);
    std::stable_sort(order.begin(), order.end(), [&](VertexId a, VertexId b) { return pr.score[a] > pr.score[b] + 1e-12; });
    REQUIRE(s.top_members[c].size() == members.size());
    // compare the leaders (exact ties may be ordered differently by rounding)
    CHECK(s.top_members[c].front() == members[order.front()]);
  }
}

TEST_CASE("profiles: dominant attribute values", "[community]") {
  const Partition p = canonical({0, 0, 0, 1, 1});
  StringColumn region;
  for (const char* r : {"north", "south", "north", "east", "west"}) region.push_back(r);
  std::vector<NamedColumn> cols = {{"region", region},
                                   {"age_band", std::vector<std::int64_t>{3, 3, 4, 5, 5}},
                                   {"score", std::vector<double>{0.1, 0.2, 0.3, 0.4, 0.5}}};
  const auto pr = profiles(p, cols);
  REQUIRE(pr.size() == 2);  // float column skipped
  CHECK(pr[0].attribute == "region");
  CHECK(pr[0].dominant_value == std::vector<std::string>{"north", "east"});  // tie east/west -> east
  CHECK(pr[0].dominant_share[0] == Approx(2.0 / 3.0));
  CHECK(pr[0].dominant_share[1] == Approx(0.5));
  CHECK(pr[1].dominant_value == std::vector<std::string>{"3", "5"});
  CHECK(pr[1].dominant_share[1] == Approx(1.0));
  cols[1].values = std::vector<std::int64_t>{1, 2};
  CHECK_THROWS_AS(profiles(p, cols), InvalidArgument);
}

TEST_CASE("demo network: planted communities recovered from the follows layer", "[community][leiden]") {
  const auto net = datasets::social_network({.people = 20000, .seed = 42});
  EdgeList follows = net.follows;
  const auto directed = build_csr(std::move(follows), net.num_people(), {.directed = true}).graph;
  const auto g = symmetrize(directed, SymmetrizeWeights::kSum);
  const auto r = run_several(g, Method::kLeiden, {}, 3, 1);
  const auto cmp = compare(r.best.membership, net.community);
  StringColumn region;
  for (auto x : net.region) region.push_back(net.region_names[x]);
  const auto prof = profiles(r.best, {{"region", region}});
  double share = 0;
  const auto stats = describe(g, r.best, 3);
  for (std::uint32_t c = 0; c < r.best.count; ++c)
    share += prof[0].dominant_share[c] * static_cast<double>(stats.size[c]) / net.num_people();
  WARN(fmt::format("demo network (20k people, follows symmetrized with kSum): {} planted communities, Leiden found {}; "
                   "NMI {:.4f}, ARI {:.4f}, modularity {:.4f}, stability NMI {:.4f}, member-weighted dominant-region share {:.3f}",
                   net.num_communities(), r.best.count, cmp.nmi, cmp.ari, r.best_quality, r.stability_nmi, share));
  CHECK(cmp.nmi >= 0.8);
  for (std::uint32_t c = 0; c < r.best.count; ++c) CHECK(stats.components[c] == 1);
}
