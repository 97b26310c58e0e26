#include "algorithms/centrality/structural_holes.hpp"

#include <algorithm>
#include <limits>

#include "algorithms/centrality/detail/pull.hpp"
#include "algorithms/centrality/detail/tie_graph.hpp"
#include "engine/parallel.hpp"

namespace peerscout::centrality {

StructuralHoles structural_holes(const CsrGraph& g, bool use_weights, RunContext& ctx) {
  const bool weighted = use_weights && g.weighted();
  if (weighted) detail::check_weights(g, "structural_holes");
  detail::TieGraph t;
  {
    auto phase = ctx.phase("structural_holes/ties");
    t = detail::tie_graph(g, true, weighted, "structural_holes");
  }
  ctx.check_cancelled();
  auto phase = ctx.phase("structural_holes/egos");
  const VertexId n = g.num_vertices();
  const auto nn = static_cast<std::int64_t>(n);
  // Per vertex: total tie strength S and strongest tie M (sequential sums: fixed order).
  std::vector<double> total(n), strongest(n);
#pragma omp parallel for schedule(dynamic, 2048) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<VertexId>(i);
    double s = 0.0, mx = 0.0;
    for (double x : t.strengths(v)) {
      s += x;
      mx = std::max(mx, x);
    }
    total[v] = s;
    strongest[v] = mx;
  }
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  StructuralHoles r;
  r.constraint.assign(n, kNaN);
  r.effective_size.assign(n, kNaN);
  const bool parallel = static_cast<std::int64_t>(n + t.targets.size()) > kParallelMin;
#pragma omp parallel for schedule(dynamic, 64) if (parallel)
  for (std::int64_t ii = 0; ii < nn; ++ii) {
    const auto i = static_cast<VertexId>(ii);
    const auto ni = t.neighbors(i);
    const auto si = t.strengths(i);
    const double Si = total[i];
    if (ni.empty() || !(Si > 0.0)) continue;  // undefined: NaN
    double C = 0.0, ES = 0.0;
    for (std::size_t a = 0; a < ni.size(); ++a) {
      const VertexId j = ni[a];
      const auto nj = t.neighbors(j);
      const auto sj = t.strengths(j);
      const double Mj = strongest[j];
      double indirect = 0.0, redundancy = 0.0;
      // Common contacts q of i and j, in increasing id order (fixed summation order).
      detail::for_each_common(ni, nj, [&](std::size_t b, std::size_t c) {
        const VertexId q = ni[b];
        const double p_iq = si[b] / Si;
        const double s_qj = sj[c];
        const double Sq = total[q];
        if (Sq > 0.0) indirect += p_iq * (s_qj / Sq);
        if (Mj > 0.0) redundancy += p_iq * (s_qj / Mj);
      });
      const double c_ij = si[a] / Si + indirect;
      C += c_ij * c_ij;
      ES += 1.0 - redundancy;
    }
    r.constraint[i] = C;
    r.effective_size[i] = ES;
  }
  return r;
}

}  // namespace peerscout::centrality
