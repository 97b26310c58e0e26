#include "engine/cli/commands.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <iostream>

#include "datasets/generators/rmat.hpp"
#include "datasets/generators/social_network.hpp"
#include "engine/error.hpp"
#include "engine/job/analyses.hpp"
#include "engine/job/demo_network.hpp"
#include "engine/job/job_spec.hpp"
#include "engine/job/pipeline.hpp"
#include "engine/parallel.hpp"
#include "engine/version.hpp"
#include "io/hdf5/results_reader.hpp"
#include "io/hdf5/results_writer.hpp"
#include "io/text_writer.hpp"

namespace peerscout::cli {

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ",") + x;
  return out;
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (c != ' ') {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// Flags shared by `analyze` and `run`; applied on top of a job file when one is given.
struct AnalyzeFlags {
  std::string job;
  std::vector<std::string> follows, friends, interactions, nodes;
  std::string analyses, layers, out, shortlist, on_error, graph;
  std::optional<int> threads;
  std::optional<std::uint64_t> seed;
  std::optional<std::size_t> top;
  std::optional<double> damping, tolerance;
  std::optional<VertexId> demo_people;
  std::optional<double> resolution;
  std::optional<int> runs;
  std::string objective, community_layers;
  std::optional<std::size_t> k;
  std::optional<double> epsilon, budget;
  std::optional<std::uint64_t> simulations;
  std::string model, probabilities, audience, exclude, customers;
  std::string ppr_mode, closeness_mode, centrality_layers;
  std::optional<double> katz_alpha, betweenness_epsilon, betweenness_delta, closeness_epsilon;
  std::optional<std::size_t> closeness_top;
  bool no_trust = false, quiet = false, resume = false;
  std::optional<std::uint32_t> max_per_community;
  std::optional<std::int64_t> min_followers, max_followers;
  std::vector<std::string> filters;
  std::string roles, report;
  bool coverage = false, exclude_customers = false, no_report = false;

  void add_to(CLI::App& app, bool job_required) {
    auto* j = app.add_option("job", job, "TOML job file (docs/job_file.md)");
    if (job_required) {
      j->required();
    } else {
      app.add_option("--job", job, "TOML job file (same as the positional argument)");
    }
    app.add_option("--follows", follows, "follower edge list: a line 'u v' means u follows v (repeatable)");
    app.add_option("--friends", friends, "friendship edge list, undirected (repeatable)");
    app.add_option("--interactions", interactions,
                   "interaction edge list 'source target [type] [count]' (repeatable)");
    app.add_option("--nodes", nodes, "node attribute CSV: id,region,topic,... (repeatable)");
    app.add_option("--graph", graph, "a graph snapshot written by `peerscout import` (instead of input files)");
    app.add_option("--analyses", analyses, "comma-separated analyses (default: " + join(job::default_analyses()) + "; all: " +
                                               join(job::known_analyses()) + "; see docs/cli.md)");
    app.add_option("--layers", layers, "comma-separated layers to analyze: follows,friends,interactions,trust (default: all present)");
    app.add_flag("--no-trust", no_trust, "do not derive the trust layer");
    app.add_option("--threads", threads, "OpenMP threads (default: all cores)")->check(CLI::Range(0, 4096));
    app.add_option("--seed", seed, "random seed (results are identical for any thread count)");
    app.add_option("--out", out, "HDF5 results file (default: peerscout.h5)");
    app.add_option("--shortlist", shortlist, "shortlist CSV (default: shortlist.csv next to --out)");
    app.add_option("--top", top, "shortlist length (default: 20)")->check(CLI::PositiveNumber);
    app.add_option("--on-error", on_error, "bad input lines: fail (default) or skip (and report)")
        ->check(CLI::IsMember({"fail", "skip"}));
    app.add_option("--damping", damping, "PageRank damping factor (default: 0.85)");
    app.add_option("--tolerance", tolerance, "PageRank L1 tolerance (default: see docs/algorithms/pagerank.md)");
    app.add_option("--demo-people", demo_people, "size of the generated demo network (no input files)");
    app.add_option("--resolution", resolution, "community resolution gamma (default 1)");
    app.add_option("--runs", runs, "community detection runs with different seeds; the best is kept (default 3)");
    app.add_option("--objective", objective, "community objective: modularity (default) or cpm")
        ->check(CLI::IsMember({"modularity", "cpm"}));
    app.add_option("--customers", customers, "CRM export: customer handles, one per line (personalized PageRank)");
    app.add_option("--k", k, "influence maximization: number of seeds (default 50)");
    app.add_option("--epsilon", epsilon, "influence maximization: approximation slack in (0,1) (default 0.1)");
    app.add_option("--model", model, "diffusion model: ic (independent cascade, default) or lt (linear threshold)")
        ->check(CLI::IsMember({"ic", "lt"}));
    app.add_option("--probabilities", probabilities, "edge probabilities: wc (default), constant:P, trivalency, interactions");
    app.add_option("--audience", audience,
                   "target audience: ATTR=VALUE (e.g. region=north), community=ID, community=LAYER/METHOD/ID, file:PATH");
    app.add_option("--exclude", exclude, "file of handles never chosen as seeds");
    app.add_option("--budget", budget, "budget mode: total seed cost, cost = 1 + 0.001 x followers (default off)");
    app.add_option("--simulations", simulations, "Monte Carlo runs for each reported spread (default 1000)");
    app.add_option("--community-layers", community_layers,
                   "comma-separated layers for community detection (default: trust if present, else all)");
    app.add_option("--ppr-mode", ppr_mode, "personalized PageRank: exact (default) or push (forward push)")
        ->check(CLI::IsMember({"exact", "push"}));
    app.add_option("--katz-alpha", katz_alpha, "Katz attenuation alpha (default 0: automatic, 0.9 / spectral-radius bound)");
    app.add_option("--betweenness-epsilon", betweenness_epsilon, "betweenness_approx: absolute error of normalized scores (default 0.01)");
    app.add_option("--betweenness-delta", betweenness_delta, "betweenness_approx: failure probability (default 0.1)");
    app.add_option("--closeness-mode", closeness_mode, "closeness/harmonic: exact, sampled or auto (default: exact on moderate graphs)")
        ->check(CLI::IsMember({"exact", "sampled", "auto"}));
    app.add_option("--closeness-epsilon", closeness_epsilon, "sampled closeness/harmonic: error bar target (default 0.01)");
    app.add_option("--closeness-top", closeness_top, "closeness/harmonic: also the exact top K (Bergamini et al.)");
    app.add_option("--centrality-layers", centrality_layers,
                   "comma-separated layers for betweenness, closeness, clustering, constraint (default: trust if present, else all)");
    app.add_option("--max-per-community", max_per_community, "shortlist: at most N people per community (default 3; 0 = no cap)");
    app.add_flag("--coverage", coverage, "shortlist: pick people whose audiences overlap least (RR-set coverage)");
    app.add_option("--filter", filters, "shortlist: only people with ATTR=VALUE (repeatable; all must hold)");
    app.add_option("--min-followers", min_followers, "shortlist: at least N followers");
    app.add_option("--max-followers", max_followers, "shortlist: at most N followers");
    app.add_option("--roles", roles,
                   "shortlist: only people with one of these labels (micro_influencer, broker, celebrity, trusted_peer) or roles (R1..R7)");
    app.add_flag("--exclude-customers", exclude_customers, "shortlist: leave out people already on the customer list");
    app.add_option("--report", report, "campaign report HTML (default: report.html next to --out)");
    app.add_flag("--no-report", no_report, "do not write the HTML report");
    app.add_flag("--resume", resume,
                 "reuse the stages an interrupted (or earlier) run completed with the same inputs and parameters");
    app.add_flag("-q,--quiet", quiet, "no progress lines or summary");
  }

  job::JobSpec to_spec(const std::vector<std::string>& argv) const {
    job::JobSpec spec;
    const bool any_input = !follows.empty() || !friends.empty() || !interactions.empty() || !nodes.empty() || !graph.empty();
    if (!job.empty()) {
      if (any_input) throw InvalidArgument("give input files in the job file or as flags, not both");
      spec = job::load_job_file(job);
    }
    auto add = [&](const std::vector<std::string>& files, LayerKind layer) {
      for (const auto& f : files) spec.edges.push_back({layer, f, {}, true});
    };
    add(follows, LayerKind::kFollows);
    add(friends, LayerKind::kFriends);
    add(interactions, LayerKind::kInteractions);
    for (const auto& f : nodes) spec.nodes.push_back({f, {}});
    if (!graph.empty()) spec.graph = std::filesystem::path(graph);
    if (spec.edges.empty() && !spec.demo && !spec.graph) {
      if (!nodes.empty()) throw InvalidArgument("--nodes needs at least one edge file (--follows, --friends, --interactions)");
      spec.demo = job::DemoSpec{};  // no input at all: the demo network
    }
    if (spec.demo && demo_people) spec.demo->people = *demo_people;
    if (!analyses.empty()) spec.analyses = split_list(analyses);
    if (!layers.empty()) {
      spec.layers.clear();
      for (const auto& l : split_list(layers)) spec.layers.push_back(parse_layer(l));
    }
    if (no_trust) spec.trust = false;
    if (threads) spec.threads = *threads;
    if (seed) spec.seed = *seed;
    if (!out.empty()) spec.out = out;
    if (!shortlist.empty()) spec.shortlist = std::filesystem::path(shortlist);
    if (top) spec.top = *top;
    if (on_error == "skip") spec.on_error = io::OnError::kSkip;
    if (on_error == "fail") spec.on_error = io::OnError::kFail;
    if (damping) spec.pagerank.damping = *damping;
    if (tolerance) spec.pagerank.tolerance = *tolerance;
    if (resolution) spec.community.resolution = *resolution;
    if (runs) spec.community.runs = *runs;
    if (!objective.empty()) spec.community.objective = job::parse_objective(objective);
    if (!customers.empty()) spec.customers = std::filesystem::path(customers);
    if (k) spec.influence.k = *k;
    if (epsilon) spec.influence.epsilon = *epsilon;
    if (budget) spec.influence.budget = *budget;
    if (simulations) spec.influence.simulations = *simulations;
    if (!model.empty()) spec.influence.model = influence::parse_model(model);
    if (!probabilities.empty()) spec.influence.probabilities = probabilities;
    if (!audience.empty()) spec.influence.audience = audience;
    if (!exclude.empty()) spec.influence.exclude = std::filesystem::path(exclude);
    if (!community_layers.empty()) {
      spec.community.layers.clear();
      for (const auto& l : split_list(community_layers)) spec.community.layers.push_back(parse_layer(l));
    }
    if (!ppr_mode.empty()) spec.centrality.ppr_mode = ppr_mode;
    if (katz_alpha) spec.centrality.katz_alpha = *katz_alpha;
    if (betweenness_epsilon) spec.centrality.betweenness_epsilon = *betweenness_epsilon;
    if (betweenness_delta) spec.centrality.betweenness_delta = *betweenness_delta;
    if (!closeness_mode.empty()) spec.centrality.closeness_mode = closeness_mode;
    if (closeness_epsilon) spec.centrality.closeness_epsilon = *closeness_epsilon;
    if (closeness_top) spec.centrality.top_k = *closeness_top;
    if (!centrality_layers.empty()) {
      spec.centrality.layers.clear();
      for (const auto& l : split_list(centrality_layers)) spec.centrality.layers.push_back(parse_layer(l));
    }
    spec.resume = resume || spec.resume;
    auto& so = spec.shortlist_options;
    if (max_per_community) so.max_per_community = *max_per_community;
    if (coverage) so.coverage = true;
    for (const auto& f : filters) so.filters.push_back(f);
    if (min_followers) so.min_followers = *min_followers;
    if (max_followers) so.max_followers = *max_followers;
    if (!roles.empty()) so.roles = split_list(roles);
    if (exclude_customers) so.exclude_customers = true;
    if (!report.empty()) so.report = std::filesystem::path(report);
    if (no_report) so.write_report = false;
    spec.quiet = quiet || spec.quiet;
    spec.argv = argv;
    spec.validate();
    return spec;
  }
};

}  // namespace

