#include "engine/id_map.hpp"

#include <omp.h>
#include <parallel/algorithm>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdlib>
#include <cstring>

#include "engine/detail/id_map_builder.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout {

namespace {

constexpr std::uint64_t kTwoTo32 = std::uint64_t{1} << 32;

std::size_t decimal_length(std::uint64_t v) noexcept {
  std::size_t len = 1;
  while (v >= 10) {
    v /= 10;
    ++len;
  }
  return len;
}

// Sorting large arrays: GNU parallel mode (multiway mergesort over OpenMP). Keys are distinct, so
// the result is the same for any thread count.
template <class It, class Cmp>
void sort_parallel(It first, It last, Cmp cmp) {
  if (last - first > 100000 && max_threads() > 1 && !omp_in_parallel()) {
    __gnu_parallel::sort(first, last, cmp);
  } else {
    std::sort(first, last, cmp);
  }
}

}  // namespace

std::optional<std::uint64_t> canonical_integer(std::string_view s) noexcept {
  if (s.empty() || s.size() > 19) return std::nullopt;
  if (s[0] == '0') {
    if (s.size() == 1) return 0;
    return std::nullopt;
  }
  std::uint64_t v = 0;
  for (char c : s) {
    const unsigned d = static_cast<unsigned>(static_cast<unsigned char>(c)) - '0';
    if (d > 9) return std::nullopt;
    v = v * 10 + d;
  }
  if (v >= (std::uint64_t{1} << 63)) return std::nullopt;
  return v;
}

// ---- IdMap ---------------------------------------------------------------------------------------

VertexId IdMap::size() const noexcept {
  return static_cast<VertexId>(dense_ + small_.size() + big_.size() + strings_.size());
}

VertexId IdMap::num_integers() const noexcept { return static_cast<VertexId>(dense_ + small_.size() + big_.size()); }

std::optional<VertexId> IdMap::find(std::string_view handle) const {
  if (const auto v = canonical_integer(handle)) {
    if (*v < dense_) return static_cast<VertexId>(*v);
    if (*v < kTwoTo32) {
      const auto key = static_cast<std::uint32_t>(*v);
      const auto it = std::lower_bound(small_.begin(), small_.end(), key);
      if (it == small_.end() || *it != key) return std::nullopt;
      return static_cast<VertexId>(dense_ + static_cast<std::size_t>(it - small_.begin()));
    }
    const auto it = std::lower_bound(big_.begin(), big_.end(), *v);
    if (it == big_.end() || *it != *v) return std::nullopt;
    return static_cast<VertexId>(dense_ + small_.size() + static_cast<std::size_t>(it - big_.begin()));
  }
  std::size_t lo = 0, hi = strings_.size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (strings_[mid] < handle) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo == strings_.size() || strings_[lo] != handle) return std::nullopt;
  return static_cast<VertexId>(num_integers() + lo);
}

std::string IdMap::handle(VertexId v) const {
  PS_ASSERT(v < size(), "IdMap::handle: id out of range");
  if (v < dense_) return std::to_string(v);
  std::size_t i = v - dense_;
  if (i < small_.size()) return std::to_string(small_[i]);
  i -= small_.size();
  if (i < big_.size()) return std::to_string(big_[i]);
  i -= big_.size();
  return std::string(strings_[i]);
}

StringColumn IdMap::handles() const {
  const std::size_t n = size();
  const std::size_t num_int = num_integers();
  auto int_value = [&](std::size_t v) -> std::uint64_t {
    if (v < dense_) return v;
    if (v - dense_ < small_.size()) return small_[v - dense_];
    return big_[v - dense_ - small_.size()];
  };
  std::vector<std::uint64_t> offsets(n + 1, 0);
  const auto sn = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(static) if (sn > kParallelMin)
  for (std::int64_t i = 0; i < sn; ++i) {
    const auto v = static_cast<std::size_t>(i);
    offsets[v] = v < num_int ? decimal_length(int_value(v)) : strings_[v - num_int].size();
  }
  const std::uint64_t total = exclusive_scan_inplace(offsets);  // offsets[n] was 0, so total is complete
  offsets[n] = total;
  std::string data(total, '\0');
#pragma omp parallel for schedule(static) if (sn > kParallelMin)
  for (std::int64_t i = 0; i < sn; ++i) {
    const auto v = static_cast<std::size_t>(i);
    char* out = data.data() + offsets[v];
    if (v < num_int) {
      std::to_chars(out, data.data() + offsets[v + 1], int_value(v));
    } else {
      const auto s = strings_[v - num_int];
      if (!s.empty()) std::memcpy(out, s.data(), s.size());
    }
  }
  return StringColumn::from_parts(std::move(data), std::move(offsets));
}

