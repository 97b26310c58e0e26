#pragma once
// Runs the real `peerscout` executable (or any command) and captures exit code, stdout and stderr.
#include <filesystem>
#include <string>
#include <vector>

namespace peerscout::test {

struct ProcessResult {
  int exit_code = -1;  ///< 128 + signal when killed by a signal
  std::string out, err;
};

/// Runs `args` (args[0] = program) without a shell; stdin is /dev/null.
ProcessResult run_process(const std::vector<std::string>& args, const std::filesystem::path& cwd = {});

/// Path of the peerscout executable built with the tests.
std::filesystem::path peerscout_exe();

/// A fresh empty directory under the system temp dir, removed when the object dies.
class TempDir {
 public:
  explicit TempDir(const std::string& tag = "test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const noexcept { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  /// Writes `content` to a file in the directory and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& content) const;
  /// Names of the files in the directory (sorted), e.g. to check that no temporary file is left.
  std::vector<std::string> files() const;

 private:
  std::filesystem::path path_;
};

}  // namespace peerscout::test
