// Guimera-Amaral measures and roles against a naive computation written here from the definitions
// (Guimera & Amaral, Nature 433:895, 2005): every tie is attributed from a single pass over the
// OUT-arcs with std::map per vertex (the implementation reads in-arcs for in-ties and uses dense
// tables), z from per-community member lists, P from the map, roles from the published table.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <set>

#include "algorithms/centrality/pagerank.hpp"
#include "algorithms/community/leiden.hpp"
#include "algorithms/roles/classify.hpp"
#include "algorithms/roles/participation.hpp"
#include "datasets/embedded/karate.hpp"
#include "engine/csr_builder.hpp"
#include "engine/error.hpp"
#include "engine/random.hpp"
#include "engine/symmetrize.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using namespace peerscout::roles;

namespace {

struct Naive {
  std::vector<std::map<std::uint32_t, double>> kis;        // per vertex: community -> ties (weight)
  std::vector<std::map<std::uint32_t, std::uint64_t>> edges;  // per vertex: community -> number of ties
  std::vector<double> k, kappa, z, p;
  std::vector<std::uint32_t> reached;
};

// Direct computation from the definitions. Ties of a directed graph: an arc u -> w is an out-tie of
// u and an in-tie of w. Undirected graphs store each edge as two arcs, so each endpoint gets it
// once from its own arc. Self-loops are no ties.
Naive naive(const CsrGraph& g, const std::vector<std::uint32_t>& m, TieDirection dir, bool weighted, bool sample_sd,
            std::uint32_t min_ties) {
  const VertexId n = g.num_vertices();
  Naive r;
  r.kis.resize(n);
  r.edges.resize(n);
  for (VertexId u = 0; u < n; ++u) {
    const auto nb = g.out_neighbors(u);
    const auto wt = g.out_weights(u);
    for (std::size_t i = 0; i < nb.size(); ++i) {
      const VertexId w = nb[i];
      if (w == u) continue;
      const double x = weighted && g.weighted() ? static_cast<double>(wt[i]) : 1.0;
      const bool out = !g.directed() || dir != TieDirection::kIn;
      const bool in = g.directed() && dir != TieDirection::kOut;
      if (out) {
        r.kis[u][m[w]] += x;
        r.edges[u][m[w]] += 1;
      }
      if (in) {
        r.kis[w][m[u]] += x;
        r.edges[w][m[u]] += 1;
      }
    }
  }
  r.k.assign(n, 0.0);
  r.kappa.assign(n, 0.0);
  r.p.assign(n, 0.0);
  r.reached.assign(n, 0);
  for (VertexId v = 0; v < n; ++v) {
    for (const auto& [c, x] : r.kis[v]) r.k[v] += x;
    if (r.kis[v].count(m[v])) r.kappa[v] = r.kis[v].at(m[v]);
    if (r.k[v] > 0) {
      double s = 0;
      for (const auto& [c, x] : r.kis[v]) s += (x / r.k[v]) * (x / r.k[v]);
      r.p[v] = 1.0 - s;
    }
    for (const auto& [c, e] : r.edges[v]) r.reached[v] += e >= min_ties;
  }
  std::map<std::uint32_t, std::vector<VertexId>> members;
  for (VertexId v = 0; v < n; ++v) members[m[v]].push_back(v);
  r.z.assign(n, 0.0);
  for (const auto& [c, vs] : members) {
    double mean = 0;
    for (VertexId v : vs) mean += r.kappa[v];
    mean /= static_cast<double>(vs.size());
    double var = 0;
    for (VertexId v : vs) var += (r.kappa[v] - mean) * (r.kappa[v] - mean);
    const double denom = static_cast<double>(vs.size()) - (sample_sd ? 1.0 : 0.0);
    const double sd = denom > 0 ? std::sqrt(var / denom) : 0.0;
    for (VertexId v : vs) r.z[v] = sd > 0 ? (r.kappa[v] - mean) / sd : 0.0;
  }
  return r;
}

// The role table of Guimera & Amaral (2005), written out directly.
int naive_role(double z, double p, double hub_z = 2.5, double r1 = 0.05, double r2 = 0.62, double r3 = 0.80,
               double r5 = 0.30, double r6 = 0.75) {
  if (z < hub_z) return p <= r1 ? 1 : p <= r2 ? 2 : p <= r3 ? 3 : 4;
  return p <= r5 ? 5 : p <= r6 ? 6 : 7;
}

bool close(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }

// Compares participation() with the naive computation; returns the number of mismatches (and
// reports the first one).
std::size_t compare(const CsrGraph& g, const std::vector<std::uint32_t>& m, const ParticipationOptions& o,
                    const std::string& label) {
  const auto r = participation(g, m, o);
  const auto e = naive(g, m, o.direction, o.use_weights, o.sample_sd, o.min_ties);
  std::size_t bad = 0;
  for (VertexId v = 0; v < g.num_vertices(); ++v) {
    const bool ok = close(r.degree[v], e.k[v]) && close(r.within[v], e.kappa[v]) && close(r.z[v], e.z[v]) &&
                    close(r.participation[v], e.p[v]) && r.communities_reached[v] == e.reached[v];
    if (!ok && bad++ == 0)
      FAIL_CHECK(fmt::format("{}: vertex {}: k {} vs {}, kappa {} vs {}, z {} vs {}, P {} vs {}, reached {} vs {}",
                             label, v, r.degree[v], e.k[v], r.within[v], e.kappa[v], r.z[v], e.z[v],
                             r.participation[v], e.p[v], r.communities_reached[v], e.reached[v]));
    // Roles: the library's classification of ITS values equals the table applied to the naive values
    // (away from the thresholds, where rounding could legitimately flip a class).
    const int want = naive_role(e.z[v], e.p[v]);
    const int got = static_cast<int>(classify_role(r.z[v], r.participation[v]));
    const double margin = std::min({std::abs(e.z[v] - 2.5), std::abs(e.p[v] - 0.05), std::abs(e.p[v] - 0.62),
                                    std::abs(e.p[v] - 0.80), std::abs(e.p[v] - 0.30), std::abs(e.p[v] - 0.75)});
    if (want != got && margin > 1e-9 && bad++ == 0)
      FAIL_CHECK(fmt::format("{}: vertex {}: role R{} vs naive R{}", label, v, got, want));
  }
  return bad;
}

std::vector<std::uint32_t> leiden_membership(const CsrGraph& g, std::uint64_t seed = 7) {
  const CsrGraph u = g.directed() ? symmetrize(g, SymmetrizeWeights::kSum) : CsrGraph();
  return community::leiden(g.directed() ? u : g, {.use_weights = false, .seed = seed}).partition.membership;
}

}  // namespace

