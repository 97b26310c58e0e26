// peerscout_bench_centrality_spectral: the recommender centralities of part A against igraph
// (linked in), in one process, on the same graphs (docs/algorithms/*.md record the tables):
//   personalized PageRank exact (pagerank with a seed teleport) vs igraph_personalized_pagerank_vs
//   (PRPACK); forward push at several epsilons (time, L1 error against the exact vector, bound);
//   eigenvector centrality vs igraph_eigenvector_centrality; HITS vs igraph_hub_and_authority_scores;
//   local clustering vs igraph_transitivity_local_undirected; Burt's constraint vs igraph_constraint
//   (igraph on a sample of egos when the full run would take too long: its time is extrapolated);
//   Katz, reciprocity and embeddedness (no igraph counterpart: our time only).
// Inputs: the R-MAT graph (bench::rmat_file; directed, plus its undirected version for the
// undirected measures) and the largest networks of ../shared/datasets. Times are best of --repeat.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "algorithms/centrality/clustering.hpp"
#include "algorithms/centrality/eigenvector.hpp"
#include "algorithms/centrality/embeddedness.hpp"
#include "algorithms/centrality/hits.hpp"
#include "algorithms/centrality/katz.hpp"
#include "algorithms/centrality/personalized_pagerank.hpp"
#include "algorithms/centrality/reciprocity.hpp"
#include "algorithms/centrality/structural_holes.hpp"
#include "bench/bench_util.hpp"
#include "engine/csr_builder.hpp"
#include "engine/igraph_bridge.hpp"
#include "engine/memory.hpp"
#include "engine/parallel.hpp"
#include "engine/random.hpp"
#include "io/edge_list_reader.hpp"

namespace fs = std::filesystem;
using namespace peerscout;

namespace {

using bench::best_of;

struct Options {
  int repeat = 3;
  int threads = 2;
  std::size_t seeds = 1000;
  double constraint_budget = 60.0;  // seconds igraph_constraint may take before it is sampled
  bool ppr = true, push = true, eigenvector = true, hits = true, clustering = true, constraint = true,
       katz = true, reciprocity = true, embeddedness = true;
};

double max_abs_diff(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return INFINITY;
  double m = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) && std::isnan(b[i])) continue;
    m = std::max(m, std::abs(a[i] - b[i]));
  }
  return m;
}

double l1_diff(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += std::abs(a[i] - b[i]);
  return s;
}

// A fixed pseudo-random set of distinct seeds ("the CRM customers").
std::vector<VertexId> pick_seeds(VertexId n, std::size_t count) {
  std::vector<VertexId> s;
  if (n == 0) return s;
  for (std::uint64_t i = 0; s.size() < std::min<std::size_t>(count, n) && i < 4 * count + 16; ++i)
    s.push_back(static_cast<VertexId>(Rng::for_item(7, Stream::kDemo, i).below(n)));
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
  return s;
}

void bench_ppr(const std::string& name, const CsrGraph& g, const Options& o) {
  ig::Graph ig(g);
  // The CRM-sized seed set, and a small one where the push stays local.
  for (std::size_t count : {o.seeds, std::size_t{10}}) {
    const auto seeds = pick_seeds(g.num_vertices(), count);
    centrality::PageRankResult exact;
    if (o.ppr) {
      const double t_ours = best_of(o.repeat, [&] { exact = centrality::personalized_pagerank(g, seeds); });
      ig::Vector vec;
      ig::VectorInt ids(std::vector<std::int64_t>(seeds.begin(), seeds.end()));
      igraph_real_t value = 0;
      const double t_ig = best_of(o.repeat, [&] {
        igraph_vs_t reset;
        ig::check(igraph_vs_vector(&reset, ids.get()), "igraph_vs_vector");
        ig::check(igraph_personalized_pagerank_vs(ig.get(), IGRAPH_PAGERANK_ALGO_PRPACK, vec.get(), &value,
                                                  igraph_vss_all(), g.directed(), 0.85, reset, nullptr, nullptr),
                  "igraph_personalized_pagerank_vs");
        igraph_vs_destroy(&reset);
      });
      bench::report(name, fmt::format("ppr exact ({} seeds)", seeds.size()), t_ours, t_ig,
                    fmt::format("max|diff| {:.1e}, {} iterations", max_abs_diff(exact.score, vec.to_std()),
                                exact.iterations));
    }
    if (o.push) {
      if (exact.score.empty()) exact = centrality::personalized_pagerank(g, seeds);
      for (double eps : {1e-6, 1e-7, 1e-8}) {
        centrality::PushResult p;
        const double t =
            best_of(o.repeat, [&] { p = centrality::personalized_pagerank_push(g, seeds, {.epsilon = eps}); });
        fmt::print("{:<22} {:<30} peerscout {:9.3f} s   L1 error {:.2e} <= bound {:.2e}, {} pushes, {} arcs, {} rounds\n",
                   name, fmt::format("ppr push ({} seeds) eps {:.0e}", seeds.size(), eps), t,
                   l1_diff(p.score, exact.score), p.error_bound, p.pushes, p.arcs_scanned, p.rounds);
        std::fflush(stdout);
      }
    }
  }
}

