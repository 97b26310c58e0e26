#pragma once
/// Content fingerprints for resumable runs (engine/job/pipeline.cpp, docs/job_file.md "Resuming").
///
/// Hasher is a 64-bit streaming hash: 8-byte words mixed with a multiply-xorshift round
/// (the splitmix64 / Murmur3 finalizer constants), the tail and total length folded in at the end.
/// It detects changed content, it is not a cryptographic hash (an adversary can make collisions).
/// hash_array() splits large arrays into fixed 1 MiB blocks hashed in parallel and combines the
/// block hashes in block order: the value does not depend on the thread count. Throughput is bound
/// by memory bandwidth (a 31M-arc graph, 250 MB, hashes in well under a second on 2 cores).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "engine/parallel.hpp"

namespace peerscout {

class Hasher {
 public:
  explicit Hasher(std::uint64_t seed = 0x9e3779b97f4a7c15ULL) : h_(seed) {}

  Hasher& bytes(const void* data, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      word(w);
    }
    std::uint64_t tail = 0;
    if (i < size) {
      std::memcpy(&tail, p + i, size - i);
      word(tail ^ (static_cast<std::uint64_t>(size - i) << 56));
    }
    len_ += size;
    return *this;
  }
  Hasher& str(std::string_view s) {
    u64(s.size());
    return bytes(s.data(), s.size());
  }
  Hasher& u64(std::uint64_t v) {
    word(v);
    len_ += 8;
    return *this;
  }
  std::uint64_t digest() const { return mix(h_ ^ mix(len_ + 0x632be59bd9b4e019ULL)); }

  static std::uint64_t mix(std::uint64_t z) {
    z ^= z >> 30;
    z *= 0xbf58476d1ce4e5b9ULL;
    z ^= z >> 27;
    z *= 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

 private:
  void word(std::uint64_t w) { h_ = mix(h_ ^ mix(w)) * 0x9e3779b97f4a7c15ULL + 0x2545f4914f6cdd1dULL; }
  std::uint64_t h_;
  std::uint64_t len_ = 0;
};

/// Fingerprint of a trivially copyable array: fixed 1 MiB blocks in parallel, combined in order.
template <class T>
std::uint64_t hash_array(std::span<const T> a) {
  static_assert(std::is_trivially_copyable_v<T>);
  const std::size_t bytes = a.size_bytes();
  constexpr std::size_t kBlock = std::size_t{1} << 20;
  const std::size_t blocks = (bytes + kBlock - 1) / kBlock;
  std::vector<std::uint64_t> part(blocks);
  const auto* base = reinterpret_cast<const unsigned char*>(a.data());
  const auto nb = static_cast<std::int64_t>(blocks);
#pragma omp parallel for schedule(static) if (blocks > 4)
  for (std::int64_t b = 0; b < nb; ++b) {
    const std::size_t off = static_cast<std::size_t>(b) * kBlock;
    part[static_cast<std::size_t>(b)] = Hasher(static_cast<std::uint64_t>(b)).bytes(base + off, std::min(kBlock, bytes - off)).digest();
  }
  Hasher h;
  h.u64(bytes);
  for (std::uint64_t p : part) h.u64(p);
  return h.digest();
}

/// "0123456789abcdef".
inline std::string hex64(std::uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = kDigits[v & 15];
  return s;
}

}  // namespace peerscout
