#include "algorithms/community/quality.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "algorithms/community/partition.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout::community {

namespace {

struct Sums {
  double internal = 0.0;   // I = sum_c I_c
  double total = 0.0;      // 2m (undirected) or m (directed)
  double penalty = 0.0;    // sum_c K_c^2 (undirected), sum_c Kout_c Kin_c (directed), sum_c n_c^2 (cpm)
};

Sums gather(const CsrGraph& g, const std::vector<std::uint32_t>& labels, bool use_weights, bool cpm) {
  const VertexId n = g.num_vertices();
  if (labels.size() != n)
    throw InvalidArgument("quality: membership has " + std::to_string(labels.size()) + " entries, the graph has " +
                          std::to_string(n) + " vertices");
  const Partition p = canonical(labels);
  const auto& m = p.membership;
  const bool weighted = use_weights && g.weighted();
  if (weighted) {
    for (Weight w : g.weights())
      if (!std::isfinite(w) || w < 0.0F)
        throw InvalidArgument("quality: edge weights must be finite and >= 0, found " + std::to_string(w));
  }
  const bool directed = g.directed();
  const auto nn = static_cast<std::int64_t>(n);
  // Per-vertex out-strength and internal weight (undirected loops twice).
  std::vector<double> kout(n), kin;
  Sums s;
  s.internal = deterministic_sum(nn, [&](std::int64_t i) {
    const auto u = static_cast<VertexId>(i);
    const auto nb = g.out_neighbors(u);
    const auto ws = g.out_weights(u);
    double k = 0.0, in = 0.0;
    for (std::size_t j = 0; j < nb.size(); ++j) {
      double w = weighted ? static_cast<double>(ws[j]) : 1.0;
      if (!directed && nb[j] == u) w += w;
      k += w;
      if (m[nb[j]] == m[u]) in += w;
    }
    kout[u] = k;
    return in;
  });
  s.total = deterministic_sum(nn, [&](std::int64_t i) { return kout[static_cast<std::size_t>(i)]; });
  std::vector<double> K(p.count, 0.0), Kin;
  if (cpm) {
    for (VertexId u = 0; u < n; ++u) K[m[u]] += 1.0;
    for (double x : K) s.penalty += x * x;
  } else if (!directed) {
    for (VertexId u = 0; u < n; ++u) K[m[u]] += kout[u];
    for (double x : K) s.penalty += x * x;
  } else {
    Kin.assign(p.count, 0.0);
    for (VertexId u = 0; u < n; ++u) {
      K[m[u]] += kout[u];
      const auto nb = g.out_neighbors(u);
      const auto ws = g.out_weights(u);
      for (std::size_t j = 0; j < nb.size(); ++j) Kin[m[nb[j]]] += weighted ? static_cast<double>(ws[j]) : 1.0;
    }
    for (std::size_t c = 0; c < K.size(); ++c) s.penalty += K[c] * Kin[c];
  }
  return s;
}

}  // namespace

double modularity(const CsrGraph& g, const std::vector<std::uint32_t>& membership, double resolution, bool use_weights) {
  const Sums s = gather(g, membership, use_weights, false);
  if (!(s.total > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  return (s.internal - resolution * s.penalty / s.total) / s.total;
}

double cpm_quality(const CsrGraph& g, const std::vector<std::uint32_t>& membership, double resolution, bool use_weights) {
  if (g.directed()) throw InvalidArgument("cpm_quality: the graph must be undirected (see symmetrize())");
  const Sums s = gather(g, membership, use_weights, true);
  if (!(s.total > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  return (s.internal - resolution * s.penalty) / s.total;
}

double quality(const CsrGraph& g, const std::vector<std::uint32_t>& membership, Objective objective, double resolution,
               bool use_weights) {
  return objective == Objective::kCpm ? cpm_quality(g, membership, resolution, use_weights)
                                      : modularity(g, membership, resolution, use_weights);
}

}  // namespace peerscout::community