int run(const std::vector<std::string>& argv, const std::atomic<bool>* cancel) {
  CLI::App app{"peerscout: find the key recommenders in social networks (follower, friendship and interaction graphs)"};
  app.name("peerscout");
  app.set_version_flag("--version", std::string("peerscout ") + kVersion + " (git " + kGitSha + ")");
  app.require_subcommand(1);

  AnalyzeFlags analyze_flags, run_flags;
  auto* analyze = app.add_subcommand("analyze", "analyze input files (or, with no input, the generated demo network)");
  analyze_flags.add_to(*analyze, false);
  auto* run_cmd = app.add_subcommand("run", "run a TOML job file (flags override its [run] settings)");
  run_flags.add_to(*run_cmd, true);

  AnalyzeFlags import_flags;
  auto* import_cmd = app.add_subcommand("import", "load input files once and write a graph snapshot (HDF5) that "
                                                  "`analyze --graph` loads many times faster than text");
  import_flags.add_to(*import_cmd, false);

  auto* generate = app.add_subcommand("generate", "generate a network");
  generate->require_subcommand(1);
  std::string demo_out, rmat_out;
  VertexId demo_people = 50000;
  std::uint64_t demo_seed = 42, rmat_seed = 1;
  int rmat_scale = 21, rmat_ef = 16, gen_threads = 0;
  auto* gdemo = generate->add_subcommand("demo", "the demo social network: follows.tsv, friends.tsv, interactions.tsv, "
                                                 "people.csv, customers.txt, ground_truth.csv");
  gdemo->add_option("--out", demo_out, "output directory")->required();
  gdemo->add_option("--people", demo_people, "number of people (default 50000)")->check(CLI::Range(100, 100000000));
  gdemo->add_option("--seed", demo_seed, "seed (default 42)");
  gdemo->add_option("--threads", gen_threads, "OpenMP threads (default: all cores)");
  auto* grmat = generate->add_subcommand("rmat", "R-MAT (Kronecker) edge list for benchmarks: 'u v' per line");
  grmat->add_option("--out", rmat_out, "output edge list file")->required();
  grmat->add_option("--scale", rmat_scale, "2^scale vertices (default 21)")->check(CLI::Range(1, 31));
  grmat->add_option("--edge-factor", rmat_ef, "edges per vertex (default 16)")->check(CLI::Range(1, 1024));
  grmat->add_option("--seed", rmat_seed, "seed (default 1)");
  grmat->add_option("--threads", gen_threads, "OpenMP threads (default: all cores)");

  std::string info_file;
  auto* info = app.add_subcommand("info", "summarize a peerscout HDF5 results file");
  info->add_option("file", info_file, "results file (.h5)")->required();

  std::vector<const char*> cargv;
  for (const auto& a : argv) cargv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(cargv.size()), cargv.data());
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help/version (0) or the usage error
    return code == 0 ? 0 : 2;
  }

  if (analyze->parsed() || run_cmd->parsed()) {
    const AnalyzeFlags& flags = analyze->parsed() ? analyze_flags : run_flags;
    const job::JobSpec spec = flags.to_spec(argv);
    job::run_job(spec, std::cout, std::cerr, cancel);
    return 0;
  }
  if (import_cmd->parsed()) {
    if (import_flags.out.empty()) throw InvalidArgument("import: --out FILE is required (the snapshot to write)");
    const job::JobSpec spec = import_flags.to_spec(argv);
    job::run_import(spec, std::cerr, cancel);
    return 0;
  }
  if (gdemo->parsed()) {
    ThreadScope threads(gen_threads);
    const auto t0 = std::chrono::steady_clock::now();
    const auto net = datasets::social_network({.people = demo_people, .seed = demo_seed});
    const auto files = job::write_demo_network(net, demo_out);
    fmt::print(stderr, "peerscout: demo network: {} people, {} follows, {} friendships, {} interactions -> {} ({:.2f} s)\n",
               net.handles.size(), net.follows.size(), net.friends.size(), net.interactions.size(), demo_out,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    (void)files;
    return 0;
  }
  if (grmat->parsed()) {
    ThreadScope threads(gen_threads);
    const auto t0 = std::chrono::steady_clock::now();
    const auto g = datasets::rmat({.scale = rmat_scale, .edge_factor = rmat_ef, .seed = rmat_seed});
    io::write_edge_list_text(rmat_out, g.edges, ' ');
    fmt::print(stderr, "peerscout: R-MAT scale {} edge factor {}: {} vertices, {} edges -> {} ({:.2f} s)\n", rmat_scale,
               rmat_ef, g.num_vertices, g.edges.size(), rmat_out,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    return 0;
  }
  if (info->parsed()) {
    std::cout << io::describe_results_h5(info_file);
    return 0;
  }
  return 2;
}

}  // namespace peerscout::cli
