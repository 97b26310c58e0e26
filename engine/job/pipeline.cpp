#include "engine/job/pipeline.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <iostream>
#include <mutex>
#include <unistd.h>
#include <cstdlib>
#include <numeric>
#include <ostream>

#include "datasets/generators/social_network.hpp"
#include "engine/error.hpp"
#include "engine/job/analyses.hpp"
#include "engine/job/demo_network.hpp"
#include "engine/hash.hpp"
#include "engine/job/provenance.hpp"
#include "engine/job/resume.hpp"
#include "engine/job/shortlist_stage.hpp"
#include "engine/memory.hpp"
#include "engine/mpi.hpp"
#include "engine/parallel.hpp"
#include "engine/trust_layer.hpp"
#include "io/atomic_output.hpp"
#include "io/default_columns.hpp"
#include "io/graph_ingest.hpp"
#include "io/id_list_reader.hpp"
#include "io/report/report_html.hpp"
#include "io/hdf5/results_writer.hpp"
#include "io/hdf5/snapshot.hpp"
#include "io/text_writer.hpp"

namespace peerscout::job {

namespace {

using Clock = std::chrono::steady_clock;

std::string thousands(std::uint64_t x) {
  std::string s = std::to_string(x);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

// Test hook (docs/cli.md): PEERSCOUT_TEST_SIGNAL_AFTER=<stage> makes the process send itself
// SIGTERM when that stage ends, so tests can interrupt a run at a known point through the real
// signal handler.
void signal_hook(std::string_view stage) {
  static const char* target = std::getenv("PEERSCOUT_TEST_SIGNAL_AFTER");
  if (target != nullptr && stage == target) std::raise(SIGTERM);
}

/// Progress lines: "peerscout: [  1.23 s] stage  details". Long stages also report how far they
/// are, with an ETA (docs/cli.md): a bar redrawn in place when the log is a terminal, otherwise a
/// line every PEERSCOUT_PROGRESS_INTERVAL seconds (default 10), starting 2 s into the stage
/// (immediately when the interval is 0: the tests use that).
class Progress {
 public:
  Progress(std::ostream* log, bool quiet) : log_(quiet ? nullptr : log), start_(Clock::now()) {
    tty_ = log_ == &std::cerr && isatty(STDERR_FILENO) != 0;
    if (const char* e = std::getenv("PEERSCOUT_PROGRESS_INTERVAL")) interval_ = std::max(0.0, std::atof(e));
    if (tty_) interval_ = std::min(interval_, 0.25);
  }
  void line(std::string_view stage, std::string_view details) const {
    signal_hook(stage);
    if (!log_) return;
    std::lock_guard lock(mutex_);
    clear_bar();
    const double t = std::chrono::duration<double>(Clock::now() - start_).count();
    fmt::print(*log_, "peerscout: [{:7.2f} s] {:<22} {}\n", t, stage, details);
    log_->flush();
  }
  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  /// The stage whose fractions report() shows; resets the ETA clock.
  void begin(std::string stage) {
    std::lock_guard lock(mutex_);
    stage_ = std::move(stage);
    stage_start_ = last_ = Clock::now();
  }
  /// A RunContext progress sink: `fraction` of the current stage is done (the algorithm's own
  /// label `what` is shown when it differs, e.g. "imm" inside "imm/follows").
  void report(std::string_view what, double fraction) const {
    if (!log_ || !(fraction > 0.0)) return;
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    const double in_stage = std::chrono::duration<double>(now - stage_start_).count();
    const double since = std::chrono::duration<double>(now - last_).count();
    if (interval_ > 0 && (in_stage < 2.0 || since < interval_)) return;
    last_ = now;
    fraction = std::min(fraction, 1.0);
    const double eta = in_stage * (1.0 - fraction) / fraction;
    const std::string label = stage_.rfind(std::string(what), 0) == 0 || what.empty() ? stage_ : stage_ + " (" + std::string(what) + ")";
    const double t = std::chrono::duration<double>(now - start_).count();
    if (tty_) {
      const int filled = static_cast<int>(fraction * 30.0);
      fmt::print(*log_, "\rpeerscout: [{:7.2f} s] {:<22} [{}{}] {:3.0f}%  ETA {:.0f} s\033[K", t, label,
                 std::string(static_cast<std::size_t>(filled), '#'), std::string(static_cast<std::size_t>(30 - filled), '.'),
                 100.0 * fraction, eta);
      bar_ = true;
    } else {
      fmt::print(*log_, "peerscout: [{:7.2f} s] {:<22} {:.0f}% done, ETA {:.0f} s\n", t, label, 100.0 * fraction, eta);
    }
    log_->flush();
  }

 private:
  void clear_bar() const {
    if (bar_) fmt::print(*log_, "\r\033[K");
    bar_ = false;
  }
  std::ostream* log_;
  Clock::time_point start_;
  bool tty_ = false;
  double interval_ = 10.0;
  std::string stage_;
  Clock::time_point stage_start_ = Clock::now();
  mutable Clock::time_point last_ = Clock::now();
  mutable bool bar_ = false;
  mutable std::mutex mutex_;
};

// The demo network: generate, write the files a user would have, and read them back like any input.
void add_demo_inputs(JobSpec& spec, const Progress& progress) {
  const DemoSpec& demo = *spec.demo;
  const auto dir = demo.dir.empty() ? spec.out.parent_path() / "demo-network" : demo.dir;
  const auto net = datasets::social_network({.people = demo.people, .seed = demo.seed});
  const DemoFiles files = write_demo_network(net, dir);
  progress.line("demo", fmt::format("generated {} people into {}", thousands(demo.people), dir.string()));
  EdgeInput follows{LayerKind::kFollows, files.follows, {}, false};
  follows.options.source = std::string("follower");
  follows.options.target = std::string("followee");
  EdgeInput friends{LayerKind::kFriends, files.friends, {}, false};
  friends.options.source = std::string("person_a");
  friends.options.target = std::string("person_b");
  EdgeInput inter{LayerKind::kInteractions, files.interactions, {}, false};
  inter.options.source = std::string("source");
  inter.options.target = std::string("target");
  inter.options.type = std::string("type");
  inter.options.weight = std::string("count");
  spec.edges = {follows, friends, inter};
  spec.nodes = {NodeInput{files.people, {}}};
}

}  // namespace

namespace {

// Builds the derived trust layer when the spec asks for it and follows or friends exist.
void add_trust_layer(LayeredGraph& lg, const JobSpec& spec, RunContext& ctx, const Progress& progress) {
  const bool want_trust =
      spec.trust && (spec.layers.empty() || std::find(spec.layers.begin(), spec.layers.end(), LayerKind::kTrust) != spec.layers.end());
  auto& slot = lg.layers[static_cast<std::size_t>(LayerKind::kTrust)];
  if (!want_trust) {
    slot.reset();
    return;
  }
  if (slot || !(lg.graph(LayerKind::kFollows) || lg.graph(LayerKind::kFriends))) return;
  ctx.check_cancelled();
  auto phase = ctx.phase("build/trust");
  CsrGraph trust = build_trust_layer(lg.num_vertices(), lg.graph(LayerKind::kFollows), lg.graph(LayerKind::kFriends),
                                     lg.graph(LayerKind::kInteractions));
  BuildStats st;
  st.edges = trust.num_edges();
  st.input_edges = st.edges;
  progress.line("build/trust", fmt::format("{} trusted ties (friendships + reciprocal follows)", thousands(st.edges)));
  slot = Layer{LayerKind::kTrust, std::move(trust), st, {}};
}

}  // namespace

LayeredGraph load_layers(const JobSpec& spec, RunContext& ctx, std::ostream* log) {
  Progress progress(log, log == nullptr || spec.quiet);
  LayeredGraph lg;

  if (spec.graph) {
    auto phase = ctx.phase("load-snapshot");
    lg = io::read_snapshot_h5(*spec.graph);
    std::uint64_t edges = 0;
    for (const auto& l : lg.layers)
      if (l) edges += l->graph.num_edges();
    progress.line("load-snapshot", fmt::format("{}: {} people, {} edges in {} layers ({:.2f} s)", spec.graph->string(),
                                               thousands(lg.num_vertices()), thousands(edges),
                                               std::count_if(lg.layers.begin(), lg.layers.end(), [](const auto& l) { return l.has_value(); }),
                                               phase.elapsed()));
    add_trust_layer(lg, spec, ctx, progress);
    return lg;
  }

  // 1. Ingest every file into one id space.
  io::IngestResult ingested;
  {
    auto phase = ctx.phase("ingest");
    io::GraphIngest ingest;
    for (const auto& in : spec.edges) {
      ctx.check_cancelled();
      auto opts = in.options;
      opts.on_error = spec.on_error;
      if (in.auto_columns) io::apply_default_columns(in.path, opts, in.layer == LayerKind::kInteractions);
      ingest.add_edges(in.path, opts);
    }
    for (const auto& in : spec.nodes) {
      ctx.check_cancelled();
      auto opts = in.options;
      opts.on_error = spec.on_error;
      ingest.add_nodes(in.path, opts);
    }
    ingested = std::move(ingest).finish();
    std::uint64_t bytes = 0, lines = 0, records = 0, skipped = 0;
    for (const auto& r : ingested.reports) {
      bytes += r.bytes;
      lines += r.lines;
      records += r.records;
      skipped += r.skipped;
      if (r.skipped > 0) {
        progress.line("ingest", fmt::format("{}: skipped {} bad lines (--on-error=skip)", r.file, thousands(r.skipped)));
        for (const auto& e : r.first_errors) progress.line("ingest", "  " + e);
      }
    }
    const double s = phase.elapsed();
    progress.line("ingest", fmt::format("{} files, {} lines, {} records, {} people, {:.1f} MB in {:.2f} s ({:.0f} MB/s)",
                                        ingested.reports.size(), thousands(lines), thousands(records),
                                        thousands(ingested.ids.size()), static_cast<double>(bytes) / 1e6, s,
                                        s > 0 ? static_cast<double>(bytes) / 1e6 / s : 0.0));
  }
  lg.ids = std::move(ingested.ids);
  lg.attributes = std::move(ingested.attributes);
  const VertexId n = lg.ids.size();

  // 2. One graph per input layer (several files of a layer are concatenated).
  for (LayerKind kind : {LayerKind::kFollows, LayerKind::kFriends, LayerKind::kInteractions}) {
    EdgeList merged;
    std::vector<std::string> files;
    bool any = false, weighted = false;
    for (std::size_t i = 0; i < spec.edges.size(); ++i) {
      if (spec.edges[i].layer != kind) continue;
      any = true;
      files.push_back(spec.edges[i].path.string());
      weighted = weighted || ingested.edge_sets[i].weighted();
    }
    if (!any) continue;
    ctx.check_cancelled();
    auto phase = ctx.phase("build/" + std::string(layer_name(kind)));
    for (std::size_t i = 0; i < spec.edges.size(); ++i) {
      if (spec.edges[i].layer != kind) continue;
      EdgeList& part = ingested.edge_sets[i];
      if (weighted && !part.weighted()) part.weight.assign(part.size(), 1.0f);
      if (merged.empty()) {
        merged = std::move(part);
      } else {
        merged.src.insert(merged.src.end(), part.src.begin(), part.src.end());
        merged.dst.insert(merged.dst.end(), part.dst.begin(), part.dst.end());
        merged.weight.insert(merged.weight.end(), part.weight.begin(), part.weight.end());
        part = EdgeList{};
      }
    }
    const auto& b = spec.build[static_cast<int>(kind)];
    BuildOptions opts{.directed = layer_directed(kind), .build_in_edges = true, .duplicates = b.duplicates,
                      .self_loops = b.self_loops};
    auto built = build_csr(std::move(merged), n, opts);
    progress.line("build/" + std::string(layer_name(kind)),
                  fmt::format("{} edges ({}{}; {} self-loops dropped, {} duplicates merged)", thousands(built.stats.edges),
                              opts.directed ? "directed" : "undirected", built.graph.weighted() ? ", weighted" : "",
                              thousands(built.stats.self_loops_dropped), thousands(built.stats.duplicates_merged)));
    lg.layers[static_cast<std::size_t>(kind)] = Layer{kind, std::move(built.graph), built.stats, std::move(files)};
  }

  // 3. The derived trust layer.
  add_trust_layer(lg, spec, ctx, progress);
  return lg;
}

namespace {

const std::vector<double>* find_double(const std::vector<io::Dataset>& ds, const std::string& path) {
  for (const auto& d : ds)
    if (d.path == path) return std::get_if<std::vector<double>>(&d.data);
  return nullptr;
}
const std::vector<std::int64_t>* find_int(const std::vector<io::Dataset>& ds, const std::string& path) {
  for (const auto& d : ds)
    if (d.path == path) return std::get_if<std::vector<std::int64_t>>(&d.data);
  return nullptr;
}

struct Shortlist {
  std::string title;
  std::vector<NamedColumn> columns;  // the CSV
  std::vector<NamedColumn> printed;  // the columns printed on stdout (empty: all)
};

// Top N by PageRank on the first layer that has it (follows > interactions > trust > friends),
// ties broken by vertex id, with degree and coreness beside it (issue 6 replaces the scoring).
std::optional<Shortlist> make_shortlist(const LayeredGraph& lg, const std::vector<io::Dataset>& ds, std::size_t top) {
  for (LayerKind layer : {LayerKind::kFollows, LayerKind::kInteractions, LayerKind::kTrust, LayerKind::kFriends}) {
    const auto* pr = find_double(ds, centrality_path(layer, "pagerank"));
    if (!pr) continue;
    Shortlist s;
    s.title = fmt::format("by PageRank on the {} layer (no community result for the full shortlist)", layer_name(layer));
    std::vector<VertexId> order(pr->size());
    std::iota(order.begin(), order.end(), VertexId{0});
    const std::size_t k = std::min(top, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                      [&](VertexId a, VertexId b) { return (*pr)[a] != (*pr)[b] ? (*pr)[a] > (*pr)[b] : a < b; });
    order.resize(k);
    std::vector<std::int64_t> rank(k);
    std::iota(rank.begin(), rank.end(), std::int64_t{1});
    StringColumn ids;
    std::vector<double> score(k);
    for (std::size_t i = 0; i < k; ++i) {
      ids.push_back(lg.ids.handle(order[i]));
      score[i] = (*pr)[order[i]];
    }
    s.columns.push_back({"rank", std::move(rank)});
    s.columns.push_back({"id", std::move(ids)});
    s.columns.push_back({"pagerank_" + std::string(layer_name(layer)), std::move(score)});
    auto add_int = [&](const std::string& name, const std::string& path) {
      if (const auto* v = find_int(ds, path)) {
        std::vector<std::int64_t> col(k);
        for (std::size_t i = 0; i < k; ++i) col[i] = (*v)[order[i]];
        s.columns.push_back({name, std::move(col)});
      }
    };
    add_int("followers", centrality_path(LayerKind::kFollows, "in_degree"));
    add_int("following", centrality_path(LayerKind::kFollows, "out_degree"));
    add_int("friends", centrality_path(LayerKind::kFriends, "degree"));
    add_int("trusted_ties", centrality_path(LayerKind::kTrust, "degree"));
    if (find_int(ds, centrality_path(LayerKind::kTrust, "coreness"))) {
      add_int("coreness", centrality_path(LayerKind::kTrust, "coreness"));
    } else {
      add_int("coreness", centrality_path(LayerKind::kFriends, "coreness"));
    }
    for (const auto& attr : lg.attributes) {
      std::visit(
          [&](const auto& values) {
            using T = std::decay_t<decltype(values)>;
            T col;
            for (std::size_t i = 0; i < k; ++i) {
              if constexpr (std::is_same_v<T, StringColumn>) {
                col.push_back(values[order[i]]);
              } else {
                col.push_back(values[order[i]]);
              }
            }
            s.columns.push_back({attr.name, std::move(col)});
          },
          attr.values);
    }
    return s;
  }
  return std::nullopt;
}

std::string format_cell(const ColumnData& c, std::size_t i) {
  return std::visit(
      [&](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, StringColumn>) {
          return std::string(v[i]);
        } else if constexpr (std::is_same_v<T, std::vector<double>>) {
          return fmt::format("{:.6g}", v[i]);
        } else {
          return thousands(static_cast<std::uint64_t>(v[i]));
        }
      },
      c);
}

void print_shortlist(std::ostream& out, const Shortlist& s, std::size_t max_rows) {
  const auto& cols = s.printed.empty() ? s.columns : s.printed;
  if (cols.empty()) return;
  const std::size_t rows = std::min(max_rows, std::visit([](const auto& v) { return v.size(); }, cols.front().values));
  fmt::print(out, "Top {} recommenders {}:\n", rows, s.title);
  std::vector<std::size_t> width(cols.size());
  for (std::size_t c = 0; c < cols.size(); ++c) {
    width[c] = cols[c].name.size();
    for (std::size_t i = 0; i < rows; ++i) width[c] = std::max(width[c], format_cell(cols[c].values, i).size());
  }
  std::string header;
  for (std::size_t c = 0; c < cols.size(); ++c) header += fmt::format("  {:<{}}", cols[c].name, width[c]);
  fmt::print(out, "{}\n", header);
  for (std::size_t i = 0; i < rows; ++i) {
    std::string line;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      const auto cell = format_cell(cols[c].values, i);
      const bool left = std::holds_alternative<StringColumn>(cols[c].values);
      line += left ? fmt::format("  {:<{}}", cell, width[c]) : fmt::format("  {:>{}}", cell, width[c]);
    }
    fmt::print(out, "{}\n", line);
  }
}

}  // namespace

