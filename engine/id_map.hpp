#pragma once
/// IdMap: the one id space of a run. Every person handle ("@anna_m", "42", "1234567890123456789")
/// maps to a dense VertexId in [0, size()).
///
/// Order rule (deterministic, independent of thread count, block size and file order):
///   1. all handles that are *canonical non-negative decimal integers* (digits only, no sign, no
///      leading zero except "0" itself, value < 2^63), in ascending numeric order;
///   2. then all other handles, in byte-wise lexicographic order (memcmp order of the UTF-8 bytes).
/// Consequences: a file whose ids are exactly 0..n-1 keeps them (identity), so SNAP-style files line
/// up with igraph; sparse 64-bit platform ids become compact ids; "007", "-1", "+5" and "1e3" are
/// strings, not integers.
///
/// Storage: the map keeps the handles in final (sorted) order and answers find() by binary search,
/// so it needs no hash table: a leading identity run 0..k-1 costs nothing, other integers below
/// 2^32 cost 4 bytes, larger integers 8 bytes, strings their bytes + 8 (pooled, no per-handle heap
/// object).
///
/// Build one with io::GraphIngest (files), detail::IdMapBuilder (parallel ingest), from_handles()
/// (tests, generators) or identity().
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/column.hpp"
#include "engine/types.hpp"

namespace peerscout {

/// Value of `s` when it is a canonical non-negative decimal integer below 2^63 (see the order rule).
std::optional<std::uint64_t> canonical_integer(std::string_view s) noexcept;

class IdMap {
 public:
  /// The empty map.
  IdMap() = default;

  VertexId size() const noexcept;
  /// The id of `handle` (exact text, as written), or nullopt. O(log n).
  std::optional<VertexId> find(std::string_view handle) const;
  /// The handle of v as written (integers as their decimal text). Requires v < size().
  std::string handle(VertexId v) const;
  /// All n handles; index = VertexId. O(total handle bytes), parallel.
  StringColumn handles() const;
  /// Applies the order rule to `handles` (duplicates are merged: a handle listed twice is one
  /// vertex), so the index in `handles` is NOT the VertexId unless the list is already in final
  /// order (e.g. "0", "1", ..., "n-1"). Throws InvalidArgument for an empty handle.
  static IdMap from_handles(const std::vector<std::string>& handles);
  /// The map of the handles "0", "1", ..., "n-1" (id = value). O(1) memory.
  static IdMap identity(VertexId n);
  /// True when every handle is the decimal text of its own id (0..n-1).
  bool is_identity() const noexcept { return small_.empty() && big_.empty() && strings_.empty(); }
  /// Number of integer handles (they come first: ids [0, num_integers())).
  VertexId num_integers() const noexcept;
  std::size_t memory_bytes() const noexcept;

  friend bool operator==(const IdMap& a, const IdMap& b) {
    return a.dense_ == b.dense_ && a.small_ == b.small_ && a.big_ == b.big_ && a.strings_ == b.strings_;
  }

  /// Adopt the sorted parts (detail::IdMapBuilder): ints 0..dense-1, then `small` (sorted, each >=
  /// dense and < 2^32), then `big` (sorted, >= 2^32), then `strings` (sorted byte-wise, none of them
  /// a canonical integer). Preconditions are checked with PS_ASSERT in debug builds only.
  static IdMap from_sorted_parts(VertexId dense, std::vector<std::uint32_t> small, std::vector<std::uint64_t> big,
                                 StringColumn strings);

  /// Read access to the sorted parts (for snapshots: from_sorted_parts() rebuilds the same map).
  VertexId dense_part() const noexcept { return dense_; }
  const std::vector<std::uint32_t>& small_part() const noexcept { return small_; }
  const std::vector<std::uint64_t>& big_part() const noexcept { return big_; }
  const StringColumn& string_part() const noexcept { return strings_; }

 private:
  VertexId dense_ = 0;                 ///< handles "0".."dense_-1" have id = value
  std::vector<std::uint32_t> small_;   ///< ids dense_ .. dense_+|small_|-1
  std::vector<std::uint64_t> big_;     ///< next
  StringColumn strings_;               ///< last
};

}  // namespace peerscout
