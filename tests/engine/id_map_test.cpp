#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "engine/detail/id_map_builder.hpp"
#include "engine/error.hpp"
#include "engine/id_map.hpp"
#include "tests/support/thread_sweep.hpp"

using namespace peerscout;

namespace {

std::vector<std::string> all_handles(const IdMap& m) {
  const StringColumn col = m.handles();
  std::vector<std::string> out;
  for (std::size_t i = 0; i < col.size(); ++i) out.emplace_back(col[i]);
  return out;
}

// Independent statement of the order rule: canonical integers (by value) first, then the rest by
// memcmp order.
bool reference_less(const std::string& a, const std::string& b) {
  auto canon = [](const std::string& s, unsigned long long& v) {
    if (s.empty() || s.size() > 19) return false;
    if (s[0] == '0' && s.size() > 1) return false;
    if (!std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    v = std::stoull(s);
    return v <= 9223372036854775807ULL;
  };
  unsigned long long va = 0, vb = 0;
  const bool ia = canon(a, va), ib = canon(b, vb);
  if (ia != ib) return ia;
  if (ia) return va < vb;
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return static_cast<unsigned char>(x) < static_cast<unsigned char>(y);
  });
}

}  // namespace

TEST_CASE("canonical_integer accepts exactly the canonical decimal integers below 2^63", "[idmap]") {
  CHECK(canonical_integer("0") == 0u);
  CHECK(canonical_integer("42") == 42u);
  CHECK(canonical_integer("9223372036854775807") == 9223372036854775807ULL);
  CHECK_FALSE(canonical_integer("9223372036854775808"));
  CHECK_FALSE(canonical_integer("18446744073709551616"));
  CHECK_FALSE(canonical_integer(""));
  CHECK_FALSE(canonical_integer("00"));
  CHECK_FALSE(canonical_integer("007"));
  CHECK_FALSE(canonical_integer("+1"));
  CHECK_FALSE(canonical_integer("-1"));
  CHECK_FALSE(canonical_integer("1 "));
  CHECK_FALSE(canonical_integer("1e3"));
  CHECK_FALSE(canonical_integer("@1"));
}

TEST_CASE("IdMap order rule: integers ascending, then strings byte-wise", "[idmap]") {
  const IdMap m = IdMap::from_handles(
      {"b", "10", "a", "2", "007", "0", "1234567890123456789", "-1", "@x", "10", "\xc3\xa9", "z", "9223372036854775808"});
  const std::vector<std::string> expected = {"0",   "2",   "10", "1234567890123456789", "-1", "007", "9223372036854775808",
                                             "@x",  "a",   "b",  "z",                   "\xc3\xa9"};
  CHECK(all_handles(m) == expected);
  REQUIRE(m.size() == expected.size());
  CHECK(m.num_integers() == 4);
  for (VertexId v = 0; v < m.size(); ++v) {
    CHECK(m.handle(v) == expected[v]);
    CHECK(m.find(expected[v]) == v);
  }
  CHECK_FALSE(m.find("1"));
  CHECK_FALSE(m.find("02"));
  CHECK_FALSE(m.find("+2"));
  CHECK_FALSE(m.find("c"));
  CHECK_FALSE(m.find(""));
  CHECK_FALSE(m.find("1234567890123456788"));
  CHECK_FALSE(m.is_identity());
}

TEST_CASE("IdMap keeps 0..n-1 as the identity", "[idmap]") {
  std::vector<std::string> hs;
  for (int i = 999; i >= 0; --i) hs.push_back(std::to_string(i));
  std::mt19937 rng(5);
  std::shuffle(hs.begin(), hs.end(), rng);
  const IdMap m = IdMap::from_handles(hs);
  CHECK(m.is_identity());
  CHECK(m.size() == 1000);
  CHECK(m == IdMap::identity(1000));
  for (VertexId v = 0; v < 1000; ++v) {
    CHECK(m.find(std::to_string(v)) == v);
    CHECK(m.handle(v) == std::to_string(v));
  }
  CHECK(m.memory_bytes() < 256);  // no per-vertex storage
}

TEST_CASE("IdMap: sparse 64-bit ids become compact ids", "[idmap]") {
  const IdMap m = IdMap::from_handles({"9000000000000000000", "5000000000", "300000000", "7", "1234567890123456789"});
  REQUIRE(m.size() == 5);
  CHECK(all_handles(m) ==
        std::vector<std::string>{"7", "300000000", "5000000000", "1234567890123456789", "9000000000000000000"});
  CHECK(m.find("9000000000000000000") == 4u);
  CHECK(m.find("300000000") == 1u);
  CHECK(m.memory_bytes() < 1024);
}

TEST_CASE("IdMap::from_handles rejects an empty handle", "[idmap]") {
  CHECK_THROWS_AS(IdMap::from_handles({"a", ""}), InvalidArgument);
  CHECK(IdMap::from_handles({}).size() == 0);
  CHECK(IdMap().handles().size() == 0);
}

TEST_CASE("IdMap agrees with a reference sort on random mixed handles", "[idmap]") {
  std::mt19937_64 rng(11);
  std::vector<std::string> hs;
  for (int i = 0; i < 60000; ++i) {
    switch (rng() % 5) {
      case 0: hs.push_back(std::to_string(rng() % 5000)); break;                       // small, repeated
      case 1: hs.push_back(std::to_string(rng() >> 1)); break;                         // 63-bit
      case 2: hs.push_back(std::to_string(300000000 + rng() % 4000000000ULL)); break;  // above the bitmap
      case 3: hs.push_back("@user" + std::to_string(rng() % 20000)); break;
      default: {
        std::string s(1 + rng() % 12, 'a');
        for (char& c : s) c = static_cast<char>(1 + rng() % 255);  // any byte but NUL
        hs.push_back(s);
      }
    }
  }
  std::vector<std::string> expected = hs;
  std::sort(expected.begin(), expected.end(), reference_less);
  expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
  const IdMap one = test::with_threads(1, [&] { return IdMap::from_handles(hs); });
  const IdMap two = test::with_threads(2, [&] { return IdMap::from_handles(hs); });
  CHECK(one == two);
  REQUIRE(one.size() == expected.size());
  CHECK(all_handles(one) == expected);
  for (std::size_t i = 0; i < expected.size(); i += 7) CHECK(one.find(expected[i]) == static_cast<VertexId>(i));
}

TEST_CASE("IdMapBuilder: codes relabel to the final ids, parallel marking", "[idmap][threads]") {
  for (int threads : {1, 2}) {
    detail::IdMapBuilder b;
    const std::uint32_t n = 100000;
    test::with_threads(threads, [&] {
#pragma omp parallel for schedule(static)
      for (std::int64_t i = 0; i < n; ++i) b.mark_small(static_cast<std::uint32_t>(3 * i + 5));
      return 0;
    });
    b.note_small_max(3 * (n - 1) + 5);
    const std::uint32_t big = b.intern("99999999999");
    const std::uint32_t str = b.intern("@zed");
    const std::uint32_t small = b.intern("5");
    auto fin = b.finish();
    CHECK(fin.ids.size() == n + 2);
    CHECK(fin.relabel(small) == 0u);
    CHECK(fin.relabel(3 * 17 + 5) == 17u);
    CHECK(fin.relabel(big) == n);
    CHECK(fin.relabel(str) == n + 1);
    CHECK(fin.ids.handle(17) == "56");
    CHECK_FALSE(fin.relabel.is_identity());
  }
}
