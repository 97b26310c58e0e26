#pragma once
/// Reading HDF5 files back: tests, `peerscout info FILE.h5`, and later resume support.
/// No HDF5 types appear here. All functions open the file read-only and close it before returning.
///
/// Errors: a missing or unreadable file, a file that is not HDF5, a missing object path, or a
/// dataset or attribute of an unsupported shape or type throws InputError whose message starts
/// with the file name ("results.h5: no object '/centrality/x'").
///
/// Thread safety: HDF5 is not thread-safe in this build; call from one thread.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/column.hpp"

namespace peerscout::io {

/// Every group and dataset path in the file ("/a", "/a/b", ...; the root "/" itself is not listed),
/// sorted by byte value. Time: O(objects log objects).
std::vector<std::string> list_objects_h5(const std::filesystem::path& file);

/// A 1-D dataset as a column: any float type -> vector<double>, any integer type ->
/// vector<int64_t> (unsigned 64-bit values above INT64_MAX are rejected), variable- or
/// fixed-length strings -> StringColumn (fixed-length ones trimmed of their padding).
/// String datasets are read in blocks of about 1M elements, so temporary memory is O(block).
ColumnData read_dataset_h5(const std::filesystem::path& file, const std::string& path);

/// The attributes of the group or dataset at `object_path` ("/" for the root), in creation order
/// when the file tracks it (files written by write_results_h5 do) and by name otherwise. Each must
/// be a scalar (or one-element) integer, float or string attribute.
std::vector<Attribute> read_attributes_h5(const std::filesystem::path& file, const std::string& object_path);

/// Human-readable summary for `peerscout info FILE.h5`, one line per item, stable order:
/// first one line per root attribute, in creation order, then every group and dataset in path order:
///   /: format_version=1
///   /centrality/follows/pagerank: float64[5], chunked 5, shuffle+deflate(4); algorithm="pagerank", seconds=0.25
///   /layers/follows: group; directed=1, weighted=0
///   /run/stages/name: string[0], contiguous, uncompressed
/// Dataset lines give dtype[shape], layout (contiguous, compact, "chunked C") and filters
/// ("uncompressed" when none). Strings are double-quoted with C escapes (\" \\ \n \t \xNN);
/// doubles use the shortest round-trip form, with ".0" appended when it would look integral (2.0).
/// Attributes of unsupported types or shapes are shown as name=<dtype> instead of failing.
std::string describe_results_h5(const std::filesystem::path& file);

}  // namespace peerscout::io
