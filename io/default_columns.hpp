#pragma once
/// Column choices for edge files given on the command line (no per-file options there).
///
/// Rules (docs/input_formats.md, "Files given as flags"): source and target stay the first two
/// columns. For an interactions file, when the first data line is a header, a column named
/// type/kind/interaction becomes the type column and one named count/weight/n/times/value the
/// weight; without a header, a numeric third column is the weight, and a non-numeric third column
/// is the type (with a numeric fourth column as the count). Explicit options are never overridden.
#include <filesystem>

#include "io/graph_ingest.hpp"

namespace peerscout::io {

/// Fills opts.type / opts.weight as described above (only when they are unset). Reads the first
/// lines of the file (plain or gzip); an unreadable file is left for the reader to report.
void apply_default_columns(const std::filesystem::path& file, EdgeFileOptions& opts, bool interactions);

}  // namespace peerscout::io
