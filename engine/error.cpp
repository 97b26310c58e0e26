#include "engine/error.hpp"

#include <cstdio>
#include <cstdlib>

namespace peerscout {

namespace {
std::string with_location(const std::string& file, std::uint64_t line) {
  return line > 0 ? file + ":" + std::to_string(line) + ": " : file + ": ";
}
}  // namespace

std::string quote_for_message(std::string_view token) {
  constexpr std::size_t kMax = 40;
  std::string out;
  for (std::size_t i = 0; i < token.size() && i < kMax; ++i) {
    const auto c = static_cast<unsigned char>(token[i]);
    if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (token.size() > kMax) out += "...";
  return out;
}

InputError::InputError(std::string file_, std::uint64_t line_, std::string_view expected,
                       std::string_view found)
    : Error(with_location(file_, line_) + "expected " + std::string(expected) + ", found '" +
            quote_for_message(found) + "'"),
      file(std::move(file_)),
      line(line_) {}

InputError::InputError(std::string file_, std::uint64_t line_, std::string_view message)
    : Error(with_location(file_, line_) + std::string(message)), file(std::move(file_)), line(line_) {}

void assertion_failed(const char* cond, const char* msg, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: internal error: assertion '%s' failed: %s\n", file, line, cond, msg);
  std::abort();
}

}  // namespace peerscout
