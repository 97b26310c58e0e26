#include "io/atomic_output.hpp"

#include <unistd.h>

#include <string>
#include <system_error>

#include "engine/error.hpp"

namespace peerscout::io {

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
  temp_ = dir / ("." + final_.filename().string() + ".tmp." + std::to_string(::getpid()));
}

AtomicOutput::~AtomicOutput() {
  if (!committed_) {
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
  }
}

void AtomicOutput::commit() {
  std::error_code ec;
  std::filesystem::rename(temp_, final_, ec);
  if (ec) throw OutputError(final_.string() + ": cannot move the finished file into place: " + ec.message());
  committed_ = true;
}

}  // namespace peerscout::io
