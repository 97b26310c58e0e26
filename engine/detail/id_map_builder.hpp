#pragma once
/// IdMapBuilder: collects handles from many files and threads without a serial bottleneck, then
/// assigns the final ids of engine/id_map.hpp in one parallel step.
///
/// During ingest every handle becomes a provisional 32-bit *code*:
///   - bit 31 clear: a canonical integer below kSmallLimit (2^28); the code is the value itself and
///     the value is marked in a bitmap "seen" set (atomic fetch_or, no hashing). Only the touched
///     pages of the 32 MiB bitmap are ever resident.
///   - bit 31 set: a hashed handle; bit 30 = kind (0: canonical integer >= 2^28, 1: string),
///     bits 29..24 = shard (64 shards, chosen by hash), bits 23..0 = shard-local index.
///     Each shard is an open-addressing table with its own string pool. A shard is only ever touched
///     by one thread at a time (ingest buckets tokens by shard and processes shards in parallel), so
///     shards need no locks.
/// finish() computes the final order (bitmap rank by popcount prefix sums, parallel sort of the
/// hashed keys) and returns the IdMap plus a CodeRelabel that turns codes into final VertexIds.
///
/// Limits: 2^24 - 1 distinct hashed integers and as many strings per shard (about 10^9 of each in
/// all); intern() reports kOverflow beyond that and the caller raises an InputError.
#include <atomic>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/id_map.hpp"
#include "engine/random.hpp"

namespace peerscout::detail {

inline constexpr std::uint32_t kHashedBit = 0x80000000u;
inline constexpr std::uint32_t kStringBit = 0x40000000u;
inline constexpr unsigned kShardBits = 6;
inline constexpr unsigned kNumShards = 1u << kShardBits;
inline constexpr unsigned kLocalBits = 24;
inline constexpr std::uint32_t kLocalMask = (1u << kLocalBits) - 1;
inline constexpr std::uint64_t kSmallLimit = std::uint64_t{1} << 28;
/// Returned by the intern functions when a shard is full (never a valid code).
inline constexpr std::uint32_t kOverflow = 0xFFFFFFFFu;

inline std::uint64_t hash_integer(std::uint64_t v) noexcept { return mix64(v ^ 0x5bd1e9955bd1e995ULL); }
std::uint64_t hash_bytes(std::string_view s) noexcept;
/// Same value as hash_bytes({p, n}) for little-endian targets, but may read up to 7 bytes past
/// p + n (the caller guarantees they are addressable, e.g. LineSource's padded buffers).
inline std::uint64_t hash_bytes_padded(const char* p, std::size_t n) noexcept {
  static_assert(std::endian::native == std::endian::little, "hash_bytes_padded assumes little-endian loads");
  std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ (static_cast<std::uint64_t>(n) * 0xff51afd7ed558ccdULL);
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0x9fb21c651e98df25ULL;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    w &= (std::uint64_t{1} << (8 * n)) - 1;
    h = (h ^ w) * 0x9fb21c651e98df25ULL;
    h ^= h >> 29;
  }
  return mix64(h);
}
inline unsigned shard_of(std::uint64_t hash) noexcept { return static_cast<unsigned>(hash >> (64 - kShardBits)); }

/// One hash shard: integers >= kSmallLimit and strings whose hash falls in this shard.
/// Tables are open-addressing with linear probing, indexed by the low 32 bits of the handle's hash
/// (`h32`); callers pass static_cast<std::uint32_t>(hash). A lookup touches one table slot and, for
/// strings, one pool entry ([u32 local][u32 length][bytes], so no separate offsets array is read).
class HandleShard {
 public:
  /// The code of `value` (inserted when new). h32 = low 32 bits of hash_integer(value).
  std::uint32_t intern_integer(std::uint64_t value, std::uint32_t h32);
  /// The code of `s` (copied into the pool when new). h32 = low 32 bits of hash_bytes(s).
  std::uint32_t intern_string(std::string_view s, std::uint32_t h32);
  /// Cache hints for a lookup that follows soon (software pipelining in the ingest shard pass).
  void prefetch_integer(std::uint32_t h32) const noexcept {
    if (!int_table_.empty()) __builtin_prefetch(&int_table_[h32 & (int_table_.size() - 1)]);
  }
  void prefetch_string(std::uint32_t h32) const noexcept {
    if (!str_table_.empty()) __builtin_prefetch(&str_table_[h32 & (str_table_.size() - 1)]);
  }
  /// Second stage: the pool entry of the string in the home slot (call after prefetch_string).
  void prefetch_string_entry(std::uint32_t h32) const noexcept {
    if (str_table_.empty()) return;
    const std::uint64_t e = str_table_[h32 & (str_table_.size() - 1)];
    if (e != 0) __builtin_prefetch(pool_.data() + (e & ((std::uint64_t{1} << kOffsetBits) - 1)) - 1);
  }
  std::uint32_t num_integers() const noexcept { return static_cast<std::uint32_t>(int_values_.size()); }
  std::uint32_t num_strings() const noexcept { return static_cast<std::uint32_t>(str_entry_.size()); }
  std::uint64_t integer(std::uint32_t local) const noexcept { return int_values_[local]; }
  std::string_view string(std::uint32_t local) const noexcept { return entry_string(str_entry_[local]); }
  void set_index(unsigned index) noexcept { index_ = index; }
  std::size_t memory_bytes() const noexcept;

