#include <catch2/catch.hpp>
#include <algorithm>

#include <map>
#include <set>

#include "engine/error.hpp"
#include "engine/trust_layer.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/thread_sweep.hpp"

using namespace peerscout;
using test::to_vec;

TEST_CASE("trust layer: hand-checked example", "[trust]") {
  // follows: 0<->1 reciprocal, 0->2 one-way, 2<->3 reciprocal, 4->0
  const auto follows = test::directed(6, {{0, 1}, {1, 0}, {0, 2}, {2, 3}, {3, 2}, {4, 0}});
  // friends: {0,1} (also reciprocal: 2 signals), {1,5}, {3,3} loop ignored
  const auto friends = test::undirected(6, {{0, 1}, {1, 5}});
  // interactions: 1->0 (5), 0->1 (2), 2->3 (1.5), 4->0 (9: one-sided, no trust tie)
  const auto inter = test::weighted(true, 6, {{1, 0, 5.0f}, {0, 1, 2.0f}, {2, 3, 1.5f}, {4, 0, 9.0f}});

  const auto t = build_trust_layer(6, &follows, &friends, &inter);
  CHECK_FALSE(t.directed());
  CHECK(t.weighted());
  CHECK(t.num_edges() == 3);
  CHECK(to_vec(t.out_neighbors(0)) == std::vector<VertexId>{1});
  CHECK(to_vec(t.out_weights(0)) == std::vector<Weight>{2.0f + 5.0f + 2.0f});  // 2 signals + both directions
  CHECK(to_vec(t.out_neighbors(1)) == std::vector<VertexId>{0, 5});
  CHECK(to_vec(t.out_weights(1)) == std::vector<Weight>{9.0f, 1.0f});
  CHECK(to_vec(t.out_neighbors(2)) == std::vector<VertexId>{3});
  CHECK(to_vec(t.out_weights(3)) == std::vector<Weight>{1.0f + 1.5f});
  CHECK(t.out_degree(4) == 0);  // follows 0 and interacts with 0, but 0 does not follow back

  SECTION("without interactions every tie weighs its signal count") {
    const auto t2 = build_trust_layer(6, &follows, &friends, nullptr);
    CHECK(to_vec(t2.out_weights(1)) == std::vector<Weight>{2.0f, 1.0f});
  }
  SECTION("follows only") {
    const auto t3 = build_trust_layer(6, &follows, nullptr, nullptr);
    CHECK(t3.num_edges() == 2);
  }
  SECTION("friends only") {
    const auto t4 = build_trust_layer(6, nullptr, &friends, nullptr);
    CHECK(t4.num_edges() == 2);
  }
}

TEST_CASE("trust layer: rejects missing or mistyped inputs", "[trust]") {
  const auto d = test::directed(3, {{0, 1}});
  const auto u = test::undirected(3, {{0, 1}});
  CHECK_THROWS_AS(build_trust_layer(3, nullptr, nullptr, nullptr), InvalidArgument);
  CHECK_THROWS_AS(build_trust_layer(3, &u, nullptr, nullptr), InvalidArgument);
  CHECK_THROWS_AS(build_trust_layer(3, nullptr, &d, nullptr), InvalidArgument);
  CHECK_THROWS_AS(build_trust_layer(4, &d, nullptr, nullptr), InvalidArgument);
}

TEST_CASE("trust layer: matches a set-based definition on a random graph, any thread count", "[trust][threads][invariant]") {
  constexpr VertexId n = 3000;
  EdgeList fe, fr, ie;
  std::uint64_t x = 7;
  auto next = [&] {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return x >> 20;
  };
  std::set<std::pair<VertexId, VertexId>> follow_set, friend_set;
  std::map<std::pair<VertexId, VertexId>, double> inter;
  for (int i = 0; i < 60000; ++i) {
    const auto u = static_cast<VertexId>(next() % n), v = static_cast<VertexId>(next() % 40 + (u / 40) * 40) % n;
    fe.add(u, v);
    if (u != v) follow_set.insert({u, v});
    if (i % 3 == 0) {
      const auto a = static_cast<VertexId>(next() % n), b = static_cast<VertexId>(next() % n);
      fr.add(a, b);
      if (a != b) {
        friend_set.insert({a, b});
        friend_set.insert({b, a});
      }
    }
    if (i % 2 == 0) {
      const auto w = static_cast<Weight>(next() % 4 + 1);
      ie.add(u, v, w);
      if (u != v) inter[{u, v}] += static_cast<double>(w);
    }
  }
  const auto follows = build_csr(std::move(fe), n, {.directed = true}).graph;
  const auto friends = build_csr(std::move(fr), n, {.directed = false}).graph;
  const auto interactions = build_csr(std::move(ie), n, {.directed = true}).graph;

  std::map<std::pair<VertexId, VertexId>, double> expected;
  for (auto [a, b] : friend_set) expected[{a, b}] += 1.0;
  for (auto [a, b] : follow_set)
    if (follow_set.count({b, a})) expected[{a, b}] += 1.0;
  for (auto& [e, w] : expected) {
    auto f = inter.find(e);
    if (f != inter.end()) w += f->second;
    auto r = inter.find({e.second, e.first});
    if (r != inter.end()) w += r->second;
  }

  const auto one = test::with_threads(1, [&] { return build_trust_layer(n, &follows, &friends, &interactions); });
  const auto two = test::with_threads(2, [&] { return build_trust_layer(n, &follows, &friends, &interactions); });
  std::map<std::pair<VertexId, VertexId>, double> got;
  for (VertexId u = 0; u < n; ++u) {
    const auto nb = one.out_neighbors(u);
    const auto w = one.out_weights(u);
    for (std::size_t k = 0; k < nb.size(); ++k) got[{u, nb[k]}] = w[k];
  }
  CHECK(got == expected);
  CHECK(std::ranges::equal(one.targets(), two.targets()));
  CHECK(std::ranges::equal(one.weights(), two.weights()));
}
