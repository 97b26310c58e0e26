// peerscout_bench_community: Leiden, Louvain and label propagation against igraph's C core, in one
// process, on the R-MAT benchmark graph (undirected: duplicates merged, loops dropped), a
// planted-partition graph and the largest shared networks. Prints one row per comparison (time,
// ratio) plus a Markdown table with the modularity of both sides.
//
// igraph's Leiden is run "until stable" by hand: igraph 0.10.2 stops after one pass when
// n_iterations < 0 (igraph issue 2798), so it is called with n_iterations = 1 and start = true
// from the previous membership until a pass no longer raises the quality (or --igraph-max-passes,
// or --igraph-time-limit seconds). Graph conversion to igraph is not timed. Because the two stopping
// rules differ, the Leiden row also gives, from both trajectories, the time each side needed to first
// reach the other's final quality ("never" if it did not). With --leiden-runs N both sides run N
// seeds until stable (the "best of the same number of runs"), alternating run by run so
// both sides see the same machine conditions: total times, best, mean and standard deviation of
// the qualities, and time-to-quality on the runs placed end to end.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <limits>
#include <string>
#include <vector>

#include "algorithms/community/label_propagation.hpp"
#include "algorithms/community/leiden.hpp"
#include "algorithms/community/louvain.hpp"
#include "algorithms/community/quality.hpp"
#include "bench/bench_util.hpp"
#include "datasets/generators/planted_partition.hpp"
#include "datasets/generators/rmat.hpp"
#include "datasets/generators/social_network.hpp"
#include "algorithms/community/compare.hpp"
#include "engine/igraph_bridge.hpp"
#include "engine/parallel.hpp"
#include "engine/symmetrize.hpp"
#include "io/edge_list_reader.hpp"

using namespace peerscout;
using bench::Clock;
using bench::seconds_since;

namespace {

struct Options {
  std::vector<int> threads = {2};
  int scale = 21;
  int edge_factor = 16;
  VertexId planted_n = 1000000;
  double planted_degree = 20;
  double planted_mu = 0.3;
  int igraph_max_passes = 100;
  double igraph_time_limit = 1800;
  bool rmat = true, planted = true, shared = true, demo = true;
  bool igraph = true;
  bool verbose = false;
  bool drop_loops = false;
  std::uint64_t seed = 1;  // peerscout's seed (igraph: RNG seed 1)
  double tolerance = -1;  // < 0: LeidenOptions' default
  std::vector<std::string> only;          // methods: leiden, leiden1, louvain, lpa (empty: all)
  std::vector<std::string> shared_names = {"github-social", "facebook-page-page", "deezer-hu", "soc-Slashdot0902"};
  bool runs(const char* m) const { return only.empty() || std::find(only.begin(), only.end(), m) != only.end(); }
  int leiden_runs = 1;  ///< Leiden (until stable) runs per side; seeds o.seed + r / igraph 1 + r
  int lpa_repeat = 1;  ///< label propagation runs per thread count (best time reported)
  double lpa_tolerance = -1;  ///< < 0: the library default
};

struct Row {
  std::string graph, method;
  double ours_s = 0, ours_q = 0, theirs_s = 0, theirs_q = 0;
  std::string note;
};

std::vector<Row> rows;

std::vector<std::int64_t> iota64(std::size_t n) {
  std::vector<std::int64_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::int64_t>(i);
  return v;
}

double ig_modularity(ig::Graph& ig, const ig::VectorInt& m) {
  igraph_real_t q = 0;
  ig::check(igraph_modularity(ig.get(), m.get(), nullptr, 1.0, false, &q), "igraph_modularity");
  return q;
}

double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// FNV-1a of the membership: equal partitions across thread counts print the same hash.
std::uint64_t membership_hash(const std::vector<std::uint32_t>& m) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (std::uint32_t x : m) h = (h ^ x) * 0x100000001b3ULL;
  return h;
}

