// peerscout_bench: times peerscout and igraph (linked in) on the same graphs in one run and prints
// the ratios (docs/benchmarks.md).
//   (a) edge-list text -> graph   vs igraph_read_graph_edgelist
//   (b) PageRank                  vs igraph_pagerank (PRPACK), with the max abs difference
//   (c) core numbers              vs igraph_coreness
//   plus graph bytes per edge and the process's peak memory.
// Inputs: an R-MAT graph (generated, written as text to --tmp) and the largest networks of
// ../shared/datasets. Every time is the best of --repeat runs.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "algorithms/centrality/kcore.hpp"
#include "bench/bench_util.hpp"
#include "algorithms/centrality/pagerank.hpp"
#include "datasets/generators/rmat.hpp"
#include "engine/csr_builder.hpp"
#include "engine/igraph_bridge.hpp"
#include "engine/memory.hpp"
#include "engine/parallel.hpp"
#include "io/edge_list_reader.hpp"
#include "io/text_writer.hpp"

namespace fs = std::filesystem;
using namespace peerscout;

namespace {

using bench::best_of;
using Clock = bench::Clock;

struct Row {
  std::string graph, what;
  double ours = 0, theirs = 0;
  std::string note;
};

void report(const Row& r) {
  bench::report(r.graph, r.what, r.ours, r.theirs, r.note);
}

struct BenchOptions {
  int repeat = 3;
  int threads = 2;
  bool ingest = true, pagerank = true, coreness = true;
};

// (a) Text -> graph. peerscout: parallel parse + id map + CSR with in-adjacency. igraph: its
// edge-list reader (which also builds igraph's indexed edge list).
void bench_ingest(const std::string& name, const fs::path& file, bool directed, const BenchOptions& o) {
  const auto bytes = fs::file_size(file);
  EdgeIndex edges = 0;
  const double parse = best_of(o.repeat, [&] {
    auto r = io::read_edge_list(file, {});
    edges = r.edges.size();
  });
  const double parse_build = best_of(o.repeat, [&] {
    auto r = io::read_edge_list(file, {});
    const VertexId n = r.ids.size();
    auto g = build_csr(std::move(r.edges), n, {.directed = directed, .duplicates = Duplicates::kKeepAll, .self_loops = SelfLoops::kKeep});
  });
  double ig_time = 0;
  {
    ThreadScope one(1);
    ig_time = best_of(std::max(1, o.repeat - 1), [&] {
      std::FILE* f = std::fopen(file.c_str(), "rb");
      igraph_t g;
      ig::check(igraph_read_graph_edgelist(&g, f, 0, directed), "igraph_read_graph_edgelist");
      std::fclose(f);
      igraph_destroy(&g);
    });
  }
  const double mb = static_cast<double>(bytes) / 1e6;
  report({name, "ingest: parse", parse, ig_time,
          fmt::format("{:.0f} MB/s, {} edges, {:.0f} MB text", mb / parse, edges, mb)});
  report({name, "ingest: parse + CSR build", parse_build, ig_time, fmt::format("{:.0f} MB/s", mb / parse_build)});
}

// (b) PageRank on the same simple graph for both (igraph's copy built from our CSR).
void bench_pagerank(const std::string& name, const CsrGraph& g, const BenchOptions& o) {
  centrality::PageRankResult ours;
  const double t_ours = best_of(o.repeat, [&] { ours = centrality::pagerank(g); });
  ig::Graph ig(g);
  ig::Vector vec;
  igraph_real_t value = 0;
  const double t_ig = best_of(o.repeat, [&] {
    ig::check(igraph_pagerank(ig.get(), IGRAPH_PAGERANK_ALGO_PRPACK, vec.get(), &value, igraph_vss_all(),
                              g.directed(), 0.85, nullptr, nullptr),
              "igraph_pagerank");
  });
  const auto theirs = vec.to_std();
  double maxdiff = 0;
  for (std::size_t i = 0; i < theirs.size(); ++i) maxdiff = std::max(maxdiff, std::abs(theirs[i] - ours.score[i]));
  report({name, "pagerank", t_ours, t_ig,
          fmt::format("max|diff| {:.1e}, {} iterations, {:.1f} ms/iteration", maxdiff, ours.iterations,
                      1e3 * t_ours / std::max(1, ours.iterations))});
}

// (c) Core numbers (all-degree mode on directed graphs, as igraph_coreness(IGRAPH_ALL)).
void bench_coreness(const std::string& name, const CsrGraph& g, const BenchOptions& o) {
  centrality::CoreResult ours;
  const double t_ours = best_of(o.repeat, [&] { ours = centrality::core_numbers(g); });
  ig::Graph ig(g);
  ig::VectorInt cores;
  const double t_ig = best_of(o.repeat, [&] {
    ig::check(igraph_coreness(ig.get(), cores.get(), IGRAPH_ALL), "igraph_coreness");
  });
  const auto theirs = cores.to_std();
  bool same = theirs.size() == ours.core.size();
  for (std::size_t i = 0; same && i < theirs.size(); ++i) same = theirs[i] == static_cast<std::int64_t>(ours.core[i]);
  report({name, "core numbers", t_ours, t_ig, fmt::format("max core {}, {}", ours.max_core, same ? "identical" : "DIFFERENT")});
}

void bench_graph(const std::string& name, const fs::path& file, bool directed, const BenchOptions& o) {
  if (o.ingest) bench_ingest(name, file, directed, o);
  auto r = io::read_edge_list(file, {});
  const VertexId n = r.ids.size();
  auto built = build_csr(std::move(r.edges), n, {.directed = directed});
  const CsrGraph& g = built.graph;
  fmt::print("{:<22} graph: {} vertices, {} edges ({}), {:.2f} bytes/edge{}\n", name, g.num_vertices(), g.num_edges(),
             directed ? "directed, with in-adjacency" : "undirected, both arcs", static_cast<double>(g.memory_bytes()) / static_cast<double>(g.num_edges()),
             directed ? "" : " (per undirected edge)");
  if (o.pagerank) bench_pagerank(name, g, o);
  if (o.coreness) bench_coreness(name, g, o);
}

}  // namespace

