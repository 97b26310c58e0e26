#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "algorithms/influence/baselines.hpp"
#include "engine/error.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using namespace peerscout::influence;

namespace {

// Direct transcriptions of the definitions, recomputing every score from scratch each round
// (O(k (n + m))), as the validators for the incremental implementations.
std::vector<VertexId> naive_degree_discount(const DiffusionGraph& g, std::size_t k, double p) {
  const VertexId n = g.num_vertices();
  std::vector<std::uint8_t> chosen(n, 0);
  std::vector<VertexId> seeds;
  while (seeds.size() < std::min<std::size_t>(k, n)) {
    double best = -std::numeric_limits<double>::infinity();
    VertexId arg = kNoVertex;
    for (VertexId v = 0; v < n; ++v) {
      if (chosen[v]) continue;
      double t_in = 0, t_out = 0;
      for (VertexId w : g.senders(v)) t_in += chosen[w];
      for (VertexId u : g.receivers(v)) t_out += chosen[u];
      const double eff = static_cast<double>(g.out_degree(v)) - t_out;
      const double dd = eff - t_in - eff * t_in * p;
      if (dd > best) {
        best = dd;
        arg = v;
      }
    }
    chosen[arg] = 1;
    seeds.push_back(arg);
  }
  return seeds;
}

// networkx.voterank's loop (directed: a vertex collects the abilities of its out-neighbours in the
// graph, i.e. of its receivers in the diffusion graph) with exact rational arithmetic in units of
// 1/(2m).
std::vector<VertexId> naive_vote_rank(const DiffusionGraph& g, std::size_t k) {
  const VertexId n = g.num_vertices();
  const auto m = static_cast<std::int64_t>(g.num_arcs());
  std::vector<std::int64_t> ability(n, 2 * m);
  std::vector<std::uint8_t> chosen(n, 0);
  std::vector<VertexId> seeds;
  for (std::size_t round = 0; round < k; ++round) {
    std::int64_t best = 0;
    VertexId arg = kNoVertex;
    for (VertexId v = 0; v < n; ++v) {
      if (chosen[v]) continue;
      std::int64_t s = 0;
      for (VertexId u : g.receivers(v)) s += ability[u];
      if (s > best) {
        best = s;
        arg = v;
      }
    }
    if (arg == kNoVertex) break;
    chosen[arg] = 1;
    seeds.push_back(arg);
    ability[arg] = 0;
    for (VertexId u : g.receivers(arg)) ability[u] = std::max<std::int64_t>(0, ability[u] - n);
  }
  return seeds;
}

}  // namespace

TEST_CASE("top_k_by_score: order, ties by id, NaN last, exclusions", "[baselines]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> s{1.0, 3.0, nan, 3.0, 2.0, -1.0};
  CHECK(top_k_by_score(s, 3) == std::vector<VertexId>{1, 3, 4});
  CHECK(top_k_by_score(s, 10) == std::vector<VertexId>{1, 3, 4, 0, 5, 2});
  CHECK(top_k_by_score(s, 2, {1}) == std::vector<VertexId>{3, 4});
  CHECK(top_k_by_score(s, 0).empty());
  CHECK_THROWS_AS(top_k_by_score(s, 1, {6}), InvalidArgument);
}

TEST_CASE("degree discount: hand-computed case and the undirected formula", "[baselines]") {
  // Undirected star 0-{1,2,3} plus edge 3-4 (every follow reciprocal): degrees 3,1,1,2,1.
  // p = 0.1. Round 1: 0 (dd 3). Then t = 1 for 1, 2, 3: dd_3 = 2 - 2*1 - (2-1)*1*0.1 = -0.1,
  // dd_1 = dd_2 = 1 - 2 - 0 = -1, dd_4 = 1 (untouched) -> 4. Round 3: dd_3 = 2 - 4 - 0 = -2
  // (t = 2), so 3 ranks below 1 and 2 (-1): 1 (smaller id).
  const auto f = test::undirected(5, {{0, 1}, {0, 2}, {0, 3}, {3, 4}});
  const auto g = make_diffusion_graph(f, parse_probabilities("constant:0.1"));
  CHECK(degree_discount(g, 3, 0.1) == std::vector<VertexId>{0, 4, 1});
  CHECK(degree_discount(g, 3, 0.1, {0}) == std::vector<VertexId>{3, 1, 2});
  CHECK_THROWS_AS(degree_discount(g, 1, 1.5), InvalidArgument);
  // Matches the from-scratch transcription on random directed graphs.
  for (std::uint64_t seed : {1, 2, 3}) {
    const auto r = make_diffusion_graph(test::skewed_random_graph(9, 6, seed), {});
    for (double p : {0.01, 0.1, 0.5}) CHECK(degree_discount(r, 25, p) == naive_degree_discount(r, 25, p));
  }
}

TEST_CASE("vote rank: hand-computed case and networkx's loop", "[baselines]") {
  // Followers: 1, 2, 3 follow 0; 4, 5 follow 3; 5 follows 1. Diffusion arcs 0->1,2,3; 3->4,5;
  // 1->5. n = 6, m = 6, f = n / 2m = 1/2. Scores (abilities 1): 0: 3, 3: 2, 1: 1. Pick 0;
  // abilities 1, 2, 3 drop to 1/2. Scores: 3: 2 (voters 4, 5), 1: 1 (voter 5). Pick 3; abilities
  // of 4, 5 -> 1/2. Score of 1: 1/2 -> pick 1. Then 2, 4, 5 have no voters: stop.
  const auto f = test::directed(6, {{1, 0}, {2, 0}, {3, 0}, {4, 3}, {5, 3}, {5, 1}});
  const auto g = make_diffusion_graph(f, {});
  CHECK(vote_rank(g, 5) == std::vector<VertexId>{0, 3, 1});
  CHECK(vote_rank(g, 2) == std::vector<VertexId>{0, 3});
  CHECK(vote_rank(g, 5, {3}) == std::vector<VertexId>{0, 1});
  for (std::uint64_t seed : {4, 5, 6}) {
    const auto r = make_diffusion_graph(test::skewed_random_graph(9, 6, seed), {});
    CHECK(vote_rank(r, 40) == naive_vote_rank(r, 40));
  }
}
