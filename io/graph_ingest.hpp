#pragma once
/// GraphIngest: text files -> edge arrays over ONE shared id space.
///
/// Every file of a run (follower edges, friendship edges, interactions, node attributes) feeds the
/// same handle -> VertexId map: "@anna_m" in the follower file and in the friendship file is the
/// same vertex. Ids are assigned only in finish(), by the order rule of engine/id_map.hpp
/// (canonical integers ascending, then other handles byte-wise), so the result does not depend on
/// the thread count, the block size or the order of add_* calls (except edge_sets' order).
///
///   io::GraphIngest in;
///   auto follows = in.add_edges("follows.tsv");
///   auto likes = in.add_edges("interactions.csv", {.weight = std::string("count"),
///                                                  .type = std::string("kind")});
///   in.add_nodes("people.csv");
///   io::IngestResult r = std::move(in).finish();   // r.edge_sets[follows], r.ids, r.attributes
///
/// Formats, detection rules, options and error messages: docs/input_formats.md.
/// Errors: InvalidArgument for inconsistent options, InputError ("FILE:LINE: expected X, found 'Y'"
/// or "FILE: message") for bad input. After an exception the GraphIngest must not be used again
/// (further calls throw InvalidArgument).
/// Performance: edge files are parsed in parallel blocks (see edge_list_reader.hpp); memory during
/// ingest is 8 bytes per edge (+4 when weighted) plus two read buffers and the handle tables.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "engine/column.hpp"
#include "engine/edge_list.hpp"
#include "engine/id_map.hpp"
#include "io/format.hpp"

namespace peerscout::io {

/// kFail: the first bad line throws InputError. kSkip: bad lines are skipped, counted in
/// ReadReport::skipped, and the first few messages kept in ReadReport::first_errors.
enum class OnError { kFail, kSkip };

/// A column by 0-based position or by header name (a name requires a header line).
using ColumnSpec = std::variant<std::size_t /*0-based position*/, std::string /*header name*/>;

/// kAuto: header if any column is selected by name, or the first line's weight field is not a
/// number, or its type field is not a known interaction type, or all its selected fields are common
/// header words (source, target, src, dst, from, to, follower, followee, user, id, weight, type, u,
/// v, node, ... see docs/input_formats.md).
enum class Header { kAuto, kYes, kNo };

struct EdgeFileOptions {
  FileFormat format = FileFormat::kAuto;
  std::optional<char> delimiter;                 ///< nullopt: detect; ' ' = runs of spaces/tabs
  Header header = Header::kAuto;
  ColumnSpec source = std::size_t{0}, target = std::size_t{1};
  std::optional<ColumnSpec> weight, type;        ///< optional weight and interaction type columns
  /// weight = type_weights[type] x (weight column value, or 1). Exact, case-sensitive match.
  std::vector<std::pair<std::string, double>> type_weights = {{"like", 1.0}, {"comment", 2.0}, {"share", 3.0}};
  bool allow_negative_weights = false;
  OnError on_error = OnError::kFail;
  std::size_t max_reported_errors = 5;           ///< messages kept in ReadReport::first_errors
};

struct NodeFileOptions {
  ColumnSpec id = std::string("id");             ///< the handle column
  std::optional<char> delimiter;                 ///< nullopt: detect from the header line
  std::vector<std::string> columns;              ///< attribute columns to keep; empty = all others
  OnError on_error = OnError::kFail;
  std::size_t max_reported_errors = 5;
};

/// What reading one file did (for the run summary and provenance).
struct ReadReport {
  std::string file;                 ///< as given
  std::uint64_t bytes = 0;          ///< text bytes read (decompressed for .gz)
  std::uint64_t lines = 0;          ///< physical lines (0 for GraphML/GML/Pajek)
  std::uint64_t records = 0;        ///< edges (edge files) or rows (node files) kept
  std::uint64_t skipped = 0;        ///< bad lines skipped (OnError::kSkip)
  std::vector<std::string> first_errors;  ///< the first max_reported_errors messages, file order
  double seconds = 0;
  bool weighted = false;            ///< the edges carry weights
};

struct IngestResult {
  IdMap ids;
  std::vector<EdgeList> edge_sets;            ///< final VertexIds; index = order of add_edges() calls
  std::vector<NamedColumn> attributes;        ///< each of length ids.size(); node files in call order
  std::vector<ReadReport> reports;            ///< one per file, in call order
};

namespace detail {
/// Internal knobs (tests use tiny blocks to exercise block boundaries).
struct IngestTuning {
  std::size_t block_bytes = std::size_t{32} << 20;  ///< text per block
  std::size_t chunk_bytes = std::size_t{1} << 20;   ///< text per parallel sub-chunk of a block
  bool read_ahead = true;                            ///< read the next block on a background thread
  bool fast_path = true;                             ///< false: every line takes the general parser
};
}  // namespace detail

class GraphIngest {
 public:
  GraphIngest();
  explicit GraphIngest(const detail::IngestTuning& tuning);
  ~GraphIngest();
  GraphIngest(GraphIngest&&) noexcept;
  GraphIngest& operator=(GraphIngest&&) noexcept;

  /// Reads an edge file (edge list, possibly .gz, or GraphML/GML/Pajek) into a new edge set;
  /// returns its index in IngestResult::edge_sets. A file without any edge is an InputError
  /// ("FILE: contains no edges").
  std::size_t add_edges(const std::filesystem::path& file, const EdgeFileOptions& opts = {});
  /// Reads a node attribute file (header required). Its people get ids even without edges.
  void add_nodes(const std::filesystem::path& file, const NodeFileOptions& opts = {});
  /// Assigns the final ids and relabels everything (parallel).
  IngestResult finish() &&;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace peerscout::io
