#pragma once
// Runs the real `peerscout` executable (or any command) and captures exit code, stdout and stderr.
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/files.hpp"

namespace peerscout::test {

struct ProcessResult {
  int exit_code = -1;  ///< 128 + signal when killed by a signal
  std::string out, err;
};

/// Runs `args` (args[0] = program) without a shell; stdin is /dev/null.
ProcessResult run_process(const std::vector<std::string>& args, const std::filesystem::path& cwd = {});

/// Path of the peerscout executable built with the tests.
std::filesystem::path peerscout_exe();

}  // namespace peerscout::test