void run_graph(const std::string& name, const CsrGraph& g, const Options& o) {
  fmt::print("\n== {}: {} vertices, {} edges\n", name, g.num_vertices(), g.num_edges());
  std::fflush(stdout);
  const double m = static_cast<double>(g.num_edges());
  std::unique_ptr<ig::Graph> ig;
  if (o.igraph) {
    const auto t0 = Clock::now();
    ig = std::make_unique<ig::Graph>(g);
    fmt::print("igraph conversion {:.1f} s (not timed below)\n", seconds_since(t0));
  }
  // igraph runs once per graph (it is serial); peerscout once per thread count.
  double it_s = std::numeric_limits<double>::quiet_NaN(), it_q = it_s, i1_s = it_s, i1_q = it_s, iv_s = it_s,
         iv_q = it_s, ip_s = it_s, ip_q = it_s;
  int passes = 0;
  std::string note;
  std::vector<std::pair<double, double>> ig_trace;  // (cumulative seconds, Q) after each igraph pass
  std::vector<double> ig_q;                           // final Q of each igraph Leiden run
  bool leiden_done = false, one_done = false, lv_done = false, lp_done = false;
  for (int t : o.threads) {
  ThreadScope scope(t);
  const std::string tn = fmt::format("{}T", t);
  if (o.runs("leiden")) {
  // Both sides run `leiden_runs` times until stable, with seeds o.seed + r (peerscout) and igraph
  // RNG seeds 1 + r, alternating run by run (peerscout run r, then igraph run r) so that both see
  // the same machine conditions; each run's trajectory is (cumulative seconds of that side since
  // its first run started, quality after the iteration / pass). Reported: total time, best
  // quality, and, on the runs placed end to end, the time each side needed to first reach the
  // other side's best quality. igraph runs once per graph (at the first thread count).
  using Trace = std::vector<std::pair<double, double>>;
  Trace ours_trace;
  double lt = 0, our_best = -1e300;
  int our_iters = 0;
  std::vector<double> our_q;
  const bool ig_side = !leiden_done && ig;
  std::unique_ptr<ig::Vector> ig_strength;
  double ig_two_m = 0;
  if (ig_side) {
    leiden_done = true;
    const auto n = static_cast<igraph_integer_t>(g.num_vertices());
    ig_strength = std::make_unique<ig::Vector>(n);
    ig::check(igraph_strength(ig->get(), ig_strength->get(), igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, nullptr), "strength");
    for (igraph_integer_t i = 0; i < n; ++i) ig_two_m += VECTOR(*ig_strength->get())[i];
    it_s = 0;
    it_q = -1e300;
  }
  for (int run = 0; run < o.leiden_runs; ++run) {
    std::vector<double> our_t;
    community::LeidenOptions lo{.seed = o.seed + static_cast<std::uint64_t>(run)};
    if (o.tolerance >= 0) lo.tolerance = o.tolerance;
    RunContext ctx;
    Clock::time_point lt0;
    ctx.set_progress([&](std::string_view, double) { our_t.push_back(seconds_since(lt0)); });
    lt0 = Clock::now();
    const auto lr = community::leiden(g, lo, ctx);
    const double run_s = seconds_since(lt0);
    for (std::size_t i = 0; i < lr.iteration_quality.size() && i < our_t.size(); ++i) {
      ours_trace.emplace_back(lt + our_t[i], lr.iteration_quality[i]);
      if (o.verbose) fmt::print("  peerscout run {} iteration {}: {:.3f} s, Q {:.6f}\n", run + 1, i + 1, our_t[i], lr.iteration_quality[i]);
    }
    lt += run_s;
    our_iters += lr.iterations;
    our_q.push_back(lr.quality);
    our_best = std::max(our_best, lr.quality);
    if (!ig_side) continue;
    ig::RngScope rng(1 + static_cast<std::uint64_t>(run));
    ig::VectorInt memb(iota64(g.num_vertices()));
    const auto t0 = Clock::now();
    double best = -1e300;
    for (int pass = 0; pass < o.igraph_max_passes; ++pass) {
      igraph_integer_t clusters = 0;
      igraph_real_t q = 0;
      ig::check(igraph_community_leiden(ig->get(), nullptr, ig_strength->get(), 1.0 / ig_two_m, 0.01, true, 1, memb.get(),
                                        &clusters, &q),
                "igraph_community_leiden");
      ++passes;
      const bool improved = q > best + 1e-12 * std::abs(best);
      best = std::max(best, q);
      ig_trace.emplace_back(it_s + seconds_since(t0), q);
      if (o.verbose) fmt::print("  igraph run {} pass {}: {:.3f} s, Q {:.6f}\n", run + 1, pass + 1, seconds_since(t0), q);
      if (pass > 0 && !improved) break;
      if (seconds_since(t0) > o.igraph_time_limit) {
        note = " (igraph stopped by the time limit)";
        break;
      }
    }
    it_s += seconds_since(t0);
    it_q = std::max(it_q, best);
    ig_q.push_back(best);
    const auto mv = memb.to_std();
    std::vector<std::uint32_t> m32(mv.begin(), mv.end());
    const double rq = community::modularity(g, m32);
    if (std::abs(rq - best) > 1e-9) fmt::print("  note: igraph reported Q {:.6f}, recomputed {:.6f}\n", best, rq);
  }
  // Time each side needed to first reach the other's best quality (NaN: never).
  auto first_reach = [](const Trace& tr, double target) {
    for (const auto& [t_, q_] : tr)
      if (q_ >= target) return t_;
    return std::numeric_limits<double>::quiet_NaN();
  };
  const double ig_to_ours = first_reach(ig_trace, our_best), ours_to_ig = first_reach(ours_trace, it_q);
  auto secs = [](double x) { return std::isnan(x) ? std::string("never") : fmt::format("{:.2f} s", x); };
  auto mean = [](const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? std::numeric_limits<double>::quiet_NaN() : s / static_cast<double>(v.size());
  };
  auto sd = [&](const std::vector<double>& v) {
    if (v.size() < 2) return std::numeric_limits<double>::quiet_NaN();
    const double mu = mean(v);
    double s2 = 0;
    for (double x : v) s2 += (x - mu) * (x - mu);
    return std::sqrt(s2 / static_cast<double>(v.size() - 1));
  };
  const std::string runs_note =
      o.leiden_runs > 1 ? fmt::format("best of {} runs (mean Q {:.4f} vs {:.4f}, sd {:.4f} vs {:.4f}); ", o.leiden_runs,
                                      mean(our_q), mean(ig_q), sd(our_q), sd(ig_q))
                        : std::string();
  const std::string reach =
      fmt::format("igraph reached our Q after {}; we reached igraph's Q after {}", secs(ig_to_ours), secs(ours_to_ig));
  bench::report(name, "leiden (until stable) " + tn, lt, it_s,
                fmt::format("Q {:.4f} vs {:.4f}; {}{} iterations vs {} igraph passes{}; {}", our_best, it_q, runs_note,
                            our_iters, passes, note, reach));
  rows.push_back({name, "Leiden (until stable), " + tn, lt, our_best, it_s, it_q,
                  fmt::format("{}{} iterations / {} igraph passes{}; {}", runs_note, our_iters, passes, note, reach)});
  }
  if (o.runs("leiden1")) {
  // One Leiden iteration against one igraph pass (the igraph default).
  community::LeidenResult l1;
  const double l1t = bench::best_of(1, [&] { l1 = community::leiden(g, {.max_iterations = 1, .seed = o.seed}); });
  if (!one_done && ig) {
    one_done = true;
    ig::RngScope rng(1);
    const auto n = static_cast<igraph_integer_t>(g.num_vertices());
    ig::Vector strength(n);
    ig::check(igraph_strength(ig->get(), strength.get(), igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, nullptr), "strength");
    double two_m = 0;
    for (igraph_integer_t i = 0; i < n; ++i) two_m += VECTOR(*strength.get())[i];
    ig::VectorInt memb(iota64(g.num_vertices()));
    igraph_integer_t clusters = 0;
    igraph_real_t q = 0;
    const auto t0 = Clock::now();
    ig::check(igraph_community_leiden(ig->get(), nullptr, strength.get(), 1.0 / two_m, 0.01, false, 1, memb.get(),
                                      &clusters, &q),
              "igraph_community_leiden");
    i1_s = seconds_since(t0);
    i1_q = q;
  }
  bench::report(name, "leiden (one iteration) " + tn, l1t, i1_s, fmt::format("Q {:.4f} vs {:.4f}", l1.quality, i1_q));
  rows.push_back({name, "Leiden (1 iteration / 1 pass), " + tn, l1t, l1.quality, i1_s, i1_q, ""});
  }
  // ---- Louvain
  if (o.runs("louvain")) {
  community::LouvainResult lv;
  const double lvt = bench::best_of(1, [&] { lv = community::louvain(g, {.seed = o.seed}); });
  if (!lv_done && ig) {
    lv_done = true;
    ig::RngScope rng(1);
    ig::VectorInt memb;
    ig::Vector mod;
    const auto t0 = Clock::now();
    ig::check(igraph_community_multilevel(ig->get(), nullptr, 1.0, memb.get(), nullptr, mod.get()),
              "igraph_community_multilevel");
    iv_s = seconds_since(t0);
    const auto q = mod.to_std();
    iv_q = q.empty() ? iv_q : q.back();
  }
  bench::report(name, "louvain " + tn, lvt, iv_s, fmt::format("Q {:.4f} vs {:.4f}", lv.quality, iv_q));
  rows.push_back({name, "Louvain, " + tn, lvt, lv.quality, iv_s, iv_q, ""});
  }
  // ---- label propagation
  if (o.runs("lpa")) {
  community::LabelPropagationResult lp;
  community::LabelPropagationOptions lpo{.seed = 1};
  if (o.lpa_tolerance >= 0) lpo.tolerance = o.lpa_tolerance;
  double lp_cpu = 1e300;  // process CPU seconds of the fastest run (all threads, spinning included)
  const double lpt = bench::best_of(o.lpa_repeat, [&] {
    const double c0 = process_cpu_seconds();
    lp = community::label_propagation(g, lpo);
    lp_cpu = std::min(lp_cpu, process_cpu_seconds() - c0);
  });
  const double lp_q = community::modularity(g, lp.partition.membership);
  if (!lp_done && ig) {
    lp_done = true;
    ig::RngScope rng(1);
    ig::VectorInt memb;
    const auto t0 = Clock::now();
    ig::check(igraph_community_label_propagation(ig->get(), memb.get(), IGRAPH_ALL, nullptr, nullptr, nullptr),
              "igraph_community_label_propagation");
    ip_s = seconds_since(t0);
    ip_q = ig_modularity(*ig, memb);
  }
  const std::string lp_note =
      fmt::format("{:.1f} M edges/s ({} rounds, {:.1f} M arcs scanned/s; cpu {:.2f} s; {} communities, membership hash {:016x})",
                  m / lpt / 1e6, lp.iterations, static_cast<double>(lp.arcs_scanned) / lpt / 1e6, lp_cpu, lp.partition.count,
                  membership_hash(lp.partition.membership));
  bench::report(name, "label propagation " + tn, lpt, ip_s, fmt::format("Q {:.4f} vs {:.4f}; {}", lp_q, ip_q, lp_note));
  rows.push_back({name, "label propagation, " + tn, lpt, lp_q, ip_s, ip_q, lp_note});
  }
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"peerscout community benchmark (Leiden, Louvain, label propagation vs igraph)"};
  app.add_option("--threads", o.threads, "OpenMP thread counts for peerscout (several: --threads 1 2)");
  app.add_option("--scale", o.scale, "R-MAT scale");
  app.add_option("--edge-factor", o.edge_factor, "R-MAT edge factor");
  app.add_option("--planted-n", o.planted_n, "planted-partition vertices (average degree 20: 10 edges per vertex)");
  app.add_option("--planted-mu", o.planted_mu, "planted-partition mixing");
  app.add_option("--igraph-max-passes", o.igraph_max_passes, "cap on igraph Leiden passes");
  app.add_option("--igraph-time-limit", o.igraph_time_limit, "seconds after which igraph's Leiden passes stop");
  app.add_option("--tolerance", o.tolerance, "peerscout Leiden relative tolerance (until stable)");
  app.add_option("--only", o.only, "methods to run: leiden (until stable), leiden1 (one iteration), louvain, lpa");
  app.add_option("--shared", o.shared_names, "shared networks to run (directory names)");
  app.add_option("--seed", o.seed, "peerscout seed");
  app.add_option("--leiden-runs", o.leiden_runs,
                 "Leiden (until stable) runs per side (seeds seed+r and igraph 1+r); total time and best Q compared")
      ->check(CLI::PositiveNumber);
  app.add_flag("--drop-loops", o.drop_loops, "drop self-loops of the shared networks");
  app.add_flag("--verbose", o.verbose, "print Q and time after every Leiden iteration / igraph pass");
  app.add_option("--lpa-repeat", o.lpa_repeat, "label propagation runs per thread count; the best time is reported");
  app.add_option("--lpa-tolerance", o.lpa_tolerance, "label propagation tolerance (default: the library's)");
  bool no_rmat = false, no_planted = false, no_shared = false, no_igraph = false, no_demo = false;
  app.add_flag("--no-demo", no_demo, "skip the demo-network recovery check");
  app.add_flag("--no-rmat", no_rmat);
  app.add_flag("--no-planted", no_planted);
  app.add_flag("--no-shared", no_shared);
  app.add_flag("--no-igraph", no_igraph, "peerscout only");
  CLI11_PARSE(app, argc, argv);
  o.rmat = !no_rmat;
  o.planted = !no_planted;
  o.shared = !no_shared;
  o.igraph = !no_igraph;
  o.demo = !no_demo;
  ig::install_handlers();
  if (o.demo) {
    ThreadScope scope(o.threads.back());
    // Planted communities of the demo network (50k people) recovered from the follows layer.
    const auto net = datasets::social_network({.people = 50000, .seed = 42});
    EdgeList follows = net.follows;
    const auto directed = build_csr(std::move(follows), net.num_people(), {.directed = true}).graph;
    for (auto rule : {SymmetrizeWeights::kSum, SymmetrizeWeights::kMax}) {
      const auto g = symmetrize(directed, rule);
      const auto t0 = Clock::now();
      community::LeidenOptions lo{.seed = 1};
      if (o.tolerance >= 0) lo.tolerance = o.tolerance;
      const auto r = community::leiden(g, lo);
      const double t = seconds_since(t0);
      const auto lv = community::louvain(g, {.seed = 1});
      const auto lp = community::label_propagation(g, {.seed = 1});
      const auto c = community::compare(r.partition.membership, net.community);
      fmt::print("demo network 50k, follows symmetrized ({}): {} planted communities; Leiden {} communities, "
                 "NMI {:.4f}, ARI {:.4f}, Q {:.4f} (planted Q {:.4f}) in {:.2f} s; Louvain NMI {:.4f}; "
                 "label propagation NMI {:.4f}\n",
                 rule == SymmetrizeWeights::kSum ? "kSum" : "kMax", net.num_communities(), r.partition.count, c.nmi,
                 c.ari, r.quality, community::modularity(g, net.community), t,
                 community::compare(lv.partition.membership, net.community).nmi,
                 community::compare(lp.partition.membership, net.community).nmi);
    }
  }
  if (o.shared) {
    const auto dir = bench::shared_datasets_dir();
    for (const std::string& name : o.shared_names) {
      const auto path = dir / name / "edges.el";
      if (!std::filesystem::exists(path)) continue;
      auto el = io::read_edge_list(path, {});
      if (o.drop_loops) {
        EdgeList kept;
        for (std::size_t i = 0; i < el.edges.size(); ++i)
          if (el.edges.src[i] != el.edges.dst[i]) kept.add(el.edges.src[i], el.edges.dst[i]);
        el.edges = std::move(kept);
      }
      const bool directed = name == "soc-Slashdot0902" || name == "soc-Epinions1" || name == "wiki-Vote";
      CsrGraph g = build_csr(std::move(el.edges), static_cast<VertexId>(el.ids.size()), {.directed = directed}).graph;
      if (directed) g = symmetrize(g, SymmetrizeWeights::kMax);
      run_graph(directed ? name + " (sym.)" : name, g, o);
    }
  }
  if (o.planted) {
    auto t0 = Clock::now();
    auto pp = datasets::planted_partition({.n = o.planted_n, .average_degree = o.planted_degree, .mu = o.planted_mu, .seed = 1});
    const auto g = datasets::to_graph(std::move(pp.graph), {.directed = false});
    fmt::print("generated planted partition in {:.1f} s\n", seconds_since(t0));
    run_graph(fmt::format("planted n={}M mu={}", o.planted_n / 1000000.0, o.planted_mu), g, o);
  }
  if (o.rmat) {
    auto t0 = Clock::now();
    auto gen = datasets::rmat({.scale = o.scale, .edge_factor = o.edge_factor, .seed = 1});
    const auto g = datasets::to_graph(std::move(gen), {.directed = false});
    fmt::print("generated R-MAT in {:.1f} s\n", seconds_since(t0));
    run_graph(fmt::format("rmat s{} e{}", o.scale, o.edge_factor), g, o);
  }
  fmt::print("\n| graph | method | peerscout s | igraph s | speed-up | peerscout Q | igraph Q | note |\n"
             "|---|---|---:|---:|---:|---:|---:|---|\n");
  for (const auto& r : rows)
    fmt::print("| {} | {} | {:.2f} | {:.2f} | {:.1f}x | {:.4f} | {:.4f} | {} |\n", r.graph, r.method, r.ours_s, r.theirs_s,
               r.ours_s > 0 ? r.theirs_s / r.ours_s : 0.0, r.ours_q, r.theirs_q, r.note);
  return 0;
}