TEST_CASE("participation: hand-computed two-community example", "[roles]") {
  // Community 0 = {0,1,2,3}, community 1 = {4,5,6}. Edges: 0-1 0-2 0-3 1-2 (inside 0), 4-5 5-6
  // (inside 1), 0-4 3-4 3-5 (across), plus a self-loop at 6 (ignored).
  const auto g = test::undirected(7, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {4, 5}, {5, 6}, {0, 4}, {3, 4}, {3, 5}, {6, 6}},
                                  {.directed = false, .self_loops = SelfLoops::kKeep});
  const std::vector<std::uint32_t> m = {0, 0, 0, 0, 1, 1, 1};
  const auto r = participation(g, m, {.min_ties = 2});
  // kappa: 0:3 1:2 2:2 3:1 | 4:1 5:2 6:1; k: 0:4 1:2 2:2 3:3 | 4:3 5:3 6:1
  CHECK(r.degree == std::vector<double>{4, 2, 2, 3, 3, 3, 1});
  CHECK(r.within == std::vector<double>{3, 2, 2, 1, 1, 2, 1});
  // community 0: mean 2, population sd sqrt((1+0+0+1)/4) = sqrt(0.5)
  CHECK(r.z[0] == Approx(1.0 / std::sqrt(0.5)));
  CHECK(r.z[1] == Approx(0.0).margin(1e-15));
  CHECK(r.z[3] == Approx(-1.0 / std::sqrt(0.5)));
  // community 1: mean 4/3, var ((1/3)^2 * 2 + (2/3)^2) / 3 = 2/9
  CHECK(r.z[5] == Approx((2.0 - 4.0 / 3.0) / std::sqrt(2.0 / 9.0)));
  CHECK(r.community_mean == std::vector<double>{2.0, 4.0 / 3.0});
  // P_0 = 1 - (3/4)^2 - (1/4)^2 = 0.375; P_3 = 1 - (1/3)^2 - (2/3)^2 = 4/9; P_4 = 4/9; P_6 = 0
  CHECK(r.participation[0] == Approx(0.375));
  CHECK(r.participation[3] == Approx(4.0 / 9.0));
  CHECK(r.participation[4] == Approx(4.0 / 9.0));
  CHECK(r.participation[6] == 0.0);
  // min_ties 2: vertex 3 has 1 tie in 0 and 2 in 1 -> 1 community; vertex 0: 3 in 0 -> 1
  CHECK(r.communities_reached == std::vector<std::uint32_t>{1, 1, 1, 1, 1, 1, 0});
  // sample sd: community 0 sd = sqrt(2/3)
  const auto s = participation(g, m, {.sample_sd = true});
  CHECK(s.z[0] == Approx(1.0 / std::sqrt(2.0 / 3.0)));
  // Both internal strategies agree bit for bit.
  const auto sorted = participation(g, m, {.min_ties = 2, .dense_limit = 0});
  CHECK(sorted.z == r.z);
  CHECK(sorted.participation == r.participation);
  CHECK(sorted.communities_reached == r.communities_reached);
  // community_ties of vertex 3: {1: 2 ties, 0: 1 tie}
  const auto t = community_ties(g, m, 3);
  REQUIRE(t.size() == 2);
  CHECK(t[0] == CommunityTies{1, 2.0, 2});
  CHECK(t[1] == CommunityTies{0, 1.0, 1});
}