void bench_eigenvector(const std::string& name, const CsrGraph& g, const Options& o) {
  centrality::EigenvectorResult ours;
  const double t_ours = best_of(o.repeat, [&] { ours = centrality::eigenvector(g); });
  ig::Graph ig(g);
  ig::Vector vec;
  igraph_real_t value = 0;
  igraph_arpack_options_t arpack;
  const double t_ig = best_of(o.repeat, [&] {
    ig::RngScope rng(42);
    igraph_arpack_options_init(&arpack);
    ig::check(igraph_eigenvector_centrality(ig.get(), vec.get(), &value, true, true, nullptr, &arpack),
              "igraph_eigenvector_centrality");
  });
  bench::report(name, "eigenvector", t_ours, t_ig,
                fmt::format("max|diff| {:.1e}, {} steps ({}), lambda {:.6g}", max_abs_diff(ours.score, vec.to_std()),
                            ours.iterations, g.directed() ? "power" : "LOBPCG", ours.eigenvalue));
}

void bench_hits(const std::string& name, const CsrGraph& g, const Options& o) {
  centrality::HitsResult ours;
  const double t_ours = best_of(o.repeat, [&] { ours = centrality::hits(g); });
  ig::Graph ig(g);
  ig::Vector hub, auth;
  igraph_real_t value = 0;
  igraph_arpack_options_t arpack;
  const double t_ig = best_of(o.repeat, [&] {
    igraph_arpack_options_init(&arpack);
    ig::check(igraph_hub_and_authority_scores(ig.get(), hub.get(), auth.get(), &value, true, nullptr, &arpack),
              "igraph_hub_and_authority_scores");
  });
  bench::report(name, "hits", t_ours, t_ig,
                fmt::format("max|diff| hub {:.1e} authority {:.1e}, {} steps", max_abs_diff(ours.hub, hub.to_std()),
                            max_abs_diff(ours.authority, auth.to_std()), ours.iterations));
}

void bench_clustering(const std::string& name, const CsrGraph& g, const Options& o) {
  std::vector<double> ours;
  const double t_ours = best_of(o.repeat, [&] { ours = centrality::local_clustering(g); });
  ig::Graph ig(g);
  ig::Vector vec;
  const double t_ig = best_of(o.repeat, [&] {
    ig::check(igraph_transitivity_local_undirected(ig.get(), vec.get(), igraph_vss_all(), IGRAPH_TRANSITIVITY_ZERO),
              "igraph_transitivity_local_undirected");
  });
  bench::report(name, "local clustering", t_ours, t_ig, fmt::format("max|diff| {:.1e}", max_abs_diff(ours, vec.to_std())));
}

void bench_constraint(const std::string& name, const CsrGraph& g, const Options& o) {
  centrality::StructuralHoles ours;
  const double t_ours = best_of(o.repeat, [&] { ours = centrality::structural_holes(g, false); });
  // igraph's cost is sum over egos of their contacts' degrees: time a sample first, then decide.
  ig::Graph ig(g);
  const VertexId n = g.num_vertices();
  std::vector<std::int64_t> sample;
  for (VertexId v = 0; v < n; v += std::max<VertexId>(1, n / 2000)) sample.push_back(v);
  ig::VectorInt ids(sample);
  ig::Vector part;
  igraph_vs_t vs;
  ig::check(igraph_vs_vector(&vs, ids.get()), "igraph_vs_vector");
  const auto t0 = bench::Clock::now();
  ig::check(igraph_constraint(ig.get(), part.get(), vs, nullptr), "igraph_constraint");
  const double t_sample = bench::seconds_since(t0);
  igraph_vs_destroy(&vs);
  const double estimate = t_sample * static_cast<double>(n) / static_cast<double>(sample.size());
  const auto ps = part.to_std();
  double diff = 0;
  for (std::size_t i = 0; i < sample.size(); ++i) {
    const double a = ours.constraint[static_cast<std::size_t>(sample[i])];
    if (!(std::isnan(a) && std::isnan(ps[i]))) diff = std::max(diff, std::abs(a - ps[i]));
  }
  if (estimate > o.constraint_budget) {
    bench::report(name, "constraint (+ effective size)", t_ours, estimate,
                  fmt::format("igraph EXTRAPOLATED from {} egos ({:.2f} s); max|diff| there {:.1e}", sample.size(),
                              t_sample, diff));
    return;
  }
  ig::Vector vec;
  const double t_ig = best_of(std::max(1, o.repeat - 1), [&] {
    ig::check(igraph_constraint(ig.get(), vec.get(), igraph_vss_all(), nullptr), "igraph_constraint");
  });
  bench::report(name, "constraint (+ effective size)", t_ours, t_ig,
                fmt::format("max|diff| {:.1e}", max_abs_diff(ours.constraint, vec.to_std())));
}

void ours_only(const std::string& name, const std::string& what, double t, const std::string& note) {
  fmt::print("{:<22} {:<30} peerscout {:9.3f} s   (no igraph counterpart)   {}\n", name, what, t, note);
  std::fflush(stdout);
}

