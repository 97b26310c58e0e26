// peerscout_bench_centrality_paths: shortest-path centralities against igraph, in one process.
//   (a) shared networks: exact betweenness vs igraph_betweenness (time, max difference);
//       approximate betweenness (KADABRA, eps, delta) vs the exact values (time, max error);
//       closeness and harmonic vs igraph_closeness / igraph_harmonic_centrality.
//   (b) R-MAT graphs (bench::rmat_file, scales --scale-min..--scale-max, --edge-factor):
//       approximate betweenness at every scale; on the largest, top-100 harmonic and closeness and
//       sampled closeness / harmonic for all vertices.
//   (c) --only sampled: sampled closeness / harmonic only, against the exact values on one shared
//       network (--check), then on the R-MAT graph of every scale.
// Every peerscout time is the best of --repeat runs; igraph runs once per graph (serial).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "algorithms/centrality/betweenness.hpp"
#include "algorithms/centrality/betweenness_approx.hpp"
#include "algorithms/centrality/closeness.hpp"
#include "algorithms/centrality/top_closeness.hpp"
#include "bench/bench_util.hpp"
#include "engine/csr_builder.hpp"
#include "engine/igraph_bridge.hpp"
#include "engine/memory.hpp"
#include "engine/parallel.hpp"
#include "io/edge_list_reader.hpp"

namespace fs = std::filesystem;
using namespace peerscout;
using bench::best_of;

namespace {

struct Options {
  int threads = 2, repeat = 1;
  double epsilon = 0.01, delta = 0.1;
  double betweenness_max_work = 2e10;  // n * arcs of the networks where igraph's exact betweenness runs
  double closeness_max_work = 2e10;
  bool shared = true, rmat = true, directed = false, topk = true, sampled_only = false;
  std::string check = "github-social";  // shared network for the sampled-vs-exact check (--only sampled)
  int scale_min = 16, scale_max = 21, edge_factor = 16;
  std::string tmp = "/tmp", datasets;
};

CsrGraph read_graph(const fs::path& file, bool directed) {
  auto r = io::read_edge_list(file, {});
  const auto n = static_cast<VertexId>(r.ids.size());
  return build_csr(std::move(r.edges), n, {.directed = directed}).graph;
}

double max_diff(const std::vector<double>& a, const std::vector<double>& b) {
  double m = 0;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (std::isnan(a[i]) && std::isnan(b[i])) continue;
    m = std::max(m, std::fabs(a[i] - b[i]));
  }
  return m;
}

double max_abs(const std::vector<double>& a) {
  double m = 0;
  for (double x : a)
    if (std::isfinite(x)) m = std::max(m, std::fabs(x));
  return m;
}

void bench_shared(const std::string& name, const CsrGraph& g, const Options& o) {
  const double work = static_cast<double>(g.num_vertices()) * static_cast<double>(g.num_arcs());
  fmt::print("{:<22} graph: {} vertices, {} arcs, {}\n", name, g.num_vertices(), g.num_arcs(),
             g.directed() ? "directed" : "undirected");
  ig::Graph ig(g);
  if (work <= o.betweenness_max_work) {
    centrality::BetweennessResult ours;
    const double t = best_of(o.repeat, [&] { ours = centrality::betweenness(g, {.use_weights = false}); });
    ig::Vector res;
    const double ti = best_of(1, [&] {
      ig::check(igraph_betweenness(ig.get(), res.get(), igraph_vss_all(), true, nullptr), "igraph_betweenness");
    });
    const auto theirs = res.to_std();
    bench::report(name, "betweenness (exact)", t, ti,
                  fmt::format("max|diff| {:.1e} (max value {:.3g})", max_diff(ours.score, theirs), max_abs(theirs)));
    // Approximate vs exact, normalized by n(n-1) ordered pairs.
    const auto exact = centrality::betweenness(g, {.use_weights = false, .normalized = true}).score;
    centrality::BetweennessApproxResult ap;
    const double ta = best_of(o.repeat, [&] { ap = centrality::betweenness_approx(g, {.epsilon = o.epsilon, .delta = o.delta}); });
    bench::report(name, fmt::format("betweenness_approx eps {}", o.epsilon), ta, t,
                  fmt::format("vs exact: max error {:.2e}, {} samples (+{} calibration), omega {}, VD <= {}",
                              max_diff(ap.score, exact), ap.samples, ap.samples_total - ap.samples, ap.omega,
                              ap.vertex_diameter),
                  "exact");
  } else {
    fmt::print("{:<22} betweenness: skipped (n * arcs = {:.1e} > --betweenness-max-work)\n", name, work);
  }
  if (work <= o.closeness_max_work) {
    std::vector<double> ours, harm;
    const double t = best_of(o.repeat, [&] { ours = centrality::closeness(g, {.wasserman_faust = false}); });
    ig::Vector res;
    ig::VectorInt reach;
    igraph_bool_t all = false;
    const double ti = best_of(1, [&] {
      ig::check(igraph_closeness(ig.get(), res.get(), reach.get(), &all, igraph_vss_all(), IGRAPH_OUT, nullptr, true),
                "igraph_closeness");
    });
    bench::report(name, "closeness (exact)", t, ti, fmt::format("max|diff| {:.1e}", max_diff(ours, res.to_std())));
    const double th = best_of(o.repeat, [&] { harm = centrality::harmonic(g); });
    const double thi = best_of(1, [&] {
      ig::check(igraph_harmonic_centrality(ig.get(), res.get(), igraph_vss_all(), IGRAPH_OUT, nullptr, true),
                "igraph_harmonic_centrality");
    });
    bench::report(name, "harmonic (exact)", th, thi, fmt::format("max|diff| {:.1e}", max_diff(harm, res.to_std())));
  }
}

