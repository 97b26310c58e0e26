#pragma once
/// Writing peerscout results files (HDF5). No HDF5 types appear here: the pipeline hands over a
/// ResultsDocument of named columns and scalar attributes, and this layer decides the storage.
/// The layout the pipeline writes (format version 1) is documented in docs/hdf5_schema.md.
///
/// Storage (fixed; docs/hdf5_schema.md "Conventions"):
/// - every dataset is 1-D: float64 -> H5T_IEEE_F64LE, int64 -> H5T_STD_I64LE, strings ->
///   variable-length NUL-terminated UTF-8 (h5py: `ds.asstr()[...]` gives str);
/// - non-empty datasets are chunked (chunk = min(length, chunk_elements)) with the shuffle filter
///   and deflate (gzip) at compression_level (level 0: chunked, no filters); zero-length datasets
///   are contiguous and unfiltered;
/// - attributes are scalars: int64, float64 or variable-length UTF-8 string;
/// - strings (data, attribute values, names) must be UTF-8: this is not checked here (the readers of
///   the input files own that), and invalid bytes make h5py's `.asstr()` raise UnicodeDecodeError;
/// - groups and datasets track the creation order of their links and attributes, so readers that
///   honour it (h5py, read_attributes_h5) list table columns and attributes in the order written.
///   Variable-length string bytes live in HDF5's global heap and are not compressed (an HDF5
///   limitation); only their 16-byte references are.
///
/// Atomicity: the file is written to a temporary file in the same directory (io/atomic_output.hpp,
/// a dot-file, so `*.h5` globs never see it) and renamed onto `out` after HDF5 closed it
/// successfully. On any failure the temporary file is removed, an existing file at `out` is left
/// untouched, and OutputError is thrown naming `out` and the reason (HDF5's error stack).
///
/// Thread safety: HDF5 is not thread-safe in this build; call from one thread, outside OpenMP
/// regions.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/column.hpp"

namespace peerscout::io {

/// The results file format written by this version (root attributes `format`, `format_version`).
inline constexpr const char* kResultsFormat = "peerscout";
/// Increases only on incompatible changes; readers must ignore unknown groups and attributes.
inline constexpr std::int64_t kResultsFormatVersion = 1;

/// One 1-D dataset at an absolute path ("/centrality/follows/pagerank").
struct Dataset {
  std::string path;
  ColumnData data;
  std::vector<Attribute> attributes;
};

/// A group ("/layers/follows") with its attributes. Groups that only serve as parents of
/// datasets need not be listed: they are created (without attributes) as needed.
struct Group {
  std::string path;
  std::vector<Attribute> attributes;
};

struct ResultsDocument {
  std::vector<Attribute> root_attributes;  ///< attributes of "/"
  std::vector<Group> groups;               ///< created in this order (missing parents first)
  std::vector<Dataset> datasets;           ///< written in this order; parents created as needed
};

struct H5WriteOptions {
  int compression_level = 4;                   ///< deflate level 0..9 (0: no filters)
  std::uint64_t chunk_elements = 1 << 16;      ///< elements per chunk, 1 .. 2^27
};

/// Writes `doc` to `out` atomically (see above).
///
/// Validation happens before anything is created: paths must be absolute ("/a/b"), without empty,
/// "." or ".." components; no path may appear twice (as group or dataset); a dataset cannot be the
/// parent of another object; attribute names must be non-empty and unique per object; strings
/// (data, attribute values, names) must not contain NUL bytes. A violation throws OutputError
/// naming `out` and the offending path; invalid `opts` throw InvalidArgument.
///
/// Memory: numeric columns are written with one H5Dwrite straight from the vector. String
/// columns are converted to NUL-terminated copies in blocks of whole chunks (about 1M strings),
/// so the extra memory is O(block), never O(n), and there is no per-string heap allocation.
/// Time: O(total bytes) plus HDF5's compression cost.
void write_results_h5(const std::filesystem::path& out, const ResultsDocument& doc,
                      const H5WriteOptions& opts = {});

}  // namespace peerscout::io
