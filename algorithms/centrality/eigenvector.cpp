#include "algorithms/centrality/eigenvector.hpp"

#include <cmath>
#include <string>

#include "algorithms/centrality/detail/lobpcg.hpp"
#include "algorithms/centrality/detail/pull.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout::centrality {

namespace {

// True when the arcs of positive weight contain a cycle (a positive-weight self-loop counts).
// Kahn's topological sort: serial, O(n + m).
bool has_positive_cycle(const CsrGraph& g, bool weighted) {
  const VertexId n = g.num_vertices();
  std::vector<EdgeIndex> indeg(n, 0);
  auto positive = [&](EdgeIndex e) { return !weighted || g.weights()[e] > 0.0F; };
  const auto off = g.offsets();
  const auto tg = g.targets();
  for (VertexId u = 0; u < n; ++u)
    for (EdgeIndex e = off[u]; e < off[u + 1]; ++e)
      if (positive(e)) ++indeg[tg[e]];
  std::vector<VertexId> stack;
  for (VertexId v = 0; v < n; ++v)
    if (indeg[v] == 0) stack.push_back(v);
  VertexId removed = 0;
  while (!stack.empty()) {
    const VertexId u = stack.back();
    stack.pop_back();
    ++removed;
    for (EdgeIndex e = off[u]; e < off[u + 1]; ++e)
      if (positive(e) && --indeg[tg[e]] == 0) stack.push_back(tg[e]);
  }
  return removed < n;
}

}  // namespace

void EigenvectorOptions::validate(const char* who) const {
  auto bad = [&](const std::string& m) { throw InvalidArgument(std::string(who) + ": " + m); };
  if (!(tolerance > 0.0) || !std::isfinite(tolerance))
    bad("tolerance must be a positive finite number, got " + std::to_string(tolerance));
  if (max_iterations < 1) bad("max_iterations must be >= 1, got " + std::to_string(max_iterations));
}

EigenvectorResult eigenvector(const CsrGraph& g, const EigenvectorOptions& opts, RunContext& ctx) {
  opts.validate("eigenvector");
  const VertexId n = g.num_vertices();
  if (!g.has_in_edges())
    throw InvalidArgument("eigenvector: the directed graph was built without in-adjacency (BuildOptions::build_in_edges)");
  const bool weighted = opts.use_weights && g.weighted();
  if (weighted) detail::check_weights(g, "eigenvector");
  EigenvectorResult r;
  r.converged = true;
  if (n == 0) return r;
  const auto pos = detail::positive_arcs(g, weighted);
  if (pos.count == 0) {
    r.score.assign(n, 1.0);  // igraph: edgeless (or all-zero weights) -> all 1, eigenvalue 0
    return r;
  }
  if (g.directed()) {
    auto phase = ctx.phase("eigenvector/cycle_check");
    if (!has_positive_cycle(g, weighted)) {
      r.score.assign(n, 0.0);  // igraph: DAG -> all 0, eigenvalue 0
      return r;
    }
  }
  r.converged = false;
  const auto in = detail::in_arcs(g, weighted);
  const auto extra = detail::extra_loop_weight(g, weighted);
  const auto blocks = detail::make_blocks(in.off, n);
  const auto nn = static_cast<std::int64_t>(n);

  // igraph's start vector: (in-)strength, loops as in A; 1 where it is 0.
  std::vector<double> x(n), y(n);
  {
    std::vector<double> ones(n, 1.0);
    detail::apply(in, weighted, extra, 0.0, ones.data(), x.data(), n, blocks);
  }
#pragma omp parallel for schedule(static) if (nn > detail::kParallelWork)
  for (std::int64_t i = 0; i < nn; ++i) {
    auto& xv = x[static_cast<std::size_t>(i)];
    if (!(xv > 0.0)) xv = 1.0;
  }
  {
    double mx = 0.0;
    for (double v : x) mx = std::max(mx, v);
    for (double& v : x) v /= mx;
  }

  if (!g.directed()) {
    // Symmetric A: LOBPCG (steps grow like sqrt(1/gap), not 1/gap).
    auto phase = ctx.phase("eigenvector/lobpcg");
    auto lr = detail::lobpcg_largest(
        [&](const std::vector<double>& in_x, std::vector<double>& out_y) {
          detail::apply(in, weighted, extra, 0.0, in_x.data(), out_y.data(), n, blocks);
        },
        std::move(x), opts.tolerance, opts.max_iterations, ctx, "eigenvector");
    for (double& v : lr.x) v = std::max(v, 0.0);  // rounding noise at zero scores (igraph clamps too)
    r.score = std::move(lr.x);
    r.iterations = lr.iterations;
    r.residual = lr.residual;
    r.converged = lr.converged;
    r.eigenvalue = lr.theta;
    return r;
  }
  auto phase = ctx.phase("eigenvector/power_iteration");
  const double shift = pos.mean_weight;
  for (int it = 0; it < opts.max_iterations; ++it) {
    ctx.check_cancelled();
    const double ymax = detail::apply(in, weighted, extra, shift, x.data(), y.data(), n, blocks);
    r.residual = detail::rescale(y, ymax, x);
    r.eigenvalue = ymax - shift;
    r.iterations = it + 1;
    ctx.report("eigenvector", static_cast<double>(it + 1) / static_cast<double>(opts.max_iterations));
    if (r.residual < opts.tolerance) {
      r.converged = true;
      break;
    }
  }
  r.score = std::move(x);
  return r;
}

}  // namespace peerscout::centrality
