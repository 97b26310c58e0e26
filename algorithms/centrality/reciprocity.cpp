#include "algorithms/centrality/reciprocity.hpp"

#include <algorithm>
#include <limits>

#include "engine/parallel.hpp"

namespace peerscout::centrality {

std::vector<double> reciprocity(const CsrGraph& g, RunContext& ctx) {
  auto phase = ctx.phase("reciprocity");
  const VertexId n = g.num_vertices();
  const auto nn = static_cast<std::int64_t>(n);
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> r(n, kNaN);
  const bool merge = g.has_in_edges();
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<VertexId>(i);
    const auto out = g.out_neighbors(v);
    EdgeIndex follows = 0, returned = 0;
    if (!g.directed()) {
      // Every tie is mutual: count distinct non-loop neighbours.
      for (std::size_t k = 0; k < out.size(); ++k)
        if (out[k] != v && (k == 0 || out[k - 1] != out[k])) ++follows;
      returned = follows;
    } else if (merge) {
      const auto in = g.in_neighbors(v);
      std::size_t j = 0;
      for (std::size_t k = 0; k < out.size(); ++k) {
        const VertexId u = out[k];
        if (u == v || (k > 0 && out[k - 1] == u)) continue;
        ++follows;
        while (j < in.size() && in[j] < u) ++j;
        if (j < in.size() && in[j] == u) ++returned;
      }
    } else {
      for (std::size_t k = 0; k < out.size(); ++k) {
        const VertexId u = out[k];
        if (u == v || (k > 0 && out[k - 1] == u)) continue;
        ++follows;
        const auto back = g.out_neighbors(u);
        if (std::binary_search(back.begin(), back.end(), v)) ++returned;
      }
    }
    if (follows > 0) r[v] = static_cast<double>(returned) / static_cast<double>(follows);
  }
  return r;
}

}  // namespace peerscout::centrality
