#pragma once
/// What produced a results file: written as attributes of "/" (docs/hdf5_schema.md).
#include <cstdint>
#include <string>
#include <vector>

namespace peerscout::job {

struct Provenance {
  std::string peerscout_version;  ///< "0.1.0 (git abc123def456)"
  std::string created_utc;        ///< ISO 8601, e.g. "2026-11-23T22:41:07Z"
  std::string command_line;       ///< argv joined with spaces, shell-quoted where needed
  std::uint64_t seed = 0;
  int threads = 1;
};

/// Fills version, time and threads; command_line and seed come from the caller.
Provenance make_provenance(const std::vector<std::string>& argv, std::uint64_t seed, int threads);

/// Current UTC time as ISO 8601 ("YYYY-MM-DDTHH:MM:SSZ").
std::string utc_now_iso8601();

}  // namespace peerscout::job
