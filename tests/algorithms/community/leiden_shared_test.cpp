// Leiden on every labelled shared network against igraph's Leiden iterated to convergence (same
// objective, resolution and number of runs, best run of each), plus NMI/ARI against the labels.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <string>

#include "algorithms/community/compare.hpp"
#include "algorithms/community/leiden.hpp"
#include "engine/symmetrize.hpp"
#include "tests/support/igraph_oracle_community.hpp"
#include "tests/support/shared_data.hpp"

using namespace peerscout;
using namespace peerscout::community;

namespace {

// Labels with -1 (unlabelled) become singletons beyond the label range, so compare() sees a full
// partition; only networks whose labels cover every vertex are compared, the others noted.
std::vector<std::uint32_t> labels_of(const std::vector<std::int64_t>& raw, bool& complete) {
  complete = true;
  std::vector<std::uint32_t> m(raw.size());
  std::uint32_t next = 1u << 30;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] < 0) {
      complete = false;
      m[i] = next++;
    } else {
      m[i] = static_cast<std::uint32_t>(raw[i]);
    }
  }
  return m;
}

}  // namespace

TEST_CASE("leiden vs igraph's converged Leiden on the labelled shared networks",
          "[community][leiden][shared-data][oracle]") {
  if (!test::shared_datasets_dir()) {
    WARN("shared datasets absent: skipped");
    return;
  }
  const std::vector<std::string> names = {"karate",      "dolphins",           "polbooks",      "football",
                                          "email-Eu-core", "lastfm-asia",      "facebook-page-page",
                                          "github-social", "deezer-europe"};
  std::string table =
      "| network | n | edges | runs | peerscout Q | igraph Q | diff | NMI(ours, labels) | NMI(igraph, labels) | "
      "NMI(ours, igraph) | ARI(ours, igraph) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& d : test::shared_datasets()) {
    if (std::find(names.begin(), names.end(), d.name) == names.end()) continue;
    CsrGraph g = test::load_shared(d);
    if (g.directed()) g = symmetrize(g, SymmetrizeWeights::kMax);  // email-Eu-core: unweighted ties
    const int runs = g.num_vertices() < 1000 ? 10 : 3;
    LeidenResult best;
    best.quality = -1;
    test::IgraphCommunities ibest;
    ibest.quality = -1;
    for (int r = 0; r < runs; ++r) {
      const auto seed = static_cast<std::uint64_t>(r + 1);
      auto ours = leiden(g, {.seed = seed});
      REQUIRE(communities_connected(g, ours.partition.membership));
      REQUIRE(ours.quality == modularity(g, ours.partition.membership));
      if (ours.quality > best.quality) best = std::move(ours);
      auto theirs = test::igraph_leiden(g, false, 1.0, 0.01, false, seed);
      if (theirs.quality > ibest.quality) ibest = std::move(theirs);
    }
    INFO(d.name);
    CHECK(std::abs(test::igraph_modularity(g, best.partition.membership, 1.0, false) - best.quality) < 1e-9);
    CHECK(best.quality >= ibest.quality - 0.002);
    bool complete = false;
    const auto labels = labels_of(test::load_shared_labels(d), complete);
    const auto cl = compare(best.partition.membership, labels);
    const auto il = compare(ibest.membership, labels);
    const auto oi = compare(best.partition.membership, ibest.membership);
    table += fmt::format("| {}{} | {} | {} | {} | {:.4f} | {:.4f} | {:+.4f} | {:.3f} | {:.3f} | {:.3f} | {:.3f} |\n", d.name,
                         complete ? "" : " (partly labelled)", g.num_vertices(), g.num_edges(), runs, best.quality,
                         ibest.quality, best.quality - ibest.quality, cl.nmi, il.nmi, oi.nmi, oi.ari);
  }
  WARN(table);
}
