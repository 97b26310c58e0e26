#include "algorithms/centrality/embeddedness.hpp"

#include <algorithm>

#include "algorithms/centrality/detail/tie_graph.hpp"
#include "engine/parallel.hpp"

namespace peerscout::centrality {

std::vector<std::uint32_t> embeddedness(const CsrGraph& g, RunContext& ctx) {
  detail::TieGraph ties;
  {
    auto phase = ctx.phase("embeddedness/ties");
    ties = detail::tie_graph(g, false, false, "embeddedness");
  }
  ctx.check_cancelled();
  detail::OrientedTies o;
  {
    auto phase = ctx.phase("embeddedness/orient");
    o = detail::orient_by_degree(ties);
  }
  ctx.check_cancelled();
  std::vector<std::uint32_t> per_tie;
  {
    auto phase = ctx.phase("embeddedness/triangles");
    per_tie = detail::count_triangles(o, g.num_vertices(), false, true).per_tie;
  }
  ctx.check_cancelled();
  auto phase = ctx.phase("embeddedness/arcs");
  const VertexId n = g.num_vertices();
  const auto nn = static_cast<std::int64_t>(n);
  std::vector<std::uint32_t> out(g.num_arcs(), 0);
  const auto off = g.offsets();
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto u = static_cast<VertexId>(i);
    const auto nb = g.out_neighbors(u);
    for (std::size_t k = 0; k < nb.size(); ++k) {
      const VertexId v = nb[k];
      if (v == u) continue;
      // Parallel arcs are adjacent in the sorted list: reuse the previous lookup.
      if (k > 0 && nb[k - 1] == v) {
        out[off[u] + k] = out[off[u] + k - 1];
        continue;
      }
      out[off[u] + k] = per_tie[detail::oriented_tie_index(o, u, v)];
    }
  }
  return out;
}

}  // namespace peerscout::centrality
