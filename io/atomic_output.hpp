#pragma once
/// Output files appear complete or not at all.
///
/// AtomicOutput hands out a temporary path "<dir>/.<name>.tmp.<pid>" in the same directory as the
/// final path; commit() renames it onto the final name (atomic on POSIX within one file system).
/// If the object is destroyed without commit() (an exception, a cancelled run), the temporary file
/// is removed, so a failed run never leaves a half-written file under the requested name.
#include <filesystem>

namespace peerscout::io {

class AtomicOutput {
 public:
  /// Throws OutputError when the directory of final_path does not exist or is not writable.
  explicit AtomicOutput(std::filesystem::path final_path);
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  const std::filesystem::path& temp_path() const noexcept { return temp_; }
  const std::filesystem::path& final_path() const noexcept { return final_; }
  /// Renames the temporary file onto the final path. Throws OutputError on failure.
  void commit();
  bool committed() const noexcept { return committed_; }

 private:
  std::filesystem::path final_;
  std::filesystem::path temp_;
  bool committed_ = false;
};

}  // namespace peerscout::io
