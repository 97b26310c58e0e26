#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "engine/parallel.hpp"
#include "tests/support/thread_sweep.hpp"

using namespace peerscout;

TEST_CASE("deterministic_sum is bit-identical for 1 and 2 threads", "[parallel][threads]") {
  constexpr std::int64_t n = 1'000'003;
  auto f = [](std::int64_t i) { return std::sin(static_cast<double>(i)) * 1e-3 + 1.0 / static_cast<double>(i + 1); };
  const double one = test::with_threads(1, [&] { return deterministic_sum(n, f); });
  const double two = test::with_threads(2, [&] { return deterministic_sum(n, f); });
  CHECK(one == two);
  double serial = 0.0;  // and close to a plain serial sum (different order, so not bit-equal)
  for (std::int64_t i = 0; i < n; ++i) serial += f(i);
  CHECK(one == Approx(serial).epsilon(1e-12));
}

TEST_CASE("exclusive_scan_inplace matches a serial scan", "[parallel]") {
  for (std::size_t n : {0UL, 1UL, 5UL, 70000UL, 300001UL}) {
    std::vector<std::uint64_t> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = (i * 2654435761ULL) % 13;
    std::vector<std::uint64_t> expected(n);
    std::uint64_t run = 0;
    for (std::size_t i = 0; i < n; ++i) {
      expected[i] = run;
      run += v[i];
    }
    const auto total = test::with_threads(2, [&] { return exclusive_scan_inplace(v); });
    CHECK(v == expected);
    CHECK(total == run);
  }
}

TEST_CASE("ThreadScope restores the previous thread count", "[parallel]") {
  const int before = max_threads();
  {
    ThreadScope s(1);
    CHECK(max_threads() == 1);
  }
  CHECK(max_threads() == before);
}