TEST_CASE("participation: directed tie directions and weights, hand-computed", "[roles]") {
  // 0 -> 1, 2 -> 0, 3 -> 0 (weight 2), 0 -> 3 (weight 5); communities {0,1} and {2,3}.
  const auto g = test::weighted(true, 4, {{0, 1, 1.0F}, {2, 0, 1.0F}, {3, 0, 2.0F}, {0, 3, 5.0F}});
  const std::vector<std::uint32_t> m = {0, 0, 1, 1};
  const auto in = participation(g, m, {.direction = TieDirection::kIn});
  CHECK(in.degree[0] == 2);  // followers 2 and 3
  CHECK(in.within[0] == 0);
  CHECK(in.participation[0] == 0.0);  // all in-ties in community 1
  const auto out = participation(g, m, {.direction = TieDirection::kOut});
  CHECK(out.degree[0] == 2);
  CHECK(out.participation[0] == Approx(0.5));
  const auto all = participation(g, m, {.direction = TieDirection::kAll});
  CHECK(all.degree[0] == 4);
  CHECK(all.participation[0] == Approx(1.0 - 1.0 / 16.0 - 9.0 / 16.0));
  const auto wall = participation(g, m, {.direction = TieDirection::kAll, .use_weights = true});
  CHECK(wall.degree[0] == 9);  // 1 + 1 + 2 + 5
  CHECK(wall.participation[0] == Approx(1.0 - (1.0 / 9) * (1.0 / 9) - (8.0 / 9) * (8.0 / 9)));
  CHECK(community_ties(g, m, 0, {.use_weights = true}) ==
        std::vector<CommunityTies>{{1, 8.0, 3}, {0, 1.0, 1}});
}

TEST_CASE("participation: bad input", "[roles]") {
  const auto g = test::undirected(3, {{0, 1}, {1, 2}});
  CHECK_THROWS_AS(participation(g, {0, 0}), InvalidArgument);
  CHECK_THROWS_WITH(participation(g, {0, 0, 3}), Catch::Contains("community id 3"));
  CHECK_THROWS_AS(participation(g, {0, 0, 0}, {.min_ties = 0}), InvalidArgument);
  const auto neg = test::weighted(false, 2, {{0, 1, -1.0F}});
  CHECK_THROWS_AS(participation(neg, {0, 0}, {.use_weights = true}), InvalidArgument);
  CHECK_NOTHROW(participation(neg, {0, 0}));  // unweighted variant ignores the weights
  CHECK_THROWS_AS(community_ties(g, std::vector<std::uint32_t>{0, 0, 0}, 5), InvalidArgument);
  const CsrGraph null_graph = test::undirected(0, {});
  const auto r = participation(null_graph, {});
  CHECK(r.z.empty());
  CHECK(r.num_communities == 0);
  CHECK(local_pagerank(null_graph, {}).empty());
}

TEST_CASE("participation and roles equal the naive computation on karate", "[roles][oracle]") {
  for (bool weighted : {false, true}) {
    const auto g = datasets::karate(false, weighted);
    std::vector<std::uint32_t> club(datasets::kKarateClub.begin(), datasets::kKarateClub.end());
    for (const auto& m : {club, leiden_membership(g)}) {
      for (bool sample : {false, true})
        CHECK(compare(g, m, {.use_weights = weighted, .sample_sd = sample, .min_ties = 2}, "karate") == 0);
    }
    const auto dg = datasets::karate(true, weighted);
    for (auto dir : {TieDirection::kAll, TieDirection::kIn, TieDirection::kOut})
      CHECK(compare(dg, club, {.direction = dir, .use_weights = weighted}, "karate directed") == 0);
  }
  // Under the club split the two leaders (0 and 33) are the hubs (z >= 2.5).
  const auto g = datasets::karate();
  std::vector<std::uint32_t> club(datasets::kKarateClub.begin(), datasets::kKarateClub.end());
  const auto r = participation(g, club);
  const auto roles = classify_roles(r.z, r.participation);
  CHECK(is_hub(roles[0]));
  CHECK(is_hub(roles[33]));
}