IdMap IdMap::from_handles(const std::vector<std::string>& handles) {
  detail::IdMapBuilder builder;
  for (const auto& h : handles) {
    if (h.empty()) throw InvalidArgument("IdMap::from_handles: empty handle");
    if (builder.intern(h) == detail::kOverflow) throw InvalidArgument("IdMap::from_handles: too many distinct handles");
  }
  return builder.finish().ids;
}

IdMap IdMap::identity(VertexId n) {
  IdMap m;
  m.dense_ = n;
  return m;
}

std::size_t IdMap::memory_bytes() const noexcept {
  return sizeof(IdMap) + small_.capacity() * sizeof(std::uint32_t) + big_.capacity() * sizeof(std::uint64_t) +
         strings_.memory_bytes();
}

IdMap IdMap::from_sorted_parts(VertexId dense, std::vector<std::uint32_t> small, std::vector<std::uint64_t> big,
                               StringColumn strings) {
  IdMap m;
  m.dense_ = dense;
  m.small_ = std::move(small);
  m.big_ = std::move(big);
  m.strings_ = std::move(strings);
  return m;
}

// ---- builder -------------------------------------------------------------------------------------

namespace detail {

std::uint64_t hash_bytes(std::string_view s) noexcept {
  // The tail word is assembled byte by byte (no variable-length memcpy call); hash_bytes_padded()
  // computes the same value with one masked load.
  const char* p = s.data();
  std::size_t n = s.size();
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
    std::uint64_t w = 0;
    for (std::size_t k = 0; k < n; ++k) w |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[k])) << (8 * k);
    h = (h ^ w) * 0x9fb21c651e98df25ULL;
    h ^= h >> 29;
  }
  return mix64(h);
}

void CodeRelabel::FreeDeleter::operator()(std::uint64_t* p) const noexcept { std::free(p); }

void CodeRelabel::apply(std::vector<std::uint32_t>& codes) const {
  if (is_identity()) return;
  const auto n = static_cast<std::int64_t>(codes.size());
#pragma omp parallel for schedule(static) if (n > kParallelMin)
  for (std::int64_t i = 0; i < n; ++i) {
    auto& c = codes[static_cast<std::size_t>(i)];
    c = (*this)(c);
  }
}

std::uint32_t HandleShard::intern_integer(std::uint64_t value, std::uint32_t h32) {
  if (int_table_.empty() || (int_values_.size() + 1) * 10 > int_table_.size() * 7) grow_integers();
  const std::size_t mask = int_table_.size() - 1;
  std::size_t i = h32 & mask;
  while (true) {
    IntSlot& e = int_table_[i];
    if (e.key == value) return kHashedBit | (index_ << kLocalBits) | e.local;
    if (e.key == kEmptyKey) {
      if (int_values_.size() >= kLocalMask) return kOverflow;
      const auto local = static_cast<std::uint32_t>(int_values_.size());
      int_values_.push_back(value);
      e = {value, local};
      return kHashedBit | (index_ << kLocalBits) | local;
    }
    i = (i + 1) & mask;
  }
}

void HandleShard::grow_integers() {
  const std::size_t size = int_table_.empty() ? 1024 : int_table_.size() * 2;
  int_table_.assign(size, IntSlot{kEmptyKey, 0});
  const std::size_t mask = size - 1;
  for (std::size_t local = 0; local < int_values_.size(); ++local) {
    std::size_t i = static_cast<std::uint32_t>(hash_integer(int_values_[local])) & mask;
    while (int_table_[i].key != kEmptyKey) i = (i + 1) & mask;
    int_table_[i] = {int_values_[local], static_cast<std::uint32_t>(local)};
  }
}

