#pragma once
/// Graph snapshots: the ingested, built layers of a run (id map, node attributes, CSR arrays of
/// every layer) in one HDF5 file that later runs load much faster than parsing text
/// (`peerscout import`, `peerscout analyze --graph FILE`; docs/snapshot.md).
///
/// Layout (format "peerscout-graph", format_version 1): raw arrays, contiguous and uncompressed so
/// that loading is a sequence of large reads:
///   /            attributes format, format_version, peerscout_version, created_utc, command_line,
///                source_files, node_attributes (attribute names in input order, one per line)
///   /ids         attribute dense (int64); datasets small (uint32), big (uint64),
///                string_bytes (uint8), string_offsets (uint64): the IdMap's sorted parts
///   /nodes/<a>   float64 or int64 dataset of length n, or a group with bytes (uint8) + offsets
///                (uint64) for a string attribute; attribute kind = "float64" | "int64" | "string"
///   /layers/<l>  group, attributes directed, weighted, input_edges, self_loops_dropped,
///                duplicates_merged, source_files; datasets offsets (uint64, n+1), targets (uint32),
///                weights (float32, when weighted), and for directed layers in_offsets, in_sources,
///                in_weights
/// Written atomically (temporary name + rename). Reading validates every array (sizes, ranges,
/// sorted lists, id-map order) and throws InputError naming the file and the object at fault.
#include <filesystem>
#include <string>

#include "engine/layered_graph.hpp"

namespace peerscout::io {

struct SnapshotInfo {
  std::string peerscout_version, created_utc, command_line, source_files;
};

void write_snapshot_h5(const std::filesystem::path& out, const LayeredGraph& g, const SnapshotInfo& info);

/// Loads a snapshot. `info` (optional) receives the provenance attributes.
LayeredGraph read_snapshot_h5(const std::filesystem::path& file, SnapshotInfo* info = nullptr);

/// True when the file is an HDF5 file whose root says format = "peerscout-graph".
bool is_snapshot_h5(const std::filesystem::path& file);

}  // namespace peerscout::io
