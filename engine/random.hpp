#pragma once
/// Counter-based random numbers: the generator for a work item is a pure function of
/// (seed, stream, item), never of the thread that happens to run it. Sample i of an algorithm is
/// therefore the same whatever the thread count or schedule (architecture.md C6).
///
/// The generator is SplitMix64 (Steele, Lea & Flood, OOPSLA 2014): a Weyl sequence passed through a
/// 64-bit finalizer; it passes BigCrush and is ideal for short independent streams. Bounded integers
/// use Lemire's multiply-shift method (ACM TOMACS 2019), doubles take the top 53 bits: both are
/// portable, unlike std:: distributions, whose output differs between standard libraries.
#include <cstdint>
#include <utility>

namespace peerscout {

/// Independent random streams. Add new enumerators at the end: their values are part of the
/// reproducibility contract (changing one changes every result that uses it).
enum class Stream : std::uint64_t {
  kGenerator = 1,     ///< graph generators
  kNodeOrder = 2,     ///< per-round vertex orders (label propagation, Leiden)
  kTieBreak = 3,      ///< tie-breaking hashes
  kSourceSample = 4,  ///< sampled sources (betweenness, closeness)
  kRRSets = 5,        ///< reverse-reachable sets (influence maximization)
  kSimulation = 6,    ///< Monte Carlo spread simulation
  kDemo = 7,          ///< demo network generator
};

inline constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// Hash of (seed, stream, item) for one-shot decisions (tie-breaks) without a generator.
inline constexpr std::uint64_t hash_item(std::uint64_t seed, Stream s, std::uint64_t item) noexcept {
  return mix64(seed ^ mix64(static_cast<std::uint64_t>(s) ^ mix64(item)));
}

/// Models UniformRandomBitGenerator, so it also works with std::shuffle (whose output is then
/// library-specific: prefer shuffle() below for reproducible results).
__extension__ using Uint128 = unsigned __int128;  // GCC/Clang builtin (Lemire's method)

class Rng {
 public:
  using result_type = std::uint64_t;

  static Rng for_item(std::uint64_t seed, Stream s, std::uint64_t item) noexcept {
    return Rng(hash_item(seed, s, item));
  }
  /// Two-level key, e.g. (round, vertex).
  static Rng for_item(std::uint64_t seed, Stream s, std::uint64_t item, std::uint64_t sub) noexcept {
    return Rng(mix64(hash_item(seed, s, item) ^ mix64(sub ^ 0x5851f42d4c957f2dULL)));
  }

  result_type operator()() noexcept { return mix64(state_ += 0x9e3779b97f4a7c15ULL); }

  /// Uniform integer in [0, bound); bound > 0. Lemire's nearly divisionless method.
  std::uint64_t below(std::uint64_t bound) noexcept {
    auto x = (*this)();
    auto m = static_cast<Uint128>(x) * bound;
    auto low = static_cast<std::uint64_t>(m);
    if (low < bound) {
      const std::uint64_t threshold = (0 - bound) % bound;
      while (low < threshold) {
        x = (*this)();
        m = static_cast<Uint128>(x) * bound;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

  /// Uniform double in [0, 1) with 53 random bits.
  double uniform01() noexcept { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

  /// Bernoulli(p) draw.
  bool bernoulli(double p) noexcept { return uniform01() < p; }

  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return ~result_type{0}; }

 private:
  explicit Rng(std::uint64_t state) noexcept : state_(state) {}
  std::uint64_t state_;
};

/// Fisher-Yates shuffle with Rng::below: the same permutation on every platform.
template <class RandomIt>
void shuffle(RandomIt first, RandomIt last, Rng& rng) {
  const auto n = last - first;
  for (decltype(last - first) i = n - 1; i > 0; --i) {
    const auto j = static_cast<decltype(i)>(rng.below(static_cast<std::uint64_t>(i) + 1));
    using std::swap;
    swap(first[i], first[j]);
  }
}

}  // namespace peerscout
