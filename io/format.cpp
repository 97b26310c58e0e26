#include "io/format.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "engine/error.hpp"
#include "engine/igraph_bridge.hpp"
#include "io/detail/text.hpp"
#include "io/line_source.hpp"

namespace peerscout::io {

std::string_view format_name(FileFormat f) noexcept {
  switch (f) {
    case FileFormat::kAuto: return "auto";
    case FileFormat::kEdgeList: return "edgelist";
    case FileFormat::kGraphML: return "graphml";
    case FileFormat::kGml: return "gml";
    case FileFormat::kPajek: return "pajek";
  }
  return "unknown";
}

std::optional<FileFormat> parse_format(std::string_view name) noexcept {
  const std::string n = detail::lower_ascii(name);
  if (n == "auto") return FileFormat::kAuto;
  if (n == "edgelist" || n == "edge-list" || n == "el" || n == "tsv" || n == "csv") return FileFormat::kEdgeList;
  if (n == "graphml") return FileFormat::kGraphML;
  if (n == "gml") return FileFormat::kGml;
  if (n == "pajek" || n == "net") return FileFormat::kPajek;
  return std::nullopt;
}

FileFormat resolve_format(const std::filesystem::path& file, FileFormat requested) {
  if (requested != FileFormat::kAuto) return requested;
  std::string name = detail::lower_ascii(file.filename().string());
  if (name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0) name.resize(name.size() - 3);
  auto ends_with = [&](std::string_view ext) {
    return name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
  };
  if (ends_with(".graphml")) return FileFormat::kGraphML;
  if (ends_with(".gml")) return FileFormat::kGml;
  if (ends_with(".net") || ends_with(".paj")) return FileFormat::kPajek;
  return FileFormat::kEdgeList;
}

char detect_delimiter(std::string_view line) noexcept {
  bool tab = false, comma = false, semi = false, quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    tab |= c == '\t';
    comma |= c == ',';
    semi |= c == ';';
  }
  if (tab) return '\t';
  if (comma) return ',';
  if (semi) return ';';
  return ' ';
}

namespace detail {

bool is_header_word(std::string_view field) {
  static constexpr std::string_view kWords[] = {
      "source", "target", "src",  "dst",  "dest", "destination", "from",   "to",     "follower", "followee",
      "followed", "following", "user", "id", "weight", "w", "type", "kind", "u", "v", "node", "vertex",
      "head", "tail", "friend", "handle", "name", "count", "rating", "interaction", "sign", "value",
      "person", "people", "member", "account", "actor", "ego", "alter", "followers", "friends"};
  std::string f = lower_ascii(trim(field));
  while (!f.empty() && ((f.back() >= '0' && f.back() <= '9') || f.back() == '_')) f.pop_back();
  // "person_a" / "person_b", "user_x": a single-letter suffix after an underscore.
  if (f.size() > 2 && f[f.size() - 2] == '_' && f.back() >= 'a' && f.back() <= 'z') f.resize(f.size() - 2);
  for (std::string_view suffix : {std::string_view("_id"), std::string_view("id"), std::string_view("_name")}) {
    if (f.size() > suffix.size() && f.compare(f.size() - suffix.size(), suffix.size(), suffix) == 0) {
      f.resize(f.size() - suffix.size());
      while (!f.empty() && f.back() == '_') f.pop_back();
      break;
    }
  }
  if (f.empty()) return false;
  return std::find(std::begin(kWords), std::end(kWords), f) != std::end(kWords);
}

}  // namespace detail

ForeignEdges read_foreign_edges(const std::filesystem::path& file, FileFormat format) {
  const std::string name = file.string();
  ig::ForeignFormat ff = ig::ForeignFormat::kGraphML;
  switch (format) {
    case FileFormat::kGraphML: ff = ig::ForeignFormat::kGraphML; break;
    case FileFormat::kGml: ff = ig::ForeignFormat::kGml; break;
    case FileFormat::kPajek: ff = ig::ForeignFormat::kPajek; break;
    default: throw InvalidArgument("read_foreign_edges: not a foreign format: " + std::string(format_name(format)));
  }
  {
    std::ifstream probe(file, std::ios::binary);
    if (!probe) {
      const int err = errno;
      throw InputError(name, 0, std::string("cannot open: ") + std::strerror(err != 0 ? err : ENOENT));
    }
    if (std::filesystem::is_directory(file)) throw InputError(name, 0, std::string("cannot open: ") + std::strerror(EISDIR));
  }
  if (is_gzip_file(file)) {
    throw InputError(name, 0,
                     "gzip-compressed " + std::string(format_name(format)) + " is not supported; decompress it first");
  }
  ig::ForeignGraph g = ig::read_foreign(file, ff);
  ForeignEdges out;
  out.directed = g.directed;
  out.handles = std::move(g.names);
  out.from.reserve(g.from.size());
  out.to.reserve(g.to.size());
  for (std::size_t e = 0; e < g.from.size(); ++e) {
    out.from.push_back(static_cast<std::uint32_t>(g.from[e]));
    out.to.push_back(static_cast<std::uint32_t>(g.to[e]));
  }
  out.weights = std::move(g.weights);
  return out;
}

}  // namespace peerscout::io
