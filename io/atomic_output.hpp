#pragma once
/// Output files appear complete or not at all.
///
/// AtomicOutput hands out a temporary path "<dir>/.<name>.tmp.<pid>.<seq>" in the same directory as
/// the final path (a dot-file, so a user's `*.h5` glob never matches it; <seq> counts the
/// AtomicOutput objects of this process, so two outputs to the same name never share a temporary).
/// commit() flushes the finished temporary file to disk (fsync), renames it onto the final name
/// (atomic on POSIX within one file system) and syncs the directory, so after a crash the final
/// name holds either the old file or the complete new one. If the object is destroyed without
/// commit() (an exception, a cancelled run), the temporary file is removed, so a failed run never
/// leaves a half-written file under the requested name, and an older file there stays intact.
///
/// The caller creates and writes the temporary file itself and must close it before commit().
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
  /// fsync(temp), rename(temp, final), fsync(directory). Throws OutputError on failure (the
  /// temporary file is then removed by the destructor). Calling it twice is an error.
  void commit();
  bool committed() const noexcept { return committed_; }

 private:
  std::filesystem::path final_;
  std::filesystem::path temp_;
  bool committed_ = false;
};

}  // namespace peerscout::io