TEST_CASE("participation and roles equal the naive computation on the shared networks",
          "[roles][oracle][shared-data]") {
  std::size_t graphs = 0;
  std::string table;
  const bool found = test::for_each_shared_graph(true, [&](const test::SharedGraph& sg) {
    const CsrGraph& g = sg.graph;
    ++graphs;
    // Leiden's communities on the smaller networks; on the large ones (to keep the test fast) a
    // fixed pseudo-random partition into 40 groups, which exercises the same code paths.
    std::vector<std::uint32_t> m;
    if (g.num_vertices() <= 10000) {
      m = leiden_membership(g);
    } else {
      m.resize(g.num_vertices());
      for (VertexId v = 0; v < g.num_vertices(); ++v) m[v] = static_cast<std::uint32_t>(mix64(v) % 40);
    }
    std::size_t bad = compare(g, m, {.min_ties = 2}, sg.label());
    // The direction variants on the directed networks up to 300k arcs (the largest ones only get
    // the default variant, to keep the test fast).
    if (g.directed() && g.num_edges() <= 300000) {
      bad += compare(g, m, {.direction = TieDirection::kIn}, sg.label() + " in");
      bad += compare(g, m, {.direction = TieDirection::kOut, .sample_sd = true}, sg.label() + " out");
    }
    if (g.weighted()) {
      bool negative = false;
      for (Weight w : g.weights()) negative = negative || w < 0;
      if (negative)
        CHECK_THROWS_AS(participation(g, m, {.use_weights = true}), InvalidArgument);
      else
        bad += compare(g, m, {.use_weights = true}, sg.label() + " weighted");
    }
    CHECK(bad == 0);
    const auto r = participation(g, m);
    std::array<std::size_t, 8> count{};
    for (Role x : classify_roles(r.z, r.participation)) ++count[static_cast<std::size_t>(x)];
    table += fmt::format("{}: {} communities, R1..R7 = {} {} {} {} {} {} {}\n", sg.label(), r.num_communities,
                         count[1], count[2], count[3], count[4], count[5], count[6], count[7]);
  });
  if (!found) {
    WARN("shared datasets absent: skipped");
    return;
  }
  INFO(table);
  CHECK(graphs >= 10);
}