int main(int argc, char** argv) {
  ig::install_handlers();
  CLI::App app{"peerscout_bench: peerscout vs igraph, in one process"};
  int scale = 21, edge_factor = 16;
  std::string tmp = "/tmp", datasets_dir;
  std::string only;
  bool no_rmat = false;
  BenchOptions o;
  app.add_option("--scale", scale, "R-MAT scale (2^scale vertices; default 21)");
  app.add_option("--edge-factor", edge_factor, "R-MAT edges per vertex (default 16)");
  app.add_option("--threads", o.threads, "OpenMP threads for peerscout and igraph (default 2)");
  app.add_option("--repeat", o.repeat, "best of N runs (default 3)");
  app.add_option("--tmp", tmp, "directory for the generated R-MAT text file (default /tmp)");
  app.add_option("--datasets", datasets_dir, "shared datasets directory (default ../shared/datasets next to the source; 'none' to skip)");
  app.add_option("--only", only, "comma-separated subset: ingest,pagerank,coreness");
  app.add_flag("--no-rmat", no_rmat, "skip the R-MAT graph");
  CLI11_PARSE(app, argc, argv);
  if (!only.empty()) {
    o.ingest = only.find("ingest") != std::string::npos;
    o.pagerank = only.find("pagerank") != std::string::npos;
    o.coreness = only.find("coreness") != std::string::npos;
  }
  ThreadScope threads(o.threads);
  fmt::print("peerscout_bench: {} threads, best of {} runs, igraph {}\n", max_threads(), o.repeat, ig::version());

  if (!no_rmat) {
    const fs::path file = bench::rmat_file(tmp, scale, edge_factor);
    bench_graph(fmt::format("rmat-{}-{}", scale, edge_factor), file, true, o);
  }
  fs::path dir = datasets_dir.empty() ? bench::shared_datasets_dir() : fs::path(datasets_dir);
  if (datasets_dir != "none" && fs::is_directory(dir)) {
    const std::vector<std::pair<std::string, bool>> sets = {
        {"soc-Slashdot0902", true}, {"soc-Epinions1", true}, {"github-social", false},
        {"deezer-hu", false}, {"facebook-page-page", false}, {"wiki-Vote", true}};
    for (const auto& [name, directed] : sets) {
      const auto file = dir / name / "edges.el";
      if (fs::exists(file)) bench_graph(name, file, directed, o);
    }
  } else if (datasets_dir != "none") {
    fmt::print("shared datasets not found at {}: skipped\n", dir.string());
  }
  fmt::print("peak RSS of this process: {}\n", human_bytes(peak_rss_bytes()));
  return 0;
}
