#pragma once
/// Input checks shared by label_people() and shortlist(): per-person arrays are either missing
/// (empty) or one entry per person, and person ids are in range. Internal to algorithms/roles.
#include <cstddef>
#include <span>
#include <string>

#include "engine/error.hpp"
#include "engine/types.hpp"

namespace peerscout::roles::detail {

/// Throws InvalidArgument("<who>: <name> has S entries, expected 0 (missing) or n").
inline void check_per_person(const char* who, const char* name, std::size_t size, VertexId n) {
  if (size != 0 && size != n)
    throw InvalidArgument(std::string(who) + ": " + name + " has " + std::to_string(size) +
                          " entries, expected 0 (missing) or " + std::to_string(n));
}

/// Throws InvalidArgument("<who>: <name> id V is out of range (n people)") for the first bad id.
inline void check_person_ids(const char* who, const char* name, std::span<const VertexId> ids, VertexId n) {
  for (VertexId v : ids)
    if (v >= n)
      throw InvalidArgument(std::string(who) + ": " + name + " id " + std::to_string(v) + " is out of range (" +
                            std::to_string(n) + " people)");
}

}  // namespace peerscout::roles::detail
