#include "algorithms/centrality/degree.hpp"

#include <algorithm>

#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout::centrality {

DegreeResult degrees(const CsrGraph& g) {
  if (!g.has_in_edges()) throw InvalidArgument("degrees: the graph was built without in-adjacency");
  const VertexId n = g.num_vertices();
  const auto nn = static_cast<std::int64_t>(n);
  DegreeResult r;
  r.in_degree.resize(n);
  r.out_degree.resize(n);
  r.in_strength.resize(n);
  r.out_strength.resize(n);
#pragma omp parallel for schedule(dynamic, 2048) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<VertexId>(i);
    // An undirected self-loop is one stored arc but two ends at v: count it twice.
    const auto nb = g.out_neighbors(v);
    std::int64_t loops = 0;
    if (!g.directed()) {
      const auto lo = std::lower_bound(nb.begin(), nb.end(), v);
      loops = std::upper_bound(lo, nb.end(), v) - lo;
    }
    r.out_degree[v] = static_cast<std::int64_t>(g.out_degree(v)) + loops;
    r.in_degree[v] = static_cast<std::int64_t>(g.in_degree(v)) + loops;
    if (g.weighted()) {
      double so = 0.0, si = 0.0;  // fixed order: along the sorted lists
      const auto ow = g.out_weights(v);
      for (std::size_t k = 0; k < ow.size(); ++k) {
        const double w = static_cast<double>(ow[k]);
        so += (loops > 0 && nb[k] == v) ? 2.0 * w : w;
      }
      if (g.directed()) {
        for (Weight w : g.in_weights(v)) si += static_cast<double>(w);
      } else {
        si = so;
      }
      r.out_strength[v] = so;
      r.in_strength[v] = si;
    } else {
      r.out_strength[v] = static_cast<double>(r.out_degree[v]);
      r.in_strength[v] = static_cast<double>(r.in_degree[v]);
    }
  }
  return r;
}

}  // namespace peerscout::centrality
