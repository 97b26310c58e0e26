#pragma once
/// Edge list files: whitespace / TSV / CSV / semicolon text, plain or gzip, string or integer
/// handles, optional weight and interaction-type columns. Format rules: docs/input_formats.md.
///
/// Parsing is parallel and deterministic: the file is streamed in blocks (LineSource, next block
/// read ahead), each block is cut into sub-chunks at newlines that are parsed in parallel
/// (`omp parallel for schedule(dynamic,1)`); each sub-chunk keeps its FIRST error with a local line
/// number, and after the loop the earliest one is raised with its exact global line number
/// (architecture.md C3), so messages are identical for any thread count and block size.
/// Handles become provisional codes (engine/detail/id_map_builder.hpp): small canonical integers
/// set a bit in a bitmap, other handles are bucketed by hash shard and interned shard-parallel.
/// Time: O(bytes) work; memory: 8 bytes per edge (+4 weighted) plus two blocks of text.
#include <filesystem>

#include "engine/detail/id_map_builder.hpp"
#include "engine/edge_list.hpp"
#include "engine/id_map.hpp"
#include "io/graph_ingest.hpp"

namespace peerscout::io {

/// One file read on its own: ids, edges (final VertexIds, file order), report.
struct SimpleGraphFile {
  IdMap ids;
  EdgeList edges;
  ReadReport report;
};

/// Convenience for tests and benchmarks: GraphIngest with a single add_edges() call.
SimpleGraphFile read_edge_list(const std::filesystem::path& file, const EdgeFileOptions& opts = {});

namespace detail {

/// Same with internal knobs (block size, sub-chunk size, read-ahead).
SimpleGraphFile read_edge_list(const std::filesystem::path& file, const EdgeFileOptions& opts,
                               const IngestTuning& tuning);

/// Reads an edge-list file into `edges` as provisional codes of `ids` (the GraphIngest step).
/// Fills `report` (except seconds). Throws InputError / InvalidArgument.
void read_edge_file(const std::filesystem::path& file, const EdgeFileOptions& opts, const IngestTuning& tuning,
                    peerscout::detail::IdMapBuilder& ids, EdgeList& edges, ReadReport& report);

/// Validates option consistency (InvalidArgument naming the field).
void validate(const EdgeFileOptions& opts);

}  // namespace detail

}  // namespace peerscout::io