RunResult run_job(const JobSpec& spec_in, std::ostream& out, std::ostream& log, const std::atomic<bool>* cancel) {
  JobSpec spec = spec_in;
  spec.validate();
  ThreadScope threads(spec.threads);
  const int nthreads = max_threads();
  // MPI (docs/hpc.md): every rank reads the inputs and runs every analysis (the sampling ones split
  // their samples over the ranks); rank 0 alone prints and writes the outputs.
  const mpi::Comm& comm = mpi::Comm::world();
  const bool root = comm.is_root();
  Progress progress(&log, spec.quiet || !root);
  RunContext ctx;
  ctx.set_cancel_flag(cancel);
  ctx.set_comm(comm);
  ctx.set_progress([&progress](std::string_view what, double fraction) { progress.report(what, fraction); });

  // Fail before any work when an output cannot be created (AtomicOutput checks the directory).
  if (root) {
    { io::AtomicOutput probe_results(spec.out); }
    { io::AtomicOutput probe_shortlist(spec.shortlist_path()); }
    if (spec.shortlist_options.write_report) io::AtomicOutput probe_report(spec.report_path());
  }

  if (spec.demo) {
    auto phase = ctx.phase("demo");
    for (int r = 0; r < comm.size(); ++r, comm.barrier())  // ranks in turn: nobody reads a file being written
      if (r == comm.rank()) add_demo_inputs(spec, progress);
  }
  if (spec.edges.empty() && !spec.graph)
    throw InvalidArgument("no input: give --follows, --friends or --interactions files, --graph, or a job file");

  LayeredGraph lg = load_layers(spec, ctx, &log);
  const VertexId n = lg.num_vertices();

  // Analyses.
  std::vector<VertexId> customers;
  if (spec.customers) {
    const auto r = io::read_id_list(*spec.customers, lg.ids);
    customers = r.ids;
    std::string unknown;
    for (const auto& h : r.first_unknown) unknown += (unknown.empty() ? "" : ", ") + h;
    progress.line("customers", fmt::format("{}: {} customers found, {} unknown{}", spec.customers->string(),
                                           thousands(customers.size()), thousands(r.unknown),
                                           r.unknown ? " (first: " + unknown + ")" : std::string()));
  }
  std::vector<std::string> selected = spec.analyses.empty() ? default_analyses() : spec.analyses;
  std::vector<io::Dataset> datasets;
  std::vector<io::Group> groups;
  // Resumable stages (engine/job/resume.hpp): a key per stage; with --resume, recorded stages with
  // the same key are read back instead of run.
  const InputFingerprints fingerprints = fingerprint_inputs(lg, customers);
  std::optional<ResumeSource> resume_from;
  if (spec.resume) {
    resume_from = open_resume_source(spec);
    progress.line("resume", resume_from ? fmt::format("{}: {} recorded stages", resume_from->file.string(), resume_from->stages.size())
                                        : std::string("nothing to resume from: running every stage"));
  }
  std::vector<ResumeRecord> records;
  Hasher earlier;
  std::size_t resumed = 0;
  try {
    for (const auto& a : analysis_registry()) {
      if (std::find(selected.begin(), selected.end(), a.name) == selected.end()) continue;
      for (LayerKind layer : kAllLayers) {
        const CsrGraph* g = lg.graph(layer);
        if (!g) continue;
        if (!spec.layers.empty() && std::find(spec.layers.begin(), spec.layers.end(), layer) == spec.layers.end()) continue;
        if (!a.applies(layer, lg, spec)) continue;
        ctx.check_cancelled();
        const std::string stage = a.name + "/" + std::string(layer_name(layer));
        ResumeRecord rec{stage, hex64(stage_key(a.name, layer, fingerprints, spec, earlier.digest())), {}, {}};
        earlier.str(rec.key);
        auto phase = ctx.phase(stage);
        progress.begin(stage);
        const ResumeRecord* old = nullptr;
        if (resume_from) {
          const auto it = resume_from->stages.find(stage);
          if (it != resume_from->stages.end() && it->second.key == rec.key) old = &it->second;
        }
        if (old) {
          rec.datasets = old->datasets;
          rec.groups = old->groups;
          load_stage(*resume_from, *old, datasets, groups);
          ++resumed;
          progress.line(stage, fmt::format("resumed from {} ({:.2f} s)", resume_from->file.filename().string(), phase.elapsed()));
        } else {
          AnalysisOutput r = a.run(AnalysisInput{layer, *g, lg, spec, datasets, customers, ctx});
          progress.line(stage, fmt::format("{} ({:.2f} s)", r.summary, phase.elapsed()));
          for (auto& d : r.datasets) {
            rec.datasets.push_back(d.path);
            datasets.push_back(std::move(d));
          }
          for (auto& gr : r.groups) {
            rec.groups.push_back(gr.path);
            groups.push_back(std::move(gr));
          }
        }
        records.push_back(std::move(rec));
      }
    }
    ctx.check_cancelled();
  } catch (const Cancelled&) {
    // Keep every completed stage: write them to the checkpoint (atomically) for --resume.
    if (!records.empty() && root) {
      io::ResultsDocument doc;
      doc.root_attributes = {{"format", std::string("peerscout-checkpoint")},
                             {"format_version", std::int64_t{1}},
                             {"complete", std::int64_t{0}}};
      for (auto& gr : groups) doc.groups.push_back(std::move(gr));
      for (auto& d : datasets) doc.datasets.push_back(std::move(d));
      add_resume_table(doc, records);
      const auto cp = checkpoint_path(spec);
      io::write_results_h5(cp, doc);
      fmt::print(log, "peerscout: interrupted: {} completed stages kept in {}; resume with the same command and --resume\n",
                 records.size(), cp.string());
    }
    throw;
  }
  if (resumed) progress.line("resume", fmt::format("{} of {} stages resumed", resumed, records.size()));

  // Shortlist: roles, labels and the scored, explainable list (shortlist_stage.hpp); without a
  // community result, the top people by PageRank.
  const auto shortlist_path = spec.shortlist_path();
  std::optional<Shortlist> shortlist;
  std::optional<ShortlistStage> stage;
  {
    auto phase = ctx.phase("shortlist");
    stage = build_shortlist_stage(lg, spec, datasets, groups, customers, ctx);
    if (stage) {
      Shortlist s;
      s.title = "(score = reach, trust, local standing, influence gain; why = first reason; docs/roles.md)";
      s.columns = std::move(stage->csv);
      s.printed = std::move(stage->printed);
      shortlist = std::move(s);
      for (auto& gr : stage->groups) groups.push_back(std::move(gr));
      for (auto& d : stage->datasets) datasets.push_back(std::move(d));
      progress.line("shortlist", fmt::format("{} ({:.2f} s)", stage->summary, phase.elapsed()));
    } else {
      shortlist = make_shortlist(lg, datasets, spec.top);
    }
  }
  ctx.check_cancelled();

  // Results document.
  io::ResultsDocument doc;
  const Provenance prov = make_provenance(spec.argv, spec.seed, nthreads);
  doc.root_attributes = {{"format", std::string("peerscout")},
                         {"format_version", std::int64_t{1}},
                         {"peerscout_version", prov.peerscout_version},
                         {"created_utc", prov.created_utc},
                         {"command_line", prov.command_line},
                         {"seed", static_cast<std::int64_t>(prov.seed)},
                         {"threads", std::int64_t{prov.threads}}};
  doc.datasets.push_back({"/nodes/id", lg.ids.handles(), {}});
  for (auto& attr : lg.attributes) doc.datasets.push_back({"/nodes/" + attr.name, std::move(attr.values), {}});
  std::uint64_t input_edges = 0;
  for (LayerKind kind : kAllLayers) {
    const Layer* l = lg.get(kind);
    if (!l) continue;
    if (kind != LayerKind::kTrust) input_edges += l->stats.input_edges;
    std::string files;
    for (const auto& f : l->files) files += (files.empty() ? "" : "; ") + f;
    io::Group grp{"/layers/" + std::string(layer_name(kind)), {}};
    grp.attributes = {{"directed", std::int64_t{l->graph.directed() ? 1 : 0}},
                      {"weighted", std::int64_t{l->graph.weighted() ? 1 : 0}},
                      {"vertices", std::int64_t{l->graph.num_vertices()}},
                      {"edges", static_cast<std::int64_t>(l->graph.num_edges())},
                      {"input_edges", static_cast<std::int64_t>(l->stats.input_edges)},
                      {"self_loops_dropped", static_cast<std::int64_t>(l->stats.self_loops_dropped)},
                      {"duplicates_merged", static_cast<std::int64_t>(l->stats.duplicates_merged)},
                      {"source_files", kind == LayerKind::kTrust ? std::string("derived") : files}};
    if (kind == LayerKind::kTrust)
      grp.attributes.push_back(
          {"definition", std::string("{u,v} if friends or mutual follows; weight = number of these signals (1-2) + "
                                     "interaction weight u->v + v->u (docs/layers.md)")});
    doc.groups.push_back(std::move(grp));
  }
  for (auto& gr : groups) doc.groups.push_back(std::move(gr));
  for (auto& d : datasets) doc.datasets.push_back(std::move(d));
  add_resume_table(doc, records);

  // /run: stages so far (the write itself is reported in the summary only).
  const double wall = progress.elapsed();
  const std::uint64_t peak = peak_rss_bytes();
  {
    StringColumn names;
    std::vector<double> secs;
    std::vector<std::int64_t> rss, depth;
    for (const auto& st : ctx.stages()) {
      names.push_back(st.name);
      secs.push_back(st.seconds);
      rss.push_back(static_cast<std::int64_t>(st.peak_rss_bytes));
      depth.push_back(st.depth);
    }
    doc.groups.push_back({"/run",
                          {{"wall_seconds", wall},
                           {"peak_rss_bytes", static_cast<std::int64_t>(peak)},
                           {"peak_bytes_per_edge", input_edges ? static_cast<double>(peak) / static_cast<double>(input_edges) : 0.0}}});
    doc.groups.push_back({"/run/stages", {{"kind", std::string("table")}}});
    doc.datasets.push_back({"/run/stages/name", std::move(names), {}});
    doc.datasets.push_back({"/run/stages/seconds", std::move(secs), {}});
    doc.datasets.push_back({"/run/stages/peak_rss_bytes", std::move(rss), {}});
    doc.datasets.push_back({"/run/stages/depth", std::move(depth), {}});
  }
  ctx.check_cancelled();
  if (root) {
    auto phase = ctx.phase("write");
    io::write_results_h5(spec.out, doc);
    if (shortlist) io::write_delimited(shortlist_path, shortlist->columns, ',', true);
    if (stage && spec.shortlist_options.write_report) {
      stage->report.summary.push_back(fmt::format("command: {}; seed {}; {} threads", prov.command_line, spec.seed, nthreads));
      io::write_report_html(spec.report_path(), stage->report);
    }
    std::error_code ec;
    std::filesystem::remove(checkpoint_path(spec), ec);  // complete: the checkpoint is no longer needed
    progress.line("write", fmt::format("{}{}{} ({:.2f} s)", spec.out.string(), shortlist ? ", " + shortlist_path.string() : "",
                                       stage && spec.shortlist_options.write_report ? ", " + spec.report_path().string() : "",
                                       phase.elapsed()));
  }

  RunResult result;
  result.results = spec.out;
  result.shortlist = shortlist ? shortlist_path : std::filesystem::path{};
  result.vertices = n;
  result.stages = ctx.stages();
  result.peak_rss_bytes = peak_rss_bytes();
  result.wall_seconds = progress.elapsed();

  // Summary (log) and the top of the shortlist (out).
  if (!spec.quiet && root) {
    fmt::print(log, "peerscout: summary\n");
    fmt::print(log, "  people          {}\n", thousands(n));
    for (LayerKind kind : kAllLayers) {
      if (const Layer* l = lg.get(kind))
        fmt::print(log, "  {:<15} {} edges ({})\n", layer_name(kind), thousands(l->graph.num_edges()),
                   l->graph.directed() ? "directed" : "undirected");
    }
    std::string stages;
    for (const auto& st : result.stages)
      if (st.depth == 0) stages += fmt::format("{}{} {:.2f} s", stages.empty() ? "" : ", ", st.name, st.seconds);
    fmt::print(log, "  stages          {}\n", stages);
    fmt::print(log, "  peak memory     {} ({:.1f} bytes per input edge; graphs {})\n", human_bytes(result.peak_rss_bytes),
               input_edges ? static_cast<double>(result.peak_rss_bytes) / static_cast<double>(input_edges) : 0.0,
               human_bytes(lg.memory_bytes()));
    fmt::print(log, "  threads {}, seed {}, wall time {:.2f} s\n", nthreads, spec.seed, result.wall_seconds);
    fmt::print(log, "  results         {}\n", result.results.string());
    if (shortlist) fmt::print(log, "  shortlist       {}\n", result.shortlist.string());
    if (stage && spec.shortlist_options.write_report) fmt::print(log, "  report          {}\n", spec.report_path().string());
  }
  if (shortlist && root) print_shortlist(out, *shortlist, std::min<std::size_t>(spec.top, 10));
  return result;
}

