#pragma once
/// Node attribute files (`id,region,topic,...`): typed columns over ALL vertices of the id space.
///
/// Format: a header line is required (the first line that is not blank or a comment); the
/// delimiter is detected from it like for edge lists (tab, comma, semicolon, else whitespace) or
/// given. The id column is chosen by name (default "id") or 0-based position; every other named
/// column (or the subset NodeFileOptions::columns, in that order) becomes one NamedColumn. Columns
/// with an empty header name are ignored when all columns are taken. Quoted fields as for edge lists.
///
/// Typing, over all n vertices of the final id space (people in no node row are "missing"):
///   int64   when every value is a (signed 64-bit) integer and no vertex is missing;
///   float64 when every non-empty value is a finite number (missing and empty -> NaN);
///   string  otherwise, and for a column without any non-empty value (missing -> "").
/// People listed here but in no edge file still get ids (isolated vertices).
/// Errors: "FILE:LINE: expected a unique id in column K, found 'X' (first on line L)" for a
/// duplicate id, plus the edge-list forms ("expected 3 columns", "a closing quote", "a column
/// named 'x'"). With OnError::kSkip bad rows (including later duplicates) are skipped and reported.
/// Time O(bytes + rows log rows) (duplicate check by sorting), serial parse; memory: the raw
/// values (pooled strings) until GraphIngest::finish().
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/column.hpp"
#include "engine/detail/id_map_builder.hpp"
#include "io/graph_ingest.hpp"

namespace peerscout::io::detail {

/// A node file as read, before final ids exist.
struct NodeTable {
  std::string file;
  std::vector<std::uint32_t> codes;  ///< row -> provisional handle code
  struct Column {
    std::string name;
    StringColumn values;  ///< row -> raw value (trimmed, unquoted)
  };
  std::vector<Column> columns;
};

/// Reads `file` into `table`, interning ids into `ids`; fills `report` (except seconds).
void read_node_file(const std::filesystem::path& file, const NodeFileOptions& opts, const IngestTuning& tuning,
                    peerscout::detail::IdMapBuilder& ids, NodeTable& table, ReadReport& report);

/// The typed columns of `table` over n vertices (rules above).
std::vector<NamedColumn> attribute_columns(const NodeTable& table, const peerscout::detail::CodeRelabel& relabel,
                                           VertexId n);

}  // namespace peerscout::io::detail
