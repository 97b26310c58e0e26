// The issue-4 centralities through the executable: every measure lands at
// /centrality/<layer>/<measure> on the right layer, with the conventions the docs state, checked
// against igraph's C core on karate (friends: undirected; follows: the directed karate).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "algorithms/centrality/katz.hpp"
#include "datasets/embedded/karate.hpp"
#include "io/hdf5/results_reader.hpp"
#include "tests/support/files.hpp"
#include "tests/support/igraph_oracle_paths.hpp"
#include "tests/support/igraph_oracle_spectral.hpp"
#include "tests/support/process.hpp"

using namespace peerscout;

namespace {

// Numeric handles 0..33: the id map keeps canonical integers in ascending order, so vertex v of
// the result file is karate member v.
void write_inputs(const test::TempDir& dir) {
  std::ostringstream friends, follows;
  for (const auto& e : datasets::kKarateEdgeList) {
    friends << e.u << "\t" << e.v << "\n";
    follows << e.u << "\t" << e.v << "\n";  // datasets::karate(true): arcs u -> v
  }
  dir.write("friends.tsv", friends.str());
  dir.write("follows.tsv", follows.str());
  dir.write("customers.txt", "# CRM export\n0\n33\n33\nnobody\n");
}

test::ProcessResult run(const test::TempDir& dir, std::vector<std::string> extra) {
  std::vector<std::string> args{test::peerscout_exe().string(), "analyze", "--friends", "friends.tsv", "--follows",
                                "follows.tsv", "--no-trust", "--out", "r.h5", "-q"};
  args.insert(args.end(), extra.begin(), extra.end());
  return test::run_process(args, dir.path());
}

std::vector<double> doubles(const std::filesystem::path& f, const std::string& path) {
  return std::get<std::vector<double>>(io::read_dataset_h5(f, path));
}

double max_diff(const std::vector<double>& a, const std::vector<double>& b) {
  REQUIRE(a.size() == b.size());
  double d = 0;
  for (std::size_t i = 0; i < a.size(); ++i) d = std::max(d, std::abs(a[i] - b[i]));
  return d;
}

bool has_object(const std::filesystem::path& f, const std::string& path) {
  try {
    io::read_dataset_h5(f, path);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

TEST_CASE("cli centrality: every measure on its layer, equal to igraph on karate", "[cli][centrality][oracle]") {
  test::TempDir dir("centrality");
  write_inputs(dir);
  const auto r = run(dir, {"--analyses",
                           "personalized_pagerank,katz,eigenvector,hits,reciprocity,clustering,constraint,effective_size,"
                           "betweenness,betweenness_approx,closeness,harmonic",
                           "--customers", "customers.txt", "--centrality-layers", "friends,follows", "--closeness-top", "5",
                           "--betweenness-epsilon", "0.05"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto f = dir / "r.h5";
  const CsrGraph u = datasets::karate(false);
  const CsrGraph d = datasets::karate(true);
  const double n = datasets::kKarateVertices;

  // Personalized PageRank from customers {0, 33} (33 listed twice, "nobody" unknown) on both layers.
  CHECK(max_diff(doubles(f, "/centrality/friends/personalized_pagerank"), test::igraph_ppr_vs(u, {0, 33}, 0.85, false)) < 1e-9);
  CHECK(max_diff(doubles(f, "/centrality/follows/personalized_pagerank"), test::igraph_ppr_vs(d, {0, 33}, 0.85, false)) < 1e-9);

  // Eigenvector and HITS (directed layers only).
  CHECK(max_diff(doubles(f, "/centrality/friends/eigenvector"), test::igraph_eigenvector(u, false).vector) < 1e-6);
  const auto hits = test::igraph_hits(d, false);
  CHECK(max_diff(doubles(f, "/centrality/follows/hub"), hits.hub) < 1e-6);
  CHECK(max_diff(doubles(f, "/centrality/follows/authority"), hits.authority) < 1e-6);
  CHECK_FALSE(has_object(f, "/centrality/friends/hub"));
  CHECK_FALSE(has_object(f, "/centrality/friends/reciprocity"));

  // Katz: the library's value (its own igraph-free oracle tests live in tests/algorithms).
  CHECK(doubles(f, "/centrality/friends/katz") == centrality::katz(u).score);

  // Reciprocity on the directed karate: no arc is returned, every member with an out-arc has 0.
  const auto rec = doubles(f, "/centrality/follows/reciprocity");
  for (VertexId v = 0; v < d.num_vertices(); ++v) {
    if (d.out_degree(v) == 0) CHECK(std::isnan(rec[v]));
    else CHECK(rec[v] == 0.0);
  }

  // Clustering: igraph's TRANSITIVITY_ZERO convention (0 below two contacts).
  CHECK(max_diff(doubles(f, "/centrality/friends/clustering"), test::igraph_local_transitivity(u)) < 1e-12);
  CHECK(max_diff(doubles(f, "/centrality/friends/constraint"), test::igraph_constraint(u, false)) < 1e-9);
  // Effective size, Borgatti's identity on an unweighted simple graph: deg - 2 t / deg.
  const auto es = doubles(f, "/centrality/friends/effective_size");
  const auto tri = test::igraph_triangles(u);
  for (VertexId v = 0; v < u.num_vertices(); ++v) {
    const double k = static_cast<double>(u.out_degree(v));
    CHECK(std::abs(es[v] - (k - 2.0 * static_cast<double>(tri[v]) / k)) < 1e-9);
  }

  // Betweenness: raw igraph values; the approximation within epsilon of the normalized ones.
  const auto bet = test::igraph_betweenness(u, false);
  CHECK(max_diff(doubles(f, "/centrality/friends/betweenness"), bet) < 1e-9);
  const auto approx = doubles(f, "/centrality/friends/betweenness_approx");
  std::vector<double> normalized(bet.size());
  for (std::size_t i = 0; i < bet.size(); ++i) normalized[i] = bet[i] / (n * (n - 1) / 2);
  CHECK(max_diff(approx, normalized) <= 0.05);
  CHECK(max_diff(doubles(f, "/centrality/follows/betweenness"), test::igraph_betweenness(d, false)) < 1e-9);

  // Closeness and harmonic: exact at this size; directed layers measure distances TO v.
  CHECK(max_diff(doubles(f, "/centrality/friends/closeness"), test::igraph_closeness_wasserman_faust(u, false, false)) < 1e-12);
  CHECK(max_diff(doubles(f, "/centrality/friends/harmonic"), test::igraph_harmonic(u, false, false, true)) < 1e-12);
  CHECK(max_diff(doubles(f, "/centrality/follows/closeness"), test::igraph_closeness_wasserman_faust(d, true, false)) < 1e-12);
  CHECK(max_diff(doubles(f, "/centrality/follows/harmonic"), test::igraph_harmonic(d, true, false, true)) < 1e-12);
  // The top 5 by closeness: the first five of the exact ranking (ties by id).
  const auto cls = test::igraph_closeness_wasserman_faust(u, false, false);
  std::vector<std::int64_t> order(cls.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return cls[a] > cls[b]; });
  order.resize(5);
  CHECK(std::get<std::vector<std::int64_t>>(io::read_dataset_h5(f, "/centrality/friends/closeness_top")) == order);
}

TEST_CASE("cli centrality: sampled closeness writes error bars that cover the exact values", "[cli][centrality]") {
  test::TempDir dir("centrality-sampled");
  write_inputs(dir);
  const auto r = run(dir, {"--analyses", "closeness,harmonic", "--closeness-mode", "sampled", "--closeness-epsilon", "0.05",
                           "--centrality-layers", "friends"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto f = dir / "r.h5";
  const CsrGraph u = datasets::karate(false);
  for (const std::string m : {"closeness", "harmonic"}) {
    const auto est = doubles(f, "/centrality/friends/" + m);
    const auto bar = doubles(f, "/centrality/friends/" + m + "_error_bar");
    const auto exact = m == "closeness" ? test::igraph_closeness_wasserman_faust(u, false, false)
                                        : test::igraph_harmonic(u, false, false, true);
    std::size_t covered = 0;
    for (std::size_t i = 0; i < est.size(); ++i) covered += std::abs(est[i] - exact[i]) <= bar[i] ? 1 : 0;
    CHECK(covered >= est.size() * 9 / 10);  // each interval holds w.p. >= 0.9
  }
  CHECK(r.err.empty());
}

TEST_CASE("cli centrality: job-file [centrality] keys are validated with file:line", "[cli][centrality][job]") {
  test::TempDir dir("centrality-job");
  write_inputs(dir);
  dir.write("bad_key.toml", "[[friends]]\npath = \"friends.tsv\"\n\n[centrality]\nbetweeness_epsilon = 0.01\n");
  auto r = test::run_process({test::peerscout_exe().string(), "run", "bad_key.toml", "-q"}, dir.path());
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::Contains("bad_key.toml:5") && Catch::Contains("betweenness_epsilon"));
  dir.write("bad_mode.toml", "[[friends]]\npath = \"friends.tsv\"\n\n[centrality]\ncloseness_mode = \"fast\"\n");
  r = test::run_process({test::peerscout_exe().string(), "run", "bad_mode.toml", "-q"}, dir.path());
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::Contains("bad_mode.toml:5") && Catch::Contains("exact, sampled, auto"));
  dir.write("good.toml",
            "[run]\nout = \"g.h5\"\ntrust = false\nanalyses = [\"betweenness_approx\"]\n[[friends]]\npath = \"friends.tsv\"\n\n"
            "[centrality]\nbetweenness_epsilon = 0.2\nbetweenness_delta = 0.2\n");
  r = test::run_process({test::peerscout_exe().string(), "run", "good.toml", "-q"}, dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  bool found = false;
  for (const auto& a : io::read_attributes_h5(dir / "g.h5", "/centrality/friends/betweenness_approx"))
    if (a.name == "epsilon") found = std::get<double>(a.value) == 0.2;
  CHECK(found);
}
