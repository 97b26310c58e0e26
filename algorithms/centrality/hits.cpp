#include "algorithms/centrality/hits.hpp"

#include <algorithm>

#include "algorithms/centrality/detail/lobpcg.hpp"
#include "algorithms/centrality/detail/pull.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout::centrality {

HitsResult hits(const CsrGraph& g, const EigenvectorOptions& opts, RunContext& ctx) {
  opts.validate("hits");
  const VertexId n = g.num_vertices();
  if (!g.has_in_edges())
    throw InvalidArgument("hits: the directed graph was built without in-adjacency (BuildOptions::build_in_edges)");
  const bool weighted = opts.use_weights && g.weighted();
  if (weighted) detail::check_weights(g, "hits");
  HitsResult r;
  r.converged = true;
  if (n == 0) return r;
  if (n == 1 || detail::positive_arcs(g, weighted).count == 0) {
    r.hub.assign(n, 1.0);
    r.authority.assign(n, 1.0);
    return r;
  }
  r.converged = false;
  const auto in = detail::in_arcs(g, weighted);
  const auto out = detail::out_arcs(g, weighted);
  const auto extra = detail::extra_loop_weight(g, weighted);
  const auto in_blocks = detail::make_blocks(in.off, n);
  const auto out_blocks = detail::make_blocks(out.off, n);
  const auto nn = static_cast<std::int64_t>(n);

  // igraph's start vector: degree (in + out) without loops, unweighted; 1 where 0.
  std::vector<double> h(n), a(n);
#pragma omp parallel for schedule(dynamic, 2048) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<VertexId>(i);
    auto count = [v](std::span<const VertexId> nb) {
      EdgeIndex c = 0;
      for (VertexId u : nb) c += u != v ? 1 : 0;
      return c;
    };
    EdgeIndex d = count(g.out_neighbors(v));
    if (g.directed()) d += count(g.in_neighbors(v));
    h[v] = d > 0 ? static_cast<double>(d) : 1.0;
  }
  {
    const double mx = *std::max_element(h.begin(), h.end());
    for (double& v : h) v /= mx;
  }

  // hub = dominant eigenvector of the symmetric M = A A^T, by LOBPCG.
  {
    auto phase = ctx.phase("hits/lobpcg");
    auto lr = detail::lobpcg_largest(
        [&](const std::vector<double>& in_x, std::vector<double>& out_y) {
          detail::apply(in, weighted, extra, 0.0, in_x.data(), a.data(), n, in_blocks);
          detail::apply(out, weighted, extra, 0.0, a.data(), out_y.data(), n, out_blocks);
        },
        std::move(h), opts.tolerance, opts.max_iterations, ctx, "hits");
    for (double& v : lr.x) v = std::max(v, 0.0);  // rounding noise at zero scores (igraph clamps too)
    h = std::move(lr.x);
    r.iterations = lr.iterations;
    r.residual = lr.residual;
    r.converged = lr.converged;
    r.eigenvalue = lr.theta;
  }
  // authority = A^T hub, scaled to max 1 (igraph).
  const double amax = detail::apply(in, weighted, extra, 0.0, h.data(), a.data(), n, in_blocks);
  detail::rescale(a, amax, a);
  r.hub = std::move(h);
  r.authority = std::move(a);
  return r;
}

}  // namespace peerscout::centrality