 private:
  struct IntSlot {
    std::uint64_t key;    // kEmptyKey when free
    std::uint32_t local;
  };
  static constexpr std::uint64_t kEmptyKey = ~std::uint64_t{0};
  static constexpr unsigned kOffsetBits = 40;
  std::string_view entry_string(std::uint64_t off) const noexcept {
    std::uint32_t len;
    std::memcpy(&len, pool_.data() + off + 4, 4);
    return {pool_.data() + off + 8, len};
  }
  void grow_integers();
  void grow_strings();
  unsigned index_ = 0;
  std::vector<std::uint64_t> int_values_;  // local -> value
  std::vector<IntSlot> int_table_;         // power-of-two size
  std::string pool_;                       // entries [u32 local][u32 length][bytes]
  std::vector<std::uint64_t> str_entry_;   // local -> pool offset of its entry
  std::vector<std::uint64_t> str_table_;   // (h32 >> 8) << 40 | (pool offset + 1); 0 = empty
};

/// Population count without relying on -mpopcnt (the portable build would call libgcc per edge).
inline VertexId popcount64(std::uint64_t x) noexcept {
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
  return static_cast<VertexId>((x * 0x0101010101010101ULL) >> 56);
}

/// Final ids for provisional codes (holds the rank directory and the per-shard remap tables).
class CodeRelabel {
 public:
  VertexId operator()(std::uint32_t code) const noexcept {
    if ((code & kHashedBit) == 0) {
      if (small_identity_) return code;
      const std::uint32_t w = code >> 6;
      const std::uint64_t below = (std::uint64_t{1} << (code & 63)) - 1;
      return rank_[w] + popcount64(bits_[w] & below);
    }
    const unsigned shard = (code >> kLocalBits) & (kNumShards - 1);
    const std::uint32_t local = code & kLocalMask;
    return (code & kStringBit) ? string_ids_[shard][local] : integer_ids_[shard][local];
  }
  /// True when every code is already its final id (only small integers, exactly 0..k-1).
  bool is_identity() const noexcept { return small_identity_ && !any_hashed_; }
  /// Replaces every code in `codes` by its final id (parallel, in place).
  void apply(std::vector<std::uint32_t>& codes) const;

 private:
  friend class IdMapBuilder;
  struct FreeDeleter {
    void operator()(std::uint64_t* p) const noexcept;
  };
  std::unique_ptr<std::uint64_t[], FreeDeleter> bits_;
  std::vector<VertexId> rank_;
  bool small_identity_ = true;
  bool any_hashed_ = false;
  std::vector<std::vector<VertexId>> integer_ids_, string_ids_;
};

class IdMapBuilder {
 public:
  IdMapBuilder();
  IdMapBuilder(IdMapBuilder&&) noexcept = default;
  IdMapBuilder& operator=(IdMapBuilder&&) noexcept = default;

  /// Thread-safe: marks a canonical integer below kSmallLimit as seen. Call note_small_max() too
  /// (after the parallel region) with the largest value marked.
  void mark_small(std::uint32_t v) noexcept {
    std::uint64_t& word = bits_.get()[v >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (v & 63);
    std::atomic_ref<std::uint64_t> ref(word);
    if ((ref.load(std::memory_order_relaxed) & bit) == 0) ref.fetch_or(bit, std::memory_order_relaxed);
  }
  void note_small_max(std::uint32_t v) noexcept {
    if (!any_small_ || v > max_small_) max_small_ = v;
    any_small_ = true;
  }
  /// Shard s; one thread at a time per shard.
  HandleShard& shard(unsigned s) noexcept { return shards_[s]; }

  /// Serial convenience: classifies `handle` (non-empty) and interns it; returns its code or
  /// kOverflow.
  std::uint32_t intern(std::string_view handle);

  struct Finished {
    IdMap ids;
    CodeRelabel relabel;
  };
  /// Assigns the final ids (parallel). The builder is left empty.
  Finished finish();

 private:
  std::unique_ptr<std::uint64_t[], CodeRelabel::FreeDeleter> bits_;
  std::uint32_t max_small_ = 0;
  bool any_small_ = false;
  std::vector<HandleShard> shards_;
};

}  // namespace peerscout::detail
