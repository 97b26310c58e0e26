#pragma once
/// Fast delimited text output: edge lists ("u v" / "u v w") and tables of named columns (CSV/TSV).
///
/// Rows are formatted in parallel into per-block buffers (blocks of a fixed number of rows, a batch
/// of 4 blocks per thread at a time, as OpenMP tasks) and the buffers are written in block order, so
/// the bytes are identical for any thread count. Writing a batch overlaps the formatting of the
/// next one (two sets of buffers). Measured: 33.5M edges (502 MB) in 0.47 s with 2 threads
/// (datasets/README.md). Output goes through io::AtomicOutput: the file appears
/// complete under its final name or not at all (a failed write, a full disk, an exception in the
/// middle leaves no file and removes the temporary one). Errors are OutputError naming the path.
///
/// Number formats: vertex ids and int64 values as decimal integers; float weights and doubles in
/// the shortest form that reads back to the same value (std::to_chars), integral values without a
/// decimal point ("3", not "3.0"); NaN as "nan", infinities as "inf" / "-inf".
/// Quoting (RFC 4180): a string (or header name) containing the delimiter, a double quote, CR or
/// LF is written inside double quotes with inner quotes doubled; other strings are written as-is.
/// Lines end with "\n". No trailing delimiter.
/// Time O(bytes written), parallel formatting; memory O(threads * block bytes) besides the input.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "engine/column.hpp"
#include "engine/edge_list.hpp"

namespace peerscout::io {

/// One line per edge: "src<d>dst" or, when edges.weighted(), "src<d>dst<d>weight". No header.
/// delimiter: any character except letters, digits, '-', '+', '.', '"', CR and LF (InvalidArgument).
void write_edge_list_text(const std::filesystem::path& out, const EdgeList& edges, char delimiter = ' ');

/// A table: optional header line of column names, then one line per row. All columns must have
/// the same length and the delimiter must not be '"', CR or LF (InvalidArgument otherwise).
/// Zero columns: an empty file.
void write_delimited(const std::filesystem::path& out, const std::vector<NamedColumn>& columns, char delimiter,
                     bool header = true);

/// Appends `s` to `line`, quoted as described above when it contains `delimiter`, '"', CR or LF.
void append_csv_field(std::string& line, std::string_view s, char delimiter);

}  // namespace peerscout::io
