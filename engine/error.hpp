#pragma once
/// Typed errors. Every error a user can cause is one of these, with a fixed, readable message that
/// names the thing at fault; engine/cli/main.cpp is the only place that turns them into exit codes:
///   InvalidArgument -> 2, InputError -> 3, OutputError -> 4, Cancelled -> 130, anything else -> 1.
/// Programming errors (broken invariants) use PS_ASSERT instead.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace peerscout {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A bad option, flag value or parameter combination.
struct InvalidArgument : Error {
  using Error::Error;
};

/// Bad file content, a missing or unreadable input file. what() is
/// "FILE:LINE: expected X, found 'Y'" (or "FILE: message" when no line applies).
struct InputError : Error {
  InputError(std::string file, std::uint64_t line, std::string_view expected, std::string_view found);
  InputError(std::string file, std::uint64_t line, std::string_view message);
  std::string file;
  std::uint64_t line = 0;  ///< 1-based; 0 when the error concerns the whole file
};

/// The results cannot be written (permissions, disk full, HDF5 failure).
struct OutputError : Error {
  using Error::Error;
};

/// The run was interrupted (SIGINT/SIGTERM) at a safe point.
struct Cancelled : Error {
  Cancelled() : Error("cancelled") {}
};

/// Quote a token for an error message: printable, at most 40 characters.
std::string quote_for_message(std::string_view token);

[[noreturn]] void assertion_failed(const char* cond, const char* msg, const char* file, int line);

}  // namespace peerscout

/// Invariant check (not for input validation): prints file:line and aborts.
#define PS_ASSERT(cond, msg)                                                 \
  do {                                                                       \
    if (!(cond)) ::peerscout::assertion_failed(#cond, msg, __FILE__, __LINE__); \
  } while (false)
