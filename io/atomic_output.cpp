#include "io/atomic_output.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "engine/error.hpp"

namespace peerscout::io {

namespace {

std::atomic<unsigned long> g_sequence{0};

/// fsync the file or directory at `path`; returns 0 or an errno value.
int sync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return errno;
  const int rc = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return rc;
}

}  // namespace

AtomicOutput::AtomicOutput(std::filesystem::path final_path) : final_(std::move(final_path)) {
  if (final_.empty()) throw OutputError("output path is empty");
  std::filesystem::path dir = final_.parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw OutputError(final_.string() + ": directory '" + dir.string() + "' does not exist");
  if (::access(dir.c_str(), W_OK) != 0)
    throw OutputError(final_.string() + ": directory '" + dir.string() + "' is not writable");
  if (std::filesystem::is_directory(final_, ec))
    throw OutputError(final_.string() + ": is a directory");
  // The pid separates processes, the sequence number separates outputs within one process (two
  // AtomicOutputs for the same name used to share "<name>.tmp.<pid>", and the first destructor
  // deleted the other's file).
  temp_ = dir / ("." + final_.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
                 std::to_string(g_sequence.fetch_add(1, std::memory_order_relaxed)));
}

AtomicOutput::~AtomicOutput() {
  if (!committed_) {
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
  }
}

void AtomicOutput::commit() {
  if (committed_) throw OutputError(final_.string() + ": output committed twice");
  if (const int err = sync_path(temp_, O_RDONLY); err != 0)
    throw OutputError(final_.string() + ": cannot flush the finished file to disk: " + std::strerror(err));
  std::error_code ec;
  std::filesystem::rename(temp_, final_, ec);
  if (ec) throw OutputError(final_.string() + ": cannot move the finished file into place: " + ec.message());
  committed_ = true;
  // Make the rename itself durable. The file is complete and in place at this point, so a failing
  // directory sync (some file systems refuse fsync on directories) is not reported.
  std::filesystem::path dir = final_.parent_path();
  if (dir.empty()) dir = ".";
  sync_path(dir, O_RDONLY | O_DIRECTORY);
}

}  // namespace peerscout::io
