// Recovery of planted partitions: Leiden NMI >= 0.95 for mu <= 0.4; the NMI-vs-mu curve of the
// three methods is printed (docs/algorithms/community_quality.md).
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "algorithms/community/compare.hpp"
#include "algorithms/community/label_propagation.hpp"
#include "algorithms/community/leiden.hpp"
#include "algorithms/community/louvain.hpp"
#include "datasets/generators/planted_partition.hpp"

using namespace peerscout;
using namespace peerscout::community;

TEST_CASE("planted partitions are recovered (NMI vs mu)", "[community][leiden][louvain][lpa]") {
  std::string table = "| mu | realised mu | communities | Leiden NMI | Louvain NMI | label propagation NMI | Leiden Q | planted Q |\n"
                      "|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (int i = 1; i <= 7; ++i) {
    const double mu = 0.1 * i;
    auto pp = datasets::planted_partition({.n = 10000, .average_degree = 20, .mu = mu, .seed = 7});
    std::size_t cross = 0;
    for (std::size_t e = 0; e < pp.graph.edges.size(); ++e)
      cross += pp.membership[pp.graph.edges.src[e]] != pp.membership[pp.graph.edges.dst[e]];
    const double realised = static_cast<double>(cross) / static_cast<double>(pp.graph.edges.size());
    const auto truth = pp.membership;
    const auto g = datasets::to_graph(std::move(pp.graph), {.directed = false});
    const auto le = leiden(g, {.seed = 1});
    const auto lo = louvain(g, {.seed = 1});
    const auto lp = label_propagation(g, {.seed = 1});
    const double nl = compare(le.partition.membership, truth).nmi;
    const double nv = compare(lo.partition.membership, truth).nmi;
    const double np = compare(lp.partition.membership, truth).nmi;
    table += fmt::format("| {:.1f} | {:.3f} | {} | {:.4f} | {:.4f} | {:.4f} | {:.4f} | {:.4f} |\n", mu, realised,
                         canonical(truth).count, nl, nv, np, le.quality, modularity(g, truth));
    INFO("mu " << mu);
    CHECK(communities_connected(g, le.partition.membership));
    if (mu <= 0.4 + 1e-9) CHECK(nl >= 0.95);
  }
  WARN(table);
}
