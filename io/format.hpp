#pragma once
/// Input file formats: names, detection, and the foreign formats (GraphML, GML, Pajek) read through
/// igraph's readers (engine/igraph_bridge.hpp; serial, igraph is not thread-safe here).
///
/// Detection (FileFormat::kAuto) is by extension, case-insensitive, after removing a trailing
/// ".gz": .graphml -> GraphML, .gml -> GML, .net / .paj -> Pajek, anything else -> edge list.
/// Edge lists may be gzip-compressed (recognised by magic bytes); the foreign formats may not
/// (igraph reads plain files): such a file is an InputError asking to decompress it first.
/// See docs/input_formats.md.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peerscout::io {

enum class FileFormat { kAuto, kEdgeList, kGraphML, kGml, kPajek };

/// "auto", "edgelist", "graphml", "gml", "pajek".
std::string_view format_name(FileFormat f) noexcept;
/// Inverse of format_name (also accepts "edge-list", "el", "tsv", "csv", "net"); nullopt if unknown.
std::optional<FileFormat> parse_format(std::string_view name) noexcept;
/// kAuto resolved by the file name; any other value is returned unchanged.
FileFormat resolve_format(const std::filesystem::path& file, FileFormat requested = FileFormat::kAuto);

/// Delimiter detection from the first data line: tab, else comma, else semicolon, else ' ' (runs of
/// spaces and tabs). Characters inside double-quoted fields are not considered.
char detect_delimiter(std::string_view first_line) noexcept;

/// A GraphML/GML/Pajek file as handles and edges (indices into `handles`).
struct ForeignEdges {
  bool directed = false;
  std::vector<std::string> handles;   ///< one per vertex of the file, in the file's vertex order
  std::vector<std::uint32_t> from, to;
  std::vector<double> weights;        ///< "weight" edge attribute; empty when absent
};

/// Reads a foreign-format file (format must be kGraphML, kGml or kPajek). Vertex handles: the
/// "name" attribute, else "id", else "label", else the vertex index. Throws InputError:
/// "FILE: cannot open: ...", "FILE: igraph could not read it: ...", "FILE: expected unique vertex
/// names, found 'X'", or for a gzip file "FILE: gzip-compressed <fmt> is not supported; decompress it
/// first".
ForeignEdges read_foreign_edges(const std::filesystem::path& file, FileFormat format);

}  // namespace peerscout::io