void bench_sampled(const std::string& name, const CsrGraph& g, const Options& o, const std::vector<double>* exact_h,
                   const std::vector<double>* exact_c) {
  for (bool harm : {true, false}) {
    centrality::SampledResult r;
    const centrality::SampledClosenessOptions so{.epsilon = o.epsilon, .delta = o.delta};
    const double t = best_of(o.repeat, [&] { r = harm ? centrality::harmonic_sampled(g, so) : centrality::closeness_sampled(g, so); });
    double worst = 0, mean = 0;
    for (double b : r.error_bar) {
      worst = std::max(worst, b);
      mean += b / static_cast<double>(r.error_bar.size());
    }
    std::string vs;
    if (const auto* exact = harm ? exact_h : exact_c; exact != nullptr) {
      // Observed error against the exact values: the largest, how many exceed epsilon, how many lie
      // outside their error bar (the guarantee allows a fraction delta per vertex in expectation).
      double max_err = 0, max_ratio = 0;
      std::size_t over_eps = 0, outside = 0;
      for (std::size_t v = 0; v < exact->size(); ++v) {
        const double e = std::fabs(r.score[v] - (*exact)[v]);
        max_err = std::max(max_err, e);
        if (r.error_bar[v] > 0) max_ratio = std::max(max_ratio, e / r.error_bar[v]);
        over_eps += e > o.epsilon ? 1 : 0;
        outside += e > r.error_bar[v] ? 1 : 0;
      }
      vs = fmt::format("; vs exact: max error {:.2e}, max error/bar {:.2f}, {} above eps, {} outside their bar", max_err,
                       max_ratio, over_eps, outside);
    }
    fmt::print("{:<22} {:<30} peerscout {:9.3f} s   {} samples, error bar max {:.4f} mean {:.4f}{}\n", name,
               harm ? fmt::format("harmonic_sampled eps {}", o.epsilon) : fmt::format("closeness_sampled eps {}", o.epsilon),
               t, r.samples, worst, mean, vs);
    std::fflush(stdout);
  }
}

// --only sampled: sampled harmonic and closeness only (no betweenness, no top-k), first against the
// exact values on one shared network (--check), then on the R-MAT graphs of every scale.
void bench_sampled_only(const Options& o) {
  const fs::path dir = o.datasets.empty() ? bench::shared_datasets_dir() : fs::path(o.datasets);
  const auto file = dir / o.check / "edges.el";
  if (o.check != "none" && fs::exists(file)) {
    const CsrGraph g = read_graph(file, false);
    fmt::print("{:<22} graph: {} vertices, {} arcs, undirected\n", o.check, g.num_vertices(), g.num_arcs());
    std::vector<double> h, c;
    const double t = best_of(1, [&] {
      h = centrality::harmonic(g);
      c = centrality::closeness(g);
    });
    fmt::print("{:<22} {:<30} peerscout {:9.3f} s\n", o.check, "harmonic + closeness (exact)", t);
    bench_sampled(o.check, g, o, &h, &c);
  } else if (o.check != "none") {
    fmt::print("{} not found: check skipped\n", file.string());
  }
  for (int scale = o.scale_min; scale <= o.scale_max; ++scale) {
    const CsrGraph g = read_graph(bench::rmat_file(o.tmp, scale, o.edge_factor), o.directed);
    const std::string name = fmt::format("rmat-{}-{}{}", scale, o.edge_factor, o.directed ? "" : "-u");
    fmt::print("{:<22} graph: {} vertices, {} edges ({} arcs), {}\n", name, g.num_vertices(), g.num_edges(), g.num_arcs(),
               o.directed ? "directed" : "undirected");
    bench_sampled(name, g, o, nullptr, nullptr);
  }
}

