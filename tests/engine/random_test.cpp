#include <catch2/catch.hpp>
#include <algorithm>

#include <cmath>
#include <vector>

#include "engine/random.hpp"

using namespace peerscout;

TEST_CASE("Rng: SplitMix64 reference values", "[random]") {
  // Reference: Vigna's splitmix64.c with state 0 -> first outputs.
  std::uint64_t state = 0;
  auto next = [&] {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  };
  CHECK(next() == 0xe220a8397b1dcdafULL);  // published first output of splitmix64 seeded with 0
  CHECK(mix64(0) == 0xe220a8397b1dcdafULL);
}

TEST_CASE("Rng: keyed by (seed, stream, item), not by call order", "[random]") {
  auto a = Rng::for_item(42, Stream::kRRSets, 7);
  auto b = Rng::for_item(42, Stream::kRRSets, 7);
  auto c = Rng::for_item(42, Stream::kRRSets, 8);
  auto d = Rng::for_item(43, Stream::kRRSets, 7);
  auto e = Rng::for_item(42, Stream::kNodeOrder, 7);
  const auto x = a();
  CHECK(x == b());
  CHECK(x != c());
  CHECK(x != d());
  CHECK(x != e());
}

TEST_CASE("Rng: below() is unbiased and in range", "[random]") {
  auto rng = Rng::for_item(1, Stream::kGenerator, 0);
  std::vector<int> count(7, 0);
  constexpr int kDraws = 700000;
  for (int i = 0; i < kDraws; ++i) {
    const auto k = rng.below(7);
    REQUIRE(k < 7);
    ++count[k];
  }
  // Chi-square with 6 degrees of freedom: P(X > 22.46) = 0.001.
  double chi2 = 0.0;
  for (int c : count) chi2 += (c - kDraws / 7.0) * (c - kDraws / 7.0) / (kDraws / 7.0);
  CHECK(chi2 < 22.46);
}

TEST_CASE("Rng: uniform01 mean and range", "[random]") {
  auto rng = Rng::for_item(5, Stream::kSimulation, 3);
  double sum = 0.0;
  constexpr int kDraws = 400000;
  for (int i = 0; i < kDraws; ++i) {
    const double u = rng.uniform01();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
  }
  // Mean of U(0,1) has sd 1/sqrt(12 n) ~ 4.6e-4; 5 sd.
  CHECK(std::abs(sum / kDraws - 0.5) < 5 * 4.6e-4);
}

TEST_CASE("shuffle: a permutation, reproducible", "[random]") {
  std::vector<int> a(100), b(100);
  for (int i = 0; i < 100; ++i) a[i] = b[i] = i;
  auto r1 = Rng::for_item(9, Stream::kNodeOrder, 1);
  auto r2 = Rng::for_item(9, Stream::kNodeOrder, 1);
  shuffle(a.begin(), a.end(), r1);
  shuffle(b.begin(), b.end(), r2);
  CHECK(a == b);
  auto sorted = a;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < 100; ++i) CHECK(sorted[i] == i);
  int fixed = 0;
  for (int i = 0; i < 100; ++i) fixed += a[i] == i;
  CHECK(fixed < 10);
}
