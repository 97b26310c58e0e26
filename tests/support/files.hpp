#pragma once
// File helpers shared by the tests: temporary directories, test data paths, reading files.
#include <filesystem>
#include <string>
#include <vector>

namespace peerscout::test {

/// A fresh empty directory under the system temp dir (mkdtemp), removed with its contents when the
/// object dies (permissions are restored first, so tests may make sub-directories read-only).
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
  /// Names of the entries in the directory, sorted (e.g. to check that no temporary is left).
  std::vector<std::string> files() const;

 private:
  std::filesystem::path path_;
};

/// A directory shared by the tests of this process, removed at exit.
const TempDir& process_temp_dir();

/// tests/io/data/<name> in the source tree.
std::filesystem::path test_data(const std::string& name);

/// The bytes of a file ("" when it cannot be read).
std::string read_file(const std::filesystem::path& p);

/// Sorted names of the entries of a directory.
std::vector<std::string> list_dir(const std::filesystem::path& dir);

}  // namespace peerscout::test
