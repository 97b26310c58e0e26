#pragma once
/// Id lists (a CRM customer list, seed people): one handle per line, looked up in a finished IdMap.
///
/// Each line that is not blank or a comment ('#' or '%' after optional spaces) holds one handle:
/// the whole line, trimmed of spaces/tabs/CR, and unquoted when it is enclosed in double quotes.
/// Unknown handles are not fatal: they are counted and the first `max_reported` kept (as written).
/// Duplicates are ignored (the first occurrence counts); `ids` keeps file order. gzip input is
/// recognised by its magic bytes. Errors: "FILE: cannot open: ...", gzip errors as for edge lists.
/// Time O(bytes + k log n) for k handles (IdMap::find is a binary search); memory O(k).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/id_map.hpp"

namespace peerscout::io {

struct IdListResult {
  std::vector<VertexId> ids;                 ///< known handles, file order, without duplicates
  std::uint64_t lines = 0;                   ///< handle lines read (not blank, not comments)
  std::uint64_t unknown = 0;                 ///< handle lines not in the id map
  std::vector<std::string> first_unknown;    ///< the first `max_reported` unknown handles
};

IdListResult read_id_list(const std::filesystem::path& file, const IdMap& ids, std::size_t max_reported = 5);

}  // namespace peerscout::io
