#pragma once
/// LineSource: a text file (plain or gzip) delivered as large blocks of whole lines.
///
/// - Blocks of about `block_bytes` are cut after the last '\n' in the buffer; the incomplete line at
///   the end is carried into the next block. A line longer than a block grows the buffer.
/// - The next block is read (or inflated) on a background thread while the caller parses the
///   current one (double buffering), so decompression overlaps parsing.
/// - gzip is recognised by its magic bytes (1f 8b), not by the file name; concatenated gzip members
///   (pigz, bgzip) are read as one stream. Input errors are InputError with one-line messages:
///   "FILE: cannot open: <strerror>", "FILE: not a valid gzip stream (<zlib's reason>)",
///   "FILE: not a valid gzip stream (unexpected end of file)". An error found while reading ahead is
///   raised by the next call to next(), after every block before it was delivered.
///
/// Sentinel contract: every line of a returned block, including the last, is terminated by a '\n'
/// at or before block.data()[block.size()] (when the file does not end with '\n', a '\n' is placed
/// just past the last block). Parsers may therefore scan for '\n' without bounds checks, and may
/// load 8 bytes starting at any position up to that '\n' (the buffers are padded).
/// Memory: two buffers of block_bytes (+ the longest line). Not thread-safe: one consumer.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace peerscout::io {

class LineSource {
 public:
  struct Options {
    std::size_t block_bytes = std::size_t{32} << 20;  ///< target block size (>= 1)
    bool read_ahead = true;                           ///< read the next block on a background thread
  };

  /// Opens `path`; messages name the file as path.string() (as the user gave it).
  explicit LineSource(const std::filesystem::path& path, Options opts);
  explicit LineSource(const std::filesystem::path& path) : LineSource(path, Options{}) {}
  ~LineSource();
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;

  /// The next block of whole lines; empty at the end of the file. The view stays valid until the
  /// next call.
  std::string_view next();
  /// Text bytes delivered so far (decompressed for gzip input).
  std::uint64_t bytes() const noexcept;
  /// Size of the file on disk.
  std::uint64_t file_bytes() const noexcept;
  bool is_gzip() const noexcept;
  const std::string& name() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// True when the file starts with the gzip magic bytes (false when it cannot be read).
bool is_gzip_file(const std::filesystem::path& path);

}  // namespace peerscout::io