void run_import(const JobSpec& spec_in, std::ostream& log, const std::atomic<bool>* cancel) {
  JobSpec spec = spec_in;
  spec.validate();
  ThreadScope threads(spec.threads);
  Progress progress(&log, spec.quiet);
  RunContext ctx;
  ctx.set_cancel_flag(cancel);
  { io::AtomicOutput probe(spec.out); }
  if (spec.demo) add_demo_inputs(spec, progress);
  if (spec.edges.empty() && !spec.graph) throw InvalidArgument("import: no input files");
  LayeredGraph lg = load_layers(spec, ctx, &log);
  ctx.check_cancelled();
  const Provenance prov = make_provenance(spec.argv, spec.seed, max_threads());
  std::string files;
  for (const auto& e : spec.edges) files += (files.empty() ? "" : "; ") + e.path.string();
  for (const auto& nfile : spec.nodes) files += (files.empty() ? "" : "; ") + nfile.path.string();
  auto phase = ctx.phase("write");
  io::write_snapshot_h5(spec.out, lg, {prov.peerscout_version, prov.created_utc, prov.command_line, files});
  progress.line("write", fmt::format("{} ({:.2f} s, {})", spec.out.string(), phase.elapsed(), human_bytes(std::filesystem::file_size(spec.out))));
  if (!spec.quiet)
    fmt::print(log, "peerscout: snapshot of {} people; peak memory {}; load it with: peerscout analyze --graph {}\n",
               thousands(lg.num_vertices()), human_bytes(peak_rss_bytes()), spec.out.string());
}

}  // namespace peerscout::job
