#pragma once
// Debian's Python (/usr/bin/python3 with h5py, pandas, numpy) as an independent oracle in tests.
// The `python3` on a developer's PATH may be another interpreter without these modules.
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/process.hpp"

namespace peerscout::test {

inline constexpr const char* kPython = "/usr/bin/python3";

/// True when /usr/bin/python3 exists and can import `modules` (e.g. "h5py, numpy").
bool python_has(const std::string& modules);

/// Writes `script` to <dir>/<name> and runs it with /usr/bin/python3 -I in `dir`, passing `args`.
ProcessResult run_python(const std::filesystem::path& dir, const std::string& name, const std::string& script,
                         const std::vector<std::string>& args = {});

}  // namespace peerscout::test
