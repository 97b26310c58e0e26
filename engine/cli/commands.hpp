#pragma once
// The `peerscout` command line (docs/cli.md): analyze, run, generate, info.
#include <atomic>
#include <string>
#include <vector>

namespace peerscout::cli {

/// Parses argv and runs the command. Returns the exit code for normal completion and for usage
/// errors (2); other failures propagate as peerscout exceptions (main.cpp maps them to codes).
int run(const std::vector<std::string>& argv, const std::atomic<bool>* cancel);

}  // namespace peerscout::cli
