// Planted-partition generator: determinism, realised mixing and degree, size distribution, errors.
#include <catch2/catch.hpp>

#include <algorithm>

#include "datasets/generators/planted_partition.hpp"
#include "engine/error.hpp"
#include "tests/support/thread_sweep.hpp"

using namespace peerscout;
using namespace peerscout::datasets;

TEST_CASE("planted partition: same output for 1 and 2 threads", "[community][threads]") {
  const PlantedPartitionOptions o{.n = 20000, .mu = 0.3, .seed = 4};
  const auto a = test::with_threads(1, [&] { return planted_partition(o); });
  const auto b = test::with_threads(2, [&] { return planted_partition(o); });
  CHECK(a.graph.edges.src == b.graph.edges.src);
  CHECK(a.graph.edges.dst == b.graph.edges.dst);
  CHECK(a.membership == b.membership);
  const auto c = planted_partition({.n = 20000, .mu = 0.3, .seed = 5});
  CHECK(c.graph.edges.src != a.graph.edges.src);
}

TEST_CASE("planted partition: mixing, degree and sizes as asked", "[community]") {
  for (double mu : {0.1, 0.3, 0.5}) {
    const PlantedPartitionOptions o{.n = 20000, .average_degree = 20, .mu = mu, .seed = 2};
    const auto p = planted_partition(o);
    const auto& e = p.graph.edges;
    std::size_t cross = 0, loops = 0;
    for (std::size_t i = 0; i < e.size(); ++i) {
      cross += p.membership[e.src[i]] != p.membership[e.dst[i]];
      loops += e.src[i] == e.dst[i];
    }
    const double realised_mu = static_cast<double>(cross) / static_cast<double>(e.size());
    INFO("mu " << mu << " realised " << realised_mu);
    // hubs of small communities have their internal part capped: realised mixing slightly above mu
    CHECK(realised_mu >= mu - 0.01);
    CHECK(realised_mu <= mu + 0.05);
    CHECK(loops == 0);
    const double avg = 2.0 * static_cast<double>(e.size()) / o.n;
    CHECK(avg == Approx(20.0).epsilon(0.05));
    const auto k = *std::max_element(p.membership.begin(), p.membership.end()) + 1;
    std::vector<std::uint32_t> sizes(k, 0);
    for (auto c : p.membership) ++sizes[c];
    CHECK(*std::min_element(sizes.begin(), sizes.end()) >= 20);  // s_min = max(10, ceil(avg)) = 20
    CHECK(*std::max_element(sizes.begin(), sizes.end()) >= 5 * 20);  // heavy tail
  }
  // Equal sizes when the number of communities is given.
  const auto q = planted_partition({.n = 1001, .communities = 10, .average_degree = 8, .seed = 1});
  std::vector<std::uint32_t> sizes(10, 0);
  for (auto c : q.membership) ++sizes[c];
  CHECK(*std::max_element(sizes.begin(), sizes.end()) == 101);
  CHECK(*std::min_element(sizes.begin(), sizes.end()) == 100);
}

TEST_CASE("planted partition: bad options", "[community]") {
  CHECK_THROWS_AS(planted_partition({.n = 1}), InvalidArgument);
  CHECK_THROWS_AS(planted_partition({.n = 100, .mu = 1.5}), InvalidArgument);
  CHECK_THROWS_AS(planted_partition({.n = 100, .average_degree = 0}), InvalidArgument);
  CHECK_THROWS_AS(planted_partition({.n = 100, .communities = 51}), InvalidArgument);
  CHECK_THROWS_AS(planted_partition({.n = 100, .degree_exponent = 1.0}), InvalidArgument);
}
