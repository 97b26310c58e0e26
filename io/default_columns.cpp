#include "io/default_columns.hpp"

#include <array>
#include <string>

#include "engine/error.hpp"
#include "io/detail/text.hpp"
#include "io/format.hpp"
#include "io/line_source.hpp"

namespace peerscout::io {

namespace {

bool one_of(const std::string& word, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (word == n) return true;
  return false;
}

}  // namespace

void apply_default_columns(const std::filesystem::path& file, EdgeFileOptions& opts, bool interactions) {
  if (!interactions || opts.type || opts.weight) return;
  if (resolve_format(file, opts.format) != FileFormat::kEdgeList) return;
  std::string_view block;
  std::unique_ptr<LineSource> src;
  try {
    src = std::make_unique<LineSource>(file, LineSource::Options{.block_bytes = 1 << 16, .read_ahead = false});
    block = src->next();
  } catch (const InputError&) {
    return;  // the reader reports it with the full message
  }
  const char* p = block.data();
  const char* end = block.data() + block.size();
  while (p < end && detail::is_skippable_line(p)) p = detail::line_end(p) + 1;
  if (p >= end) return;
  const char delim = opts.delimiter ? *opts.delimiter : detect_delimiter(detail::line_text(p, detail::line_end(p)));
  std::array<std::string_view, 8> f{};
  const auto split = detail::split_fields(p, delim, f.data(), f.size());
  if (split.status != detail::SplitStatus::kOk || split.fields < 3) return;
  const bool header = detail::is_header_word(f[0]) && detail::is_header_word(f[1]);
  if (header) {
    for (std::size_t i = 2; i < split.fields; ++i) {
      const std::string w = detail::lower_ascii(f[i]);
      if (!opts.type && one_of(w, {"type", "kind", "interaction", "interaction_type", "action"})) {
        opts.type = std::string(f[i]);
      } else if (!opts.weight && one_of(w, {"count", "weight", "n", "times", "value", "weight_count"})) {
        opts.weight = std::string(f[i]);
      }
    }
    return;
  }
  if (detail::parse_double(f[2])) {
    opts.weight = std::size_t{2};
  } else {
    opts.type = std::size_t{2};
    if (split.fields >= 4 && detail::parse_double(f[3])) opts.weight = std::size_t{3};
  }
}

}  // namespace peerscout::io
