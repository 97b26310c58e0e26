// NMI, ARI and VI against igraph_compare_communities and hand-computed values.
#include <catch2/catch.hpp>

#include <cmath>

#include "algorithms/community/compare.hpp"
#include "engine/error.hpp"
#include "engine/random.hpp"
#include "tests/support/igraph_oracle_community.hpp"

using namespace peerscout;
using namespace peerscout::community;

TEST_CASE("compare: identical, hand-computed and degenerate partitions", "[community][quality]") {
  const std::vector<std::uint32_t> a = {0, 0, 1, 1}, b = {5, 5, 9, 9}, c = {0, 1, 0, 1};
  auto r = compare(a, b);
  CHECK(r.nmi == Approx(1.0));
  CHECK(r.ari == Approx(1.0));
  CHECK(r.vi == Approx(0.0).margin(1e-15));
  // a vs c: independent halves: I = 0, H = ln 2 each -> NMI 0, VI = 2 ln 2; ARI = -0.5
  // (Rand: pairs together in both 0, apart in both 2 of 6 -> RI = 1/3; expected = 1/9 + 4/9 = 5/9).
  r = compare(a, c);
  CHECK(r.nmi == Approx(0.0).margin(1e-15));
  CHECK(r.vi == Approx(2.0 * std::log(2.0)));
  CHECK(r.ari == Approx((1.0 / 3.0 - 5.0 / 9.0) / (1.0 - 5.0 / 9.0)));
  CHECK_THROWS_AS(compare(a, {0, 1}), InvalidArgument);
  // one community each: NMI 1 by convention
  CHECK(compare({3, 3, 3}, {1, 1, 1}).nmi == 1.0);
}

TEST_CASE("compare equals igraph_compare_communities", "[community][quality][oracle]") {
  for (std::uint64_t s = 1; s <= 20; ++s) {
    Rng rng = Rng::for_item(s, Stream::kTieBreak, 7);
    const std::size_t n = 2 + rng.below(300);
    const auto ka = 1 + rng.below(12), kb = 1 + rng.below(30);
    std::vector<std::uint32_t> a(n), b(n);
    for (std::size_t i = 0; i < n; ++i) {
      a[i] = static_cast<std::uint32_t>(rng.below(ka));
      // b correlated with a half of the time
      b[i] = rng.bernoulli(0.5) ? a[i] * 3 : static_cast<std::uint32_t>(rng.below(kb));
    }
    const auto ours = compare(a, b);
    const auto theirs = test::igraph_compare(a, b);
    INFO("seed " << s << " n " << n);
    CHECK(std::abs(ours.nmi - theirs.nmi) < 1e-12);
    CHECK(std::abs(ours.ari - theirs.ari) < 1e-12);
    CHECK(std::abs(ours.vi - theirs.vi) < 1e-12);
  }
}