void bench_rmat(const Options& o) {
  CsrGraph largest;
  for (int scale = o.scale_min; scale <= o.scale_max; ++scale) {
    const auto file = bench::rmat_file(o.tmp, scale, o.edge_factor);
    CsrGraph g = read_graph(file, o.directed);
    const std::string name = fmt::format("rmat-{}-{}{}", scale, o.edge_factor, o.directed ? "" : "-u");
    fmt::print("{:<22} graph: {} vertices, {} edges ({} arcs), {}\n", name, g.num_vertices(), g.num_edges(), g.num_arcs(),
               o.directed ? "directed" : "undirected");
    centrality::BetweennessApproxResult ap;
    const double ta = best_of(o.repeat, [&] { ap = centrality::betweenness_approx(g, {.epsilon = o.epsilon, .delta = o.delta}); });
    double top = 0;
    for (double x : ap.score) top = std::max(top, x);
    fmt::print("{:<22} {:<30} peerscout {:9.3f} s   {} samples (+{} calibration), omega {}, VD <= {}, max b {:.4f}\n",
               name, fmt::format("betweenness_approx eps {}", o.epsilon), ta, ap.samples, ap.samples_total - ap.samples,
               ap.omega, ap.vertex_diameter, top);
    std::fflush(stdout);
    if (scale == o.scale_max) largest = std::move(g);
  }
  const CsrGraph& g = largest;
  const std::string name = fmt::format("rmat-{}-{}{}", o.scale_max, o.edge_factor, o.directed ? "" : "-u");
  for (bool harm : {true, false}) {
    if (!o.topk) break;
    centrality::TopKResult r;
    const double t = best_of(o.repeat, [&] { r = harm ? centrality::top_k_harmonic(g, 100) : centrality::top_k_closeness(g, 100); });
    fmt::print("{:<22} {:<30} peerscout {:9.3f} s   {:.1f} vertices visited per vertex, top score {:.4f}, 100th {:.4f}\n", name,
               harm ? "top-100 harmonic" : "top-100 closeness", t,
               static_cast<double>(r.bfs_visits) / g.num_vertices(), r.score.front(), r.score.back());
    std::fflush(stdout);
  }
  bench_sampled(name, g, o, nullptr, nullptr);
}

}  // namespace

int main(int argc, char** argv) {
  ig::install_handlers();
  CLI::App app{"peerscout_bench_centrality_paths: betweenness, closeness, harmonic vs igraph"};
  Options o;
  std::string only;
  app.add_option("--threads", o.threads, "OpenMP threads for peerscout (default 2; igraph is serial)");
  app.add_option("--repeat", o.repeat, "best of N runs for peerscout (default 1)");
  app.add_option("--epsilon", o.epsilon, "approximation error (default 0.01)");
  app.add_option("--delta", o.delta, "failure probability (default 0.1)");
  app.add_option("--betweenness-max-work", o.betweenness_max_work, "run exact betweenness when n * arcs <= this (default 2e10)");
  app.add_option("--closeness-max-work", o.closeness_max_work, "run exact closeness when n * arcs <= this (default 2e10)");
  app.add_option("--scale-min", o.scale_min, "smallest R-MAT scale (default 16)");
  app.add_option("--scale-max", o.scale_max, "largest R-MAT scale (default 21)");
  app.add_flag("!--no-topk", o.topk, "skip the top-100 harmonic/closeness runs on the largest graph");
  app.add_option("--edge-factor", o.edge_factor, "R-MAT edges per vertex (default 16)");
  app.add_flag("--directed", o.directed, "read the R-MAT graphs as directed (default: undirected)");
  app.add_option("--tmp", o.tmp, "directory for the generated R-MAT text files (default /tmp)");
  app.add_option("--datasets", o.datasets, "shared datasets directory (default ../shared/datasets; 'none' to skip)");
  app.add_option("--only", only,
                 "comma-separated subset: shared,rmat; or 'sampled': sampled harmonic/closeness only, checked against "
                 "the exact values on --check, then on the R-MAT scales");
  app.add_option("--check", o.check, "shared network for the sampled-vs-exact check of --only sampled (default github-social; 'none')");
  CLI11_PARSE(app, argc, argv);
  if (only == "sampled") {
    o.shared = o.rmat = false;
    o.sampled_only = true;
  } else if (!only.empty()) {
    o.shared = only.find("shared") != std::string::npos;
    o.rmat = only.find("rmat") != std::string::npos;
  }
  ThreadScope threads(o.threads);
  fmt::print("peerscout_bench_centrality_paths: {} threads, best of {} runs, igraph {}\n", max_threads(), o.repeat, ig::version());
  if (o.shared) {
    const fs::path dir = o.datasets.empty() ? bench::shared_datasets_dir() : fs::path(o.datasets);
    if (o.datasets != "none" && fs::is_directory(dir)) {
      const std::vector<std::pair<std::string, bool>> sets = {
          {"email-Eu-core", true}, {"ego-Facebook", false}, {"wiki-Vote", true},    {"lastfm-asia", false},
          {"advogato", true},      {"bitcoin-otc", true},   {"deezer-europe", false}, {"facebook-page-page", false}};
      for (const auto& [name, directed] : sets) {
        const auto file = dir / name / "edges.el";
        if (fs::exists(file)) bench_shared(name, read_graph(file, directed), o);
      }
    } else if (o.datasets != "none") {
      fmt::print("shared datasets not found at {}: skipped\n", dir.string());
    }
  }
  if (o.rmat) bench_rmat(o);
  if (o.sampled_only) bench_sampled_only(o);
  fmt::print("peak RSS of this process: {}\n", human_bytes(peak_rss_bytes()));
  return 0;
}
