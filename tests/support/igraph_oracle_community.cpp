#include "tests/support/igraph_oracle_community.hpp"

#include <cmath>
#include <limits>

#include "engine/igraph_bridge.hpp"

namespace peerscout::test {

namespace {

ig::VectorInt to_ig(const std::vector<std::uint32_t>& m) {
  return ig::VectorInt(std::vector<std::int64_t>(m.begin(), m.end()));
}

std::vector<std::uint32_t> from_ig(const ig::VectorInt& v) {
  const auto s = v.to_std();
  return std::vector<std::uint32_t>(s.begin(), s.end());
}

}  // namespace

double igraph_modularity(const CsrGraph& g, const std::vector<std::uint32_t>& membership, double resolution,
                         bool weights) {
  ig::Graph ig(g);
  auto m = to_ig(membership);
  igraph_real_t q = 0;
  ig::check(::igraph_modularity(ig.get(), m.get(), weights ? ig.weights() : nullptr, resolution, g.directed(), &q),
            "igraph_modularity");
  return q;
}

IgraphCommunities igraph_leiden(const CsrGraph& g, bool cpm, double resolution, double beta, bool weights,
                                std::uint64_t seed, int max_passes) {
  ig::Graph ig(g);
  ig::RngScope rng(seed);
  const igraph_vector_t* w = weights ? ig.weights() : nullptr;
  const auto n = static_cast<igraph_integer_t>(g.num_vertices());
  ig::Vector node_weights(n);
  double two_m = 0;
  if (!cpm) {
    ig::check(::igraph_strength(ig.get(), node_weights.get(), igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, w),
              "igraph_strength");
    for (igraph_integer_t i = 0; i < n; ++i) two_m += VECTOR(*node_weights.get())[i];
  } else {
    for (igraph_integer_t i = 0; i < n; ++i) VECTOR(*node_weights.get())[i] = 1.0;
  }
  const double res = cpm ? resolution : resolution / two_m;
  ig::VectorInt membership(n);
  for (igraph_integer_t i = 0; i < n; ++i) VECTOR(*membership.get())[i] = i;
  IgraphCommunities out;
  double best = -INFINITY;
  std::vector<std::int64_t> best_m = membership.to_std();
  for (int pass = 0; pass < max_passes; ++pass) {
    igraph_integer_t clusters = 0;
    igraph_real_t q = 0;
    ig::check(::igraph_community_leiden(ig.get(), w, node_weights.get(), res, beta, /*start=*/true,
                                        /*n_iterations=*/1, membership.get(), &clusters, &q),
              "igraph_community_leiden");
    ++out.passes;
    if (pass > 0 && !(q > best + 1e-12 * std::abs(best))) {
      if (q > best) {
        best = q;
        best_m = membership.to_std();
      }
      break;
    }
    best = q;
    best_m = membership.to_std();
  }
  out.membership.assign(best_m.begin(), best_m.end());
  out.quality = best;
  return out;
}

IgraphCommunities igraph_multilevel(const CsrGraph& g, double resolution, bool weights, std::uint64_t seed) {
  ig::Graph ig(g);
  ig::RngScope rng(seed);
  ig::VectorInt membership;
  ig::Vector mod;
  ig::check(::igraph_community_multilevel(ig.get(), weights ? ig.weights() : nullptr, resolution, membership.get(),
                                          nullptr, mod.get()),
            "igraph_community_multilevel");
  IgraphCommunities out;
  out.membership = from_ig(membership);
  const auto q = mod.to_std();
  out.quality = q.empty() ? std::numeric_limits<double>::quiet_NaN() : q.back();
  out.passes = 1;
  return out;
}

IgraphCommunities igraph_label_propagation(const CsrGraph& g, bool weights, std::uint64_t seed) {
  ig::Graph ig(g);
  ig::RngScope rng(seed);
  ig::VectorInt membership;
  ig::check(::igraph_community_label_propagation(ig.get(), membership.get(), IGRAPH_ALL,
                                                 weights ? ig.weights() : nullptr, nullptr, nullptr),
            "igraph_community_label_propagation");
  IgraphCommunities out;
  out.membership = from_ig(membership);
  out.quality = igraph_modularity(g, out.membership, 1.0, weights);
  out.passes = 1;
  return out;
}

IgraphComparison igraph_compare(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  auto ia = to_ig(a), ib = to_ig(b);
  IgraphComparison r;
  ig::check(::igraph_compare_communities(ia.get(), ib.get(), &r.nmi, IGRAPH_COMMCMP_NMI), "igraph_compare_communities");
  ig::check(::igraph_compare_communities(ia.get(), ib.get(), &r.ari, IGRAPH_COMMCMP_ADJUSTED_RAND),
            "igraph_compare_communities");
  ig::check(::igraph_compare_communities(ia.get(), ib.get(), &r.vi, IGRAPH_COMMCMP_VI), "igraph_compare_communities");
  return r;
}

}  // namespace peerscout::test
