#pragma once
// Line and field scanning shared by the readers (internal).
//
// All scanners rely on the LineSource sentinel contract: every line ends with a '\n' that is
// readable, so loops stop at '\n' without bounds checks.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string.h>  // rawmemchr (glibc)
#include <optional>
#include <string>
#include <string_view>

namespace peerscout::io::detail {

inline bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r'; }

/// End of the line starting at p (position of its '\n').
inline const char* line_end(const char* p) noexcept {
  return static_cast<const char*>(::rawmemchr(p, '\n'));  // glibc: unbounded search, sentinel guaranteed
}

/// The line's text without the trailing '\r' (for messages).
inline std::string_view line_text(const char* begin, const char* nl) noexcept {
  const char* e = nl;
  if (e > begin && e[-1] == '\r') --e;
  return {begin, static_cast<std::size_t>(e - begin)};
}

/// Blank (only spaces/tabs/CR) or comment ('#' or '%' after optional leading spaces) line.
inline bool is_skippable_line(const char* p) noexcept {
  while (is_space(*p)) ++p;
  return *p == '\n' || *p == '#' || *p == '%';
}

inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

enum class SplitStatus : std::uint8_t { kOk, kUnclosedQuote, kEscapedQuote, kTextAfterQuote };

struct SplitResult {
  SplitStatus status = SplitStatus::kOk;
  std::size_t fields = 0;        ///< fields stored (<= max_fields)
  std::size_t bad_field = 0;     ///< 0-based field index of a quote error
  std::string_view bad_text;     ///< from the opening quote to the end of the line
  const char* nl = nullptr;      ///< the line's '\n'
};

/// Splits the line starting at p into at most max_fields fields (further fields are not looked
/// at). delim ' ' = runs of spaces/tabs; otherwise exactly one delimiter character between fields.
/// Fields are trimmed of spaces/tabs/CR; a field starting with '"' ends at the next '"' (no
/// escapes: '""' inside is an error) and must be followed by a delimiter or the end of the line.
inline SplitResult split_fields(const char* p, char delim, std::string_view* out, std::size_t max_fields) noexcept {
  SplitResult r;
  const bool ws = delim == ' ';
  auto rest_of_line = [](const char* from) {
    const char* e = line_end(from);
    return line_text(from, e);
  };
  if (ws) {
    while (true) {
      while (is_space(*p)) ++p;
      if (*p == '\n') break;
      if (r.fields == max_fields) {
        p = line_end(p);
        break;
      }
      if (*p == '"') {
        const char* q = p + 1;
        while (*q != '"' && *q != '\n') ++q;
        if (*q == '\n') return {SplitStatus::kUnclosedQuote, r.fields, r.fields, rest_of_line(p), nullptr};
        if (q[1] == '"') return {SplitStatus::kEscapedQuote, r.fields, r.fields, rest_of_line(p), nullptr};
        if (!is_space(q[1]) && q[1] != '\n')
          return {SplitStatus::kTextAfterQuote, r.fields, r.fields, rest_of_line(p), nullptr};
        out[r.fields++] = {p + 1, static_cast<std::size_t>(q - p - 1)};
        p = q + 1;
      } else {
        const char* s = p;
        while (!is_space(*p) && *p != '\n') ++p;
        out[r.fields++] = {s, static_cast<std::size_t>(p - s)};
      }
    }
    r.nl = p;
    return r;
  }
  const bool tab = delim == '\t';
  while (true) {
    while ((*p == ' ' || *p == '\r' || (*p == '\t' && !tab)) && *p != delim) ++p;
    if (r.fields == max_fields) {
      p = line_end(p);
      break;
    }
    if (*p == '"') {
      const char* q = p + 1;
      while (*q != '"' && *q != '\n') ++q;
      if (*q == '\n') return {SplitStatus::kUnclosedQuote, r.fields, r.fields, rest_of_line(p), nullptr};
      if (q[1] == '"') return {SplitStatus::kEscapedQuote, r.fields, r.fields, rest_of_line(p), nullptr};
      out[r.fields++] = {p + 1, static_cast<std::size_t>(q - p - 1)};
      const char* a = q + 1;
      while ((*a == ' ' || *a == '\r' || (*a == '\t' && !tab)) && *a != delim) ++a;
      if (*a != delim && *a != '\n') return {SplitStatus::kTextAfterQuote, r.fields - 1, r.fields - 1, rest_of_line(p), nullptr};
      p = a;
    } else {
      const char* s = p;
      while (*p != delim && *p != '\n') ++p;
      const char* e = p;
      while (e > s && is_space(e[-1])) --e;
      out[r.fields++] = {s, static_cast<std::size_t>(e - s)};
    }
    if (*p == '\n') break;
    ++p;  // the delimiter
  }
  r.nl = p;
  return r;
}

/// A number parsed fully (optional leading '+'); nullopt if the text is not a number. May be NaN/inf.
inline std::optional<double> parse_double(std::string_view s) noexcept {
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) return std::nullopt;
  }
  if (s.empty()) return std::nullopt;
  double v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) {
    if (ec == std::errc::result_out_of_range && ptr == s.data() + s.size()) return s.front() == '-' ? -HUGE_VAL : HUGE_VAL;
    return std::nullopt;
  }
  return v;
}

/// A signed 64-bit integer parsed fully (optional leading '+'), or nullopt.
inline std::optional<std::int64_t> parse_int64(std::string_view s) noexcept {
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) return std::nullopt;
  }
  if (s.empty()) return std::nullopt;
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

/// Lower-case ASCII copy.
inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// Common header words for edge files (case-insensitive; also with a "_id"/"id"/"_name"/digit
/// suffix, e.g. "source_id", "node1", "user_2").
bool is_header_word(std::string_view field);

/// "1st"-style helpers for messages: "column 3" for 0-based index 2.
inline std::string column_label(std::size_t index0) { return "column " + std::to_string(index0 + 1); }

}  // namespace peerscout::io::detail
