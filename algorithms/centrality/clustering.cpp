#include "algorithms/centrality/clustering.hpp"

#include "algorithms/centrality/detail/tie_graph.hpp"
#include "engine/parallel.hpp"

namespace peerscout::centrality {

namespace {

struct Counted {
  detail::TieGraph ties;
  std::vector<std::uint64_t> triangles;
};

Counted count(const CsrGraph& g, RunContext& ctx, const char* who) {
  Counted c;
  {
    auto phase = ctx.phase(std::string(who) + "/ties");
    c.ties = detail::tie_graph(g, false, false, who);
  }
  ctx.check_cancelled();
  detail::OrientedTies o;
  {
    auto phase = ctx.phase(std::string(who) + "/orient");
    o = detail::orient_by_degree(c.ties);
  }
  ctx.check_cancelled();
  auto phase = ctx.phase(std::string(who) + "/triangles");
  c.triangles = detail::count_triangles(o, g.num_vertices(), true, false).per_vertex;
  return c;
}

}  // namespace

std::vector<std::uint64_t> triangle_counts(const CsrGraph& g, RunContext& ctx) {
  return count(g, ctx, "triangle_counts").triangles;
}

std::vector<double> local_clustering(const CsrGraph& g, RunContext& ctx) {
  const Counted c = count(g, ctx, "local_clustering");
  const VertexId n = g.num_vertices();
  const auto nn = static_cast<std::int64_t>(n);
  std::vector<double> cc(n);
#pragma omp parallel for schedule(static) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<VertexId>(i);
    const auto d = static_cast<double>(c.ties.degree(v));
    // Same expression as igraph (triangles / d / (d - 1) * 2), so the two agree to the last bit.
    cc[v] = d < 2.0 ? 0.0 : static_cast<double>(c.triangles[v]) / d / (d - 1.0) * 2.0;
  }
  return cc;
}

}  // namespace peerscout::centrality