namespace {
// Inline equality for short strings (a libc memcmp call costs more than the comparison itself).
inline bool same_bytes(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  std::size_t n = a.size();
  while (n >= 8) {
    std::uint64_t x, y;
    std::memcpy(&x, p, 8);
    std::memcpy(&y, q, 8);
    if (x != y) return false;
    p += 8;
    q += 8;
    n -= 8;
  }
  for (std::size_t k = 0; k < n; ++k) {
    if (p[k] != q[k]) return false;
  }
  return true;
}
}  // namespace

std::uint32_t HandleShard::intern_string(std::string_view s, std::uint32_t h32) {
  if (str_table_.empty() || (str_entry_.size() + 1) * 10 > str_table_.size() * 7) grow_strings();
  const std::size_t mask = str_table_.size() - 1;
  const std::uint64_t tag = h32 >> 8;
  std::size_t i = h32 & mask;
  while (true) {
    const std::uint64_t e = str_table_[i];
    if (e == 0) {
      if (num_strings() >= kLocalMask) return kOverflow;
      if (s.size() > 0xFFFFFFFFu) return kOverflow;
      const std::uint32_t local = num_strings();
      const std::uint64_t off = pool_.size();
      const auto len = static_cast<std::uint32_t>(s.size());
      char head[8];
      std::memcpy(head, &local, 4);
      std::memcpy(head + 4, &len, 4);
      pool_.append(head, 8);
      pool_.append(s);
      str_entry_.push_back(off);
      str_table_[i] = (tag << kOffsetBits) | (off + 1);
      return kHashedBit | kStringBit | (index_ << kLocalBits) | local;
    }
    if ((e >> kOffsetBits) == tag) {
      const std::uint64_t off = (e & ((std::uint64_t{1} << kOffsetBits) - 1)) - 1;
      if (same_bytes(entry_string(off), s)) {
        std::uint32_t local;
        std::memcpy(&local, pool_.data() + off, 4);
        return kHashedBit | kStringBit | (index_ << kLocalBits) | local;
      }
    }
    i = (i + 1) & mask;
  }
}

void HandleShard::grow_strings() {
  const std::size_t size = str_table_.empty() ? 1024 : str_table_.size() * 2;
  str_table_.assign(size, 0);
  const std::size_t mask = size - 1;
  for (const std::uint64_t off : str_entry_) {
    const auto h32 = static_cast<std::uint32_t>(hash_bytes(entry_string(off)));
    std::size_t i = h32 & mask;
    while (str_table_[i] != 0) i = (i + 1) & mask;
    str_table_[i] = (static_cast<std::uint64_t>(h32 >> 8) << kOffsetBits) | (off + 1);
  }
}

std::size_t HandleShard::memory_bytes() const noexcept {
  return int_values_.capacity() * 8 + int_table_.capacity() * sizeof(IntSlot) + pool_.capacity() +
         str_entry_.capacity() * 8 + str_table_.capacity() * 8;
}

IdMapBuilder::IdMapBuilder()
    : bits_(static_cast<std::uint64_t*>(std::calloc(kSmallLimit / 64, sizeof(std::uint64_t)))), shards_(kNumShards) {
  // calloc of 32 MiB is served by mmap: pages stay unmapped (zero) until a bit in them is set.
  if (!bits_) throw std::bad_alloc();
  for (unsigned s = 0; s < kNumShards; ++s) shards_[s].set_index(s);
}

std::uint32_t IdMapBuilder::intern(std::string_view handle) {
  if (const auto v = canonical_integer(handle)) {
    if (*v < kSmallLimit) {
      const auto small = static_cast<std::uint32_t>(*v);
      mark_small(small);
      note_small_max(small);
      return small;
    }
    const std::uint64_t h = hash_integer(*v);
    return shards_[shard_of(h)].intern_integer(*v, static_cast<std::uint32_t>(h));
  }
  const std::uint64_t h = hash_bytes(handle);
  return shards_[shard_of(h)].intern_string(handle, static_cast<std::uint32_t>(h));
}