TEST_CASE("roles: thresholds are honoured", "[roles]") {
  // The table at and around every boundary (boundaries belong to the lower class).
  CHECK(classify_role(2.5, 0.30) == Role::kProvincialHub);
  CHECK(classify_role(2.5, 0.3000001) == Role::kConnectorHub);
  CHECK(classify_role(2.4999, 0.30) == Role::kPeripheral);
  CHECK(classify_role(10, 0.75) == Role::kConnectorHub);
  CHECK(classify_role(10, 0.76) == Role::kKinlessHub);
  CHECK(classify_role(0, 0.05) == Role::kUltraPeripheral);
  CHECK(classify_role(0, 0.0501) == Role::kPeripheral);
  CHECK(classify_role(0, 0.62) == Role::kPeripheral);
  CHECK(classify_role(0, 0.63) == Role::kNonHubConnector);
  CHECK(classify_role(0, 0.80) == Role::kNonHubConnector);
  CHECK(classify_role(0, 0.81) == Role::kNonHubKinless);
  CHECK(classify_role(std::nan(""), 0.5) == Role::kUnknown);

  // Custom thresholds on karate: every vertex follows the table with those numbers, and lowering
  // hub_z turns non-hubs with z in [1, 2.5) into hubs.
  const auto g = datasets::karate();
  std::vector<std::uint32_t> club(datasets::kKarateClub.begin(), datasets::kKarateClub.end());
  const auto r = participation(g, club);
  const RoleThresholds t{.hub_z = 1.0, .ultra_peripheral = 0.1, .peripheral = 0.3, .connector = 0.5,
                         .provincial_hub = 0.2, .connector_hub = 0.4};
  const auto def = classify_roles(r.z, r.participation);
  const auto custom = classify_roles(r.z, r.participation, t);
  std::size_t changed = 0, promoted = 0;
  for (VertexId v = 0; v < g.num_vertices(); ++v) {
    CHECK(static_cast<int>(custom[v]) == naive_role(r.z[v], r.participation[v], 1.0, 0.1, 0.3, 0.5, 0.2, 0.4));
    CHECK(static_cast<int>(def[v]) == naive_role(r.z[v], r.participation[v]));
    changed += custom[v] != def[v];
    if (r.z[v] >= 1.0 && r.z[v] < 2.5) {
      CHECK(is_hub(custom[v]));
      CHECK_FALSE(is_hub(def[v]));
      ++promoted;
    }
  }
  CHECK(promoted > 0);
  CHECK(changed > promoted);  // the P thresholds moved classes too

  CHECK_THROWS_AS(classify_roles(r.z, r.participation, {.peripheral = 0.9}), InvalidArgument);  // > connector
  CHECK_THROWS_AS(classify_roles(r.z, r.participation, {.provincial_hub = 0.8}), InvalidArgument);
  CHECK_THROWS_AS(classify_roles(r.z, r.participation, {.hub_z = std::nan("")}), InvalidArgument);
  CHECK_THROWS_AS(classify_roles(r.z, std::vector<double>{0.1}), InvalidArgument);

  CHECK(parse_role("r6") == Role::kConnectorHub);
  CHECK(parse_role("Non-hub_connector") == Role::kNonHubConnector);
  CHECK(parse_role("ultra peripheral") == Role::kUltraPeripheral);
  CHECK_THROWS_AS(parse_role("R8"), InvalidArgument);
  for (int i = 1; i <= 7; ++i) {
    const auto x = static_cast<Role>(i);
    CHECK(parse_role(role_name(x)) == x);
    CHECK(role_code(x) == "R" + std::to_string(i));
  }
}

TEST_CASE("local_pagerank equals each community's own PageRank, scaled to mean 1", "[roles][oracle]") {
  for (bool directed : {false, true}) {
    const auto g = datasets::karate(directed, true);
    const auto m = leiden_membership(datasets::karate());
    const auto lp = local_pagerank(g, m);
    std::map<std::uint32_t, std::vector<VertexId>> members;
    for (VertexId v = 0; v < g.num_vertices(); ++v) members[m[v]].push_back(v);
    for (const auto& [c, vs] : members) {
      // The induced subgraph with local ids, PageRank on its own.
      EdgeList el;
      for (std::size_t i = 0; i < vs.size(); ++i) {
        const auto nb = g.out_neighbors(vs[i]);
        const auto wt = g.out_weights(vs[i]);
        for (std::size_t j = 0; j < nb.size(); ++j) {
          const auto it = std::find(vs.begin(), vs.end(), nb[j]);
          if (it == vs.end() || (!directed && nb[j] < vs[i])) continue;
          el.add(static_cast<VertexId>(i), static_cast<VertexId>(it - vs.begin()), wt[j]);
        }
      }
      const auto sub = build_csr(std::move(el), static_cast<VertexId>(vs.size()), {.directed = directed}).graph;
      const auto pr = centrality::pagerank(sub, {.tolerance = 1e-13, .max_iterations = 10000});
      for (std::size_t i = 0; i < vs.size(); ++i)
        CHECK(lp[vs[i]] == Approx(pr.score[i] * static_cast<double>(vs.size())).epsilon(1e-6));
    }
  }
}

TEST_CASE("participation, local PageRank and roles are identical for 1 and 2 threads", "[roles][threads]") {
  const auto g = test::skewed_random_graph(14, 8, 3);  // 16k vertices: above kParallelMin
  std::vector<std::uint32_t> m(g.num_vertices());
  for (VertexId v = 0; v < g.num_vertices(); ++v)
    m[v] = static_cast<std::uint32_t>(mix64(v) % 50);
  auto run = [&] {
    const auto r = participation(g, m, {.dense_limit = 10});  // the sorting strategy
    const auto d = participation(g, m);
    return std::tuple(r.z, r.participation, r.communities_reached, d.z, d.participation,
                      classify_roles(r.z, r.participation), local_pagerank(g, m));
  };
  const auto one = test::with_threads(1, run);
  const auto two = test::with_threads(2, run);
  CHECK(one == two);
  CHECK(std::get<0>(one) == std::get<3>(one));  // dense table and sorting agree bit for bit
  CHECK(std::get<1>(one) == std::get<4>(one));
}
