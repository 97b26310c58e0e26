// peerscout_bench_influence: IMM and OPIM-C (k seeds, IC, weighted cascade) against the heuristic
// baselines on the R-MAT benchmark graph and the largest shared directed networks.
// Per graph: diffusion-graph build time; per method: selection time, RR sets, RR memory (sets +
// inverted index), and the Monte Carlo spread of the chosen seeds (fresh simulations, mean +-
// 95% half-width). There is no influence maximization in igraph to compare in-process, so the
// peers are the baselines (top-k followers, top-k PageRank, degree discount, VoteRank) and IMM vs
// OPIM-C. Output rows are Markdown table rows (docs/algorithms/influence.md).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "algorithms/centrality/pagerank.hpp"
#include "algorithms/influence/baselines.hpp"
#include "algorithms/influence/imm.hpp"
#include "algorithms/influence/opim.hpp"
#include "algorithms/influence/spread.hpp"
#include "bench/bench_util.hpp"
#include "engine/csr_builder.hpp"
#include "engine/memory.hpp"
#include "engine/parallel.hpp"
#include "io/edge_list_reader.hpp"

namespace fs = std::filesystem;
using namespace peerscout;
using namespace peerscout::influence;

namespace {

using Clock = bench::Clock;

struct Options {
  std::size_t k = 50;
  std::vector<double> eps{0.5, 0.1};
  std::uint64_t sims = 1000;       // shared networks
  std::uint64_t rmat_sims = 100;   // R-MAT: a simulation there touches tens of millions of arcs
  bool baselines = true, opim = true, imm = true, spread = true;
  bool compare_fixes = false;  // also run IMM with Chen's workaround 1 (regenerate)
};

std::vector<double> parse_list(const std::string& s) {
  std::vector<double> out;
  std::stringstream in(s);
  std::string tok;
  while (std::getline(in, tok, ',')) out.push_back(std::stod(tok));
  return out;
}

std::string spread_cell(const DiffusionGraph& g, const std::vector<VertexId>& seeds, const Options& o,
                        double* seconds = nullptr) {
  if (!o.spread) return "-";
  const auto t0 = Clock::now();
  const auto s = monte_carlo_spread(g, seeds, {.simulations = o.sims, .seed = 12345});
  if (seconds) *seconds = bench::seconds_since(t0);
  return fmt::format("{:.0f} +- {:.0f}", s.mean, (s.ci_high - s.ci_low) / 2);
}

void row(const std::string& graph, const std::string& method, double secs, const std::string& rr,
         const std::string& mem, const std::string& spread, const std::string& note) {
  fmt::print("| {} | {} | {:.2f} | {} | {} | {} | {} |\n", graph, method, secs, rr, mem, spread, note);
  std::fflush(stdout);
}

void bench_graph(const std::string& name, const CsrGraph& follows, const Options& o) {
  auto t0 = Clock::now();
  const auto g = make_diffusion_graph(follows, {});
  const double t_build = bench::seconds_since(t0);
  fmt::print("\n{}: {} vertices, {} diffusion arcs; diffusion graph (wc) built in {:.2f} s, {}\n", name,
             g.num_vertices(), g.num_arcs(), t_build, human_bytes(g.memory_bytes()));
  fmt::print("| graph | method | seconds | RR sets | RR memory | MC spread ({} sims) | note |\n", o.sims);
  fmt::print("|---|---|---:|---:|---:|---:|---|\n");
  for (double eps : o.eps) {
    if (o.imm) {
      const auto r = imm(g, {.k = o.k, .epsilon = eps, .seed = 1});
      row(name, fmt::format("IMM eps={}", eps), r.seconds, fmt::format("{}", r.rr_sets),
          human_bytes(r.rr_memory_bytes), spread_cell(g, r.seeds, o),
          fmt::format("est. {:.0f}, LB {:.0f}, l' {:.2f}", r.estimated_spread, r.opt_lower, r.effective_ell));
    }
    if (o.imm && o.compare_fixes) {
      const auto r = imm(g, {.k = o.k, .epsilon = eps, .seed = 1, .imm_fix = ImmFix::kRegenerate});
      row(name, fmt::format("IMM (regenerate) eps={}", eps), r.seconds, fmt::format("{}", r.rr_sets),
          human_bytes(r.rr_memory_bytes), spread_cell(g, r.seeds, o),
          fmt::format("est. {:.0f}, LB {:.0f}, l' {:.2f}", r.estimated_spread, r.opt_lower, r.effective_ell));
    }
    if (o.opim) {
      const auto r = opim_c(g, {.k = o.k, .epsilon = eps, .seed = 1});
      row(name, fmt::format("OPIM-C eps={}", eps), r.seconds, fmt::format("{}", r.rr_sets),
          human_bytes(r.rr_memory_bytes), spread_cell(g, r.seeds, o),
          fmt::format("est. {:.0f}, certified ratio {:.3f}", r.estimated_spread, r.approximation));
    }
  }
  if (!o.baselines) return;
  // Time the selection first, then simulate (argument evaluation order is unspecified).
  t0 = Clock::now();
  const auto deg = top_k_by_score(follower_counts(g), o.k);
  double t = bench::seconds_since(t0);
  row(name, "top-k followers", t, "-", "-", spread_cell(g, deg, o), "");
  t0 = Clock::now();
  const auto pr = centrality::pagerank(follows);
  const auto prs = top_k_by_score(pr.score, o.k);
  t = bench::seconds_since(t0);
  row(name, "top-k PageRank", t, "-", "-", spread_cell(g, prs, o), fmt::format("{} iterations", pr.iterations));
  t0 = Clock::now();
  const auto dd = degree_discount(g, o.k, g.mean_probability());
  t = bench::seconds_since(t0);
  row(name, "degree discount", t, "-", "-", spread_cell(g, dd, o),
      fmt::format("p = mean arc probability {:.4f}", g.mean_probability()));
  t0 = Clock::now();
  const auto vr = vote_rank(g, o.k);
  t = bench::seconds_since(t0);
  row(name, "VoteRank", t, "-", "-", spread_cell(g, vr, o), fmt::format("{} seeds", vr.size()));
  double mc = 0;
  spread_cell(g, deg, o, &mc);
  fmt::print("(one Monte Carlo estimate of {} simulations takes {:.2f} s here)\n", o.sims, mc);
}

CsrGraph load(const fs::path& file, bool directed = true) {
  auto r = io::read_edge_list(file, {});
  const VertexId n = r.ids.size();
  return build_csr(std::move(r.edges), n, {.directed = directed}).graph;
}

// The published run of the OPIM reference implementation (github.com/tangj90/OPIM, file
// OPIM1.1/result/facebook_opim-c_minBound_k50_load, command in its sample-code.sh:
// -alg=opim-c -mode=2 -seedsize=50 -eps=0.01, IC, WC, delta = 1/n) on the same graph: SNAP
// ego-Facebook with every edge both ways (4039 vertices, 176468 arcs).
void reference_comparison(const fs::path& file, const Options& o) {
  const auto follows = load(file, false);
  const auto g = make_diffusion_graph(follows, {});
  const auto r = opim_c(g, {.k = 50, .epsilon = 0.01, .seed = 1});
  fmt::print("\nego-Facebook, OPIM-C k = 50, eps = 0.01 (reference run: approx 0.647359, 14816 RR sets, "
             "influence 1177.5, self-estimate 1282.91, 0.167 s)\n");
  fmt::print("peerscout: approx {:.6f}, {} RR sets, R2 estimate {:.1f}, MC spread {}, {:.3f} s\n", r.approximation,
             r.rr_sets, r.estimated_spread, spread_cell(g, r.seeds, o), r.seconds);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"peerscout_bench_influence: IMM / OPIM-C vs heuristics"};
  int scale = 21, edge_factor = 16, threads = 2;
  std::string tmp = "/tmp", datasets_dir, eps = "0.5,0.1", only;
  bool no_rmat = false;
  Options o;
  app.add_option("--scale", scale, "R-MAT scale (default 21: 2M vertices, 33M edges with edge factor 16)");
  app.add_option("--edge-factor", edge_factor, "R-MAT edges per vertex (default 16)");
  app.add_option("--threads", threads, "OpenMP threads (default 2)");
  app.add_option("--k", o.k, "seeds (default 50)");
  app.add_option("--eps", eps, "comma-separated epsilons (default 0.5,0.1)");
  app.add_option("--sims", o.sims, "Monte Carlo simulations per seed set on the shared networks (default 1000)");
  app.add_option("--rmat-sims", o.rmat_sims, "Monte Carlo simulations per seed set on R-MAT (default 100)");
  app.add_option("--tmp", tmp, "directory of the generated R-MAT text file (default /tmp)");
  app.add_option("--datasets", datasets_dir, "shared datasets directory ('none' to skip)");
  app.add_option("--only", only, "comma-separated subset: imm,opim,baselines,spread");
  app.add_flag("--no-rmat", no_rmat, "skip the R-MAT graph");
  app.add_flag("--compare-fixes", o.compare_fixes, "also run IMM with Chen's regeneration fix");
  CLI11_PARSE(app, argc, argv);
  o.eps = parse_list(eps);
  if (!only.empty()) {
    o.imm = only.find("imm") != std::string::npos;
    o.opim = only.find("opim") != std::string::npos;
    o.baselines = only.find("baselines") != std::string::npos;
    o.spread = only.find("spread") != std::string::npos;
  }
  ThreadScope scope(threads);
  fmt::print("peerscout_bench_influence: {} threads, k = {}, IC with weighted cascade\n", max_threads(), o.k);
  if (!no_rmat) {
    const fs::path file = bench::rmat_file(tmp, scale, edge_factor);
    const auto follows = load(file);
    Options ro = o;
    ro.sims = o.rmat_sims;
    bench_graph(fmt::format("rmat-{}-{}", scale, edge_factor), follows, ro);
  }
  const fs::path dir = datasets_dir.empty() ? bench::shared_datasets_dir() : fs::path(datasets_dir);
  if (datasets_dir != "none" && fs::is_directory(dir)) {
    for (const char* name : {"soc-Slashdot0902", "soc-Epinions1", "wiki-Vote"}) {
      const auto file = dir / name / "edges.el";
      if (fs::exists(file)) bench_graph(name, load(file), o);
    }
    const auto fb = dir / "ego-Facebook" / "edges.el";
    if (fs::exists(fb) && o.opim) reference_comparison(fb, o);
  }
  fmt::print("peak RSS of this process: {}\n", human_bytes(peak_rss_bytes()));
  return 0;
}