IdMapBuilder::Finished IdMapBuilder::finish() {
  Finished out;
  CodeRelabel& rl = out.relabel;

  // 1. Small integers: rank by popcount prefix sums over the bitmap words in use.
  const std::size_t words = any_small_ ? max_small_ / 64 + 1 : 0;
  const std::uint64_t* bits = bits_.get();
  std::vector<VertexId> rank(words + 1, 0);
  const auto sw = static_cast<std::int64_t>(words);
#pragma omp parallel for schedule(static) if (sw > kParallelMin)
  for (std::int64_t w = 0; w < sw; ++w) rank[static_cast<std::size_t>(w)] = static_cast<VertexId>(std::popcount(bits[w]));
  const VertexId num_small = exclusive_scan_inplace(rank);
  VertexId dense = 0;
  for (std::size_t w = 0; w < words; ++w) {
    if (bits[w] != ~std::uint64_t{0}) {
      dense = static_cast<VertexId>(w * 64 + static_cast<std::size_t>(std::countr_one(bits[w])));
      break;
    }
    dense = static_cast<VertexId>((w + 1) * 64);
  }
  std::vector<std::uint32_t> small(num_small - dense);
#pragma omp parallel for schedule(static) if (sw > kParallelMin)
  for (std::int64_t w = 0; w < sw; ++w) {
    std::uint64_t word = bits[w];
    VertexId r = rank[static_cast<std::size_t>(w)];
    while (word != 0) {
      const auto value = static_cast<std::uint32_t>(w * 64 + std::countr_zero(word));
      if (value >= dense) small[r - dense] = value;
      ++r;
      word &= word - 1;
    }
  }
  rl.small_identity_ = (dense == num_small);

  // 2. Hashed integers (>= kSmallLimit): gather (value, code) from all shards, sort by value.
  struct IntKey {
    std::uint64_t value;
    std::uint32_t code;
  };
  std::vector<std::uint64_t> int_start(kNumShards + 1, 0), str_start(kNumShards + 1, 0);
  for (unsigned s = 0; s < kNumShards; ++s) {
    int_start[s + 1] = int_start[s] + shards_[s].num_integers();
    str_start[s + 1] = str_start[s] + shards_[s].num_strings();
  }
  const std::uint64_t num_big = int_start[kNumShards], num_str = str_start[kNumShards];
  rl.any_hashed_ = num_big + num_str > 0;
  std::vector<IntKey> ints(num_big);
#pragma omp parallel for schedule(dynamic, 1)
  for (int s = 0; s < static_cast<int>(kNumShards); ++s) {
    const auto& sh = shards_[static_cast<std::size_t>(s)];
    for (std::uint32_t l = 0; l < sh.num_integers(); ++l) {
      ints[int_start[static_cast<std::size_t>(s)] + l] = {sh.integer(l),
                                                          kHashedBit | (static_cast<std::uint32_t>(s) << kLocalBits) | l};
    }
  }
  sort_parallel(ints.begin(), ints.end(), [](const IntKey& a, const IntKey& b) { return a.value < b.value; });

  // 3. Strings: sort by a 16-byte big-endian prefix key, ties by the full bytes.
  struct StrKey {
    std::uint64_t prefix[2];  // first 16 bytes, big-endian, zero-padded
    std::uint32_t code;
  };
  auto str_of = [this](std::uint32_t code) {
    return shards_[(code >> kLocalBits) & (kNumShards - 1)].string(code & kLocalMask);
  };
  std::vector<StrKey> strs(num_str);
#pragma omp parallel for schedule(dynamic, 1)
  for (int s = 0; s < static_cast<int>(kNumShards); ++s) {
    const auto& sh = shards_[static_cast<std::size_t>(s)];
    for (std::uint32_t l = 0; l < sh.num_strings(); ++l) {
      const auto str = sh.string(l);
      StrKey key{{0, 0}, kHashedBit | kStringBit | (static_cast<std::uint32_t>(s) << kLocalBits) | l};
      for (std::size_t k = 0; k < 16; ++k) {
        key.prefix[k / 8] = (key.prefix[k / 8] << 8) | (k < str.size() ? static_cast<unsigned char>(str[k]) : 0u);
      }
      strs[str_start[static_cast<std::size_t>(s)] + l] = key;
    }
  }
  sort_parallel(strs.begin(), strs.end(), [&](const StrKey& a, const StrKey& b) {
    if (a.prefix[0] != b.prefix[0]) return a.prefix[0] < b.prefix[0];
    if (a.prefix[1] != b.prefix[1]) return a.prefix[1] < b.prefix[1];
    return str_of(a.code) < str_of(b.code);
  });

  // 4. Remap tables and the IdMap parts.
  rl.integer_ids_.resize(kNumShards);
  rl.string_ids_.resize(kNumShards);
  for (unsigned s = 0; s < kNumShards; ++s) {
    rl.integer_ids_[s].resize(shards_[s].num_integers());
    rl.string_ids_[s].resize(shards_[s].num_strings());
  }
  const auto sbig = static_cast<std::int64_t>(num_big);
  const auto sstr = static_cast<std::int64_t>(num_str);
#pragma omp parallel for schedule(static) if (sbig > kParallelMin)
  for (std::int64_t i = 0; i < sbig; ++i) {
    const std::uint32_t c = ints[static_cast<std::size_t>(i)].code;
    rl.integer_ids_[(c >> kLocalBits) & (kNumShards - 1)][c & kLocalMask] = static_cast<VertexId>(num_small + static_cast<std::uint64_t>(i));
  }
  const std::uint64_t str_base = num_small + num_big;
  std::vector<std::uint64_t> offsets(num_str + 1, 0);
#pragma omp parallel for schedule(static) if (sstr > kParallelMin)
  for (std::int64_t i = 0; i < sstr; ++i) {
    const std::uint32_t c = strs[static_cast<std::size_t>(i)].code;
    rl.string_ids_[(c >> kLocalBits) & (kNumShards - 1)][c & kLocalMask] = static_cast<VertexId>(str_base + static_cast<std::uint64_t>(i));
    offsets[static_cast<std::size_t>(i)] = str_of(c).size();
  }
  const std::uint64_t total = exclusive_scan_inplace(offsets);
  offsets[num_str] = total;
  std::string data(total, '\0');
#pragma omp parallel for schedule(static) if (sstr > kParallelMin)
  for (std::int64_t i = 0; i < sstr; ++i) {
    const auto str = str_of(strs[static_cast<std::size_t>(i)].code);
    if (!str.empty()) std::memcpy(data.data() + offsets[static_cast<std::size_t>(i)], str.data(), str.size());
  }
  std::size_t first_big = 0;
  while (first_big < ints.size() && ints[first_big].value < kTwoTo32) ++first_big;
  small.reserve(small.size() + first_big);
  for (std::size_t i = 0; i < first_big; ++i) small.push_back(static_cast<std::uint32_t>(ints[i].value));
  std::vector<std::uint64_t> big(ints.size() - first_big);
  for (std::size_t i = first_big; i < ints.size(); ++i) big[i - first_big] = ints[i].value;

  out.ids = IdMap::from_sorted_parts(dense, std::move(small), std::move(big),
                                     StringColumn::from_parts(std::move(data), std::move(offsets)));
  rl.rank_ = std::move(rank);
  rl.bits_ = std::move(bits_);
  // Leave the builder valid and empty.
  shards_.assign(kNumShards, HandleShard{});
  for (unsigned s = 0; s < kNumShards; ++s) shards_[s].set_index(s);
  bits_.reset(static_cast<std::uint64_t*>(std::calloc(kSmallLimit / 64, sizeof(std::uint64_t))));
  if (!bits_) throw std::bad_alloc();
  any_small_ = false;
  max_small_ = 0;
  return out;
}

}  // namespace detail

}  // namespace peerscout