void bench_graph(const std::string& name, const CsrGraph& g, const Options& o) {
  fmt::print("{:<22} graph: {} vertices, {} arcs, {}\n", name, g.num_vertices(), g.num_arcs(),
             g.directed() ? "directed" : "undirected");
  if (o.ppr || o.push) bench_ppr(name, g, o);
  if (o.eigenvector) bench_eigenvector(name, g, o);
  if (o.hits) bench_hits(name, g, o);
  if (o.katz) {
    centrality::KatzResult k;
    const double t = best_of(o.repeat, [&] { k = centrality::katz(g); });
    ours_only(name, "katz (automatic alpha)", t,
              fmt::format("alpha {:.3g} (bound {:.4g}), {} iterations", k.alpha, k.spectral_radius_bound, k.iterations));
  }
  if (o.reciprocity && g.directed()) {
    const double t = best_of(o.repeat, [&] { (void)centrality::reciprocity(g); });
    ours_only(name, "reciprocity", t, "");
  }
  if (o.clustering) bench_clustering(name, g, o);
  if (o.embeddedness) {
    const double t = best_of(o.repeat, [&] { (void)centrality::embeddedness(g); });
    ours_only(name, "embeddedness", t, "");
  }
  if (o.constraint) bench_constraint(name, g, o);
}

CsrGraph load(const fs::path& file, bool directed) {
  auto r = io::read_edge_list(file, {});
  const VertexId n = r.ids.size();
  return build_csr(std::move(r.edges), n, {.directed = directed}).graph;
}

}  // namespace

int main(int argc, char** argv) {
  ig::install_handlers();
  CLI::App app{"peerscout_bench_centrality_spectral: part A centralities vs igraph, in one process"};
  int scale = 21, edge_factor = 16;
  std::string tmp = "/tmp", datasets_dir, only;
  bool no_rmat = false;
  std::string rmat_mode = "both";
  Options o;
  app.add_option("--scale", scale, "R-MAT scale (2^scale vertices; default 21)");
  app.add_option("--edge-factor", edge_factor, "R-MAT edges per vertex (default 16)");
  app.add_option("--threads", o.threads, "OpenMP threads for peerscout and igraph (default 2)");
  app.add_option("--repeat", o.repeat, "best of N runs (default 3)");
  app.add_option("--seeds", o.seeds, "personalized PageRank seeds (default 1000)");
  app.add_option("--constraint-budget", o.constraint_budget,
                 "seconds igraph_constraint may take before its time is extrapolated from a sample (default 60)");
  app.add_option("--tmp", tmp, "directory for the generated R-MAT text file (default /tmp)");
  app.add_option("--datasets", datasets_dir, "shared datasets directory ('none' to skip)");
  app.add_option("--only", only,
                 "comma-separated subset: ppr,push,eigenvector,hits,katz,reciprocity,clustering,embeddedness,constraint");
  app.add_flag("--no-rmat", no_rmat, "skip the R-MAT graphs");
  app.add_option("--rmat", rmat_mode, "R-MAT versions: directed, undirected or both (default both)")
      ->check(CLI::IsMember({"directed", "undirected", "both"}));
  CLI11_PARSE(app, argc, argv);
  if (!only.empty()) {
    auto has = [&](const char* k) { return only.find(k) != std::string::npos; };
    o.ppr = has("ppr");
    o.push = has("push");
    o.eigenvector = has("eigenvector");
    o.hits = has("hits");
    o.katz = has("katz");
    o.reciprocity = has("reciprocity");
    o.clustering = has("clustering");
    o.embeddedness = has("embeddedness");
    o.constraint = has("constraint");
  }
  ThreadScope threads(o.threads);
  fmt::print("peerscout_bench_centrality_spectral: {} threads, best of {} runs, igraph {}\n", max_threads(), o.repeat,
             ig::version());
  if (!no_rmat) {
    const fs::path file = bench::rmat_file(tmp, scale, edge_factor);
    const std::string name = fmt::format("rmat-{}-{}", scale, edge_factor);
    if (rmat_mode != "undirected") bench_graph(name, load(file, true), o);
    if (rmat_mode != "directed") bench_graph(name + "-u", load(file, false), o);
  }
  fs::path dir = datasets_dir.empty() ? bench::shared_datasets_dir() : fs::path(datasets_dir);
  if (datasets_dir != "none" && fs::is_directory(dir)) {
    const std::vector<std::pair<std::string, bool>> sets = {
        {"soc-Slashdot0902", true}, {"soc-Epinions1", true}, {"github-social", false}, {"deezer-hu", false},
        {"facebook-page-page", false}, {"deezer-europe", false}};
    for (const auto& [name, directed] : sets) {
      const auto file = dir / name / "edges.el";
      if (fs::exists(file)) bench_graph(name, load(file, directed), o);
    }
  } else if (datasets_dir != "none") {
    fmt::print("shared datasets not found at {}: skipped\n", dir.string());
  }
  fmt::print("peak RSS of this process: {}\n", human_bytes(peak_rss_bytes()));
  return 0;
}
