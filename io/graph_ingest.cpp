#include "io/graph_ingest.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#include "engine/detail/id_map_builder.hpp"
#include "engine/error.hpp"
#include "io/attributes_reader.hpp"
#include "io/edge_list_reader.hpp"

namespace peerscout::io {

struct GraphIngest::Impl {
  detail::IngestTuning tuning;
  peerscout::detail::IdMapBuilder builder;
  std::vector<EdgeList> edge_sets;           // provisional codes until finish()
  std::vector<detail::NodeTable> node_tables;
  std::vector<ReadReport> reports;
  std::set<std::string> attribute_names;
  bool failed = false;

  void check_usable() const {
    if (failed) throw InvalidArgument("GraphIngest: an earlier call failed; start a new GraphIngest");
  }

  void read_foreign(const std::filesystem::path& file, FileFormat format, const EdgeFileOptions& opts, EdgeList& edges,
                    ReadReport& report) {
    const std::string name = file.string();
    ForeignEdges f = read_foreign_edges(file, format);
    std::error_code ec;
    report.bytes = std::filesystem::file_size(file, ec);
    std::vector<std::uint32_t> code(f.handles.size());
    // Handles must be unique within the file (else two igraph vertices would merge silently).
    for (std::size_t v = 0; v < f.handles.size(); ++v) {
      if (f.handles[v].empty()) throw InputError(name, 0, "expected a name for every vertex, found vertex " + std::to_string(v) + " without one");
      code[v] = builder.intern(f.handles[v]);
      if (code[v] == peerscout::detail::kOverflow) throw InputError(name, 0, "too many distinct handles");
    }
    {
      std::vector<std::pair<std::uint32_t, std::size_t>> sorted(code.size());
      for (std::size_t v = 0; v < code.size(); ++v) sorted[v] = {code[v], v};
      std::sort(sorted.begin(), sorted.end());
      for (std::size_t i = 1; i < sorted.size(); ++i) {
        if (sorted[i].first == sorted[i - 1].first) {
          throw InputError(name, 0, "unique vertex names", f.handles[sorted[i].second]);
        }
      }
    }
    const std::size_t m = f.from.size();
    edges.src.resize(m);
    edges.dst.resize(m);
    for (std::size_t e = 0; e < m; ++e) {
      edges.src[e] = code[f.from[e]];
      edges.dst[e] = code[f.to[e]];
    }
    if (!f.weights.empty()) {
      edges.weight.resize(m);
      for (std::size_t e = 0; e < m; ++e) {
        const double w = f.weights[e];
        const auto wf = static_cast<Weight>(w);
        if (!std::isfinite(w) || !std::isfinite(wf)) {
          throw InputError(name, 0, "a finite weight on edge " + std::to_string(e + 1), std::to_string(w));
        }
        if (w < 0 && !opts.allow_negative_weights) {
          throw InputError(name, 0, "a non-negative weight on edge " + std::to_string(e + 1), std::to_string(w));
        }
        edges.weight[e] = wf;
      }
    }
    report.records = m;
    report.weighted = !f.weights.empty();
    if (m == 0) throw InputError(name, 0, "contains no edges");
  }
};

GraphIngest::GraphIngest() : GraphIngest(detail::IngestTuning{}) {}
GraphIngest::GraphIngest(const detail::IngestTuning& tuning) : impl_(std::make_unique<Impl>()) { impl_->tuning = tuning; }
GraphIngest::~GraphIngest() = default;
GraphIngest::GraphIngest(GraphIngest&&) noexcept = default;
GraphIngest& GraphIngest::operator=(GraphIngest&&) noexcept = default;

std::size_t GraphIngest::add_edges(const std::filesystem::path& file, const EdgeFileOptions& opts) {
  if (!impl_) throw InvalidArgument("GraphIngest: used after finish()");
  impl_->check_usable();
  const auto t0 = std::chrono::steady_clock::now();
  EdgeList edges;
  ReadReport report;
  report.file = file.string();
  try {
    const FileFormat format = resolve_format(file, opts.format);
    if (format == FileFormat::kEdgeList) {
      detail::read_edge_file(file, opts, impl_->tuning, impl_->builder, edges, report);
    } else {
      impl_->read_foreign(file, format, opts, edges, report);
    }
  } catch (...) {
    impl_->failed = true;
    throw;
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  impl_->edge_sets.push_back(std::move(edges));
  impl_->reports.push_back(std::move(report));
  return impl_->edge_sets.size() - 1;
}

void GraphIngest::add_nodes(const std::filesystem::path& file, const NodeFileOptions& opts) {
  if (!impl_) throw InvalidArgument("GraphIngest: used after finish()");
  impl_->check_usable();
  const auto t0 = std::chrono::steady_clock::now();
  detail::NodeTable table;
  ReadReport report;
  report.file = file.string();
  try {
    detail::read_node_file(file, opts, impl_->tuning, impl_->builder, table, report);
    for (const auto& c : table.columns) {
      if (!impl_->attribute_names.insert(c.name).second) {
        throw InvalidArgument("node file " + file.string() + ": attribute column '" + c.name +
                              "' was already read from another node file");
      }
    }
  } catch (...) {
    impl_->failed = true;
    throw;
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  impl_->node_tables.push_back(std::move(table));
  impl_->reports.push_back(std::move(report));
}

IngestResult GraphIngest::finish() && {
  if (!impl_) throw InvalidArgument("GraphIngest: finish() called twice");
  impl_->check_usable();
  Impl& im = *impl_;
  IngestResult out;
  auto fin = im.builder.finish();
  out.ids = std::move(fin.ids);
  for (EdgeList& el : im.edge_sets) {
    fin.relabel.apply(el.src);
    fin.relabel.apply(el.dst);
  }
  out.edge_sets = std::move(im.edge_sets);
  for (const auto& t : im.node_tables) {
    auto cols = detail::attribute_columns(t, fin.relabel, out.ids.size());
    for (auto& c : cols) out.attributes.push_back(std::move(c));
  }
  out.reports = std::move(im.reports);
  impl_.reset();
  return out;
}

}  // namespace peerscout::io
