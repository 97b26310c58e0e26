#include "tests/support/igraph_oracle_spectral.hpp"

#include "engine/igraph_bridge.hpp"

namespace peerscout::test {

std::vector<double> igraph_ppr_vs(const CsrGraph& g, const std::vector<VertexId>& seeds, double damping, bool weights) {
  ig::Graph ig(g);
  ig::Vector result;
  igraph_real_t value = 0;
  ig::VectorInt ids(std::vector<std::int64_t>(seeds.begin(), seeds.end()));
  igraph_vs_t reset;
  ig::check(igraph_vs_vector(&reset, ids.get()), "igraph_vs_vector");
  ig::check(::igraph_personalized_pagerank_vs(ig.get(), IGRAPH_PAGERANK_ALGO_PRPACK, result.get(), &value,
                                              igraph_vss_all(), g.directed(), damping, reset,
                                              weights ? ig.weights() : nullptr, nullptr),
            "igraph_personalized_pagerank_vs");
  igraph_vs_destroy(&reset);
  return result.to_std();
}

IgraphEigen igraph_eigenvector(const CsrGraph& g, bool weights, std::uint64_t seed) {
  ig::Graph ig(g);
  ig::RngScope rng(seed);
  ig::Vector result;
  igraph_arpack_options_t options;
  igraph_arpack_options_init(&options);
  IgraphEigen r;
  ig::check(::igraph_eigenvector_centrality(ig.get(), result.get(), &r.value, /*directed=*/true, /*scale=*/true,
                                            weights ? ig.weights() : nullptr, &options),
            "igraph_eigenvector_centrality");
  r.vector = result.to_std();
  return r;
}

IgraphHits igraph_hits(const CsrGraph& g, bool weights) {
  ig::Graph ig(g);
  ig::Vector hub, authority;
  igraph_arpack_options_t options;
  igraph_arpack_options_init(&options);
  IgraphHits r;
  ig::check(::igraph_hub_and_authority_scores(ig.get(), hub.get(), authority.get(), &r.value, /*scale=*/true,
                                              weights ? ig.weights() : nullptr, &options),
            "igraph_hub_and_authority_scores");
  r.hub = hub.to_std();
  r.authority = authority.to_std();
  return r;
}

std::vector<double> igraph_local_transitivity(const CsrGraph& g) {
  ig::Graph ig(g);
  ig::Vector result;
  ig::check(::igraph_transitivity_local_undirected(ig.get(), result.get(), igraph_vss_all(), IGRAPH_TRANSITIVITY_ZERO),
            "igraph_transitivity_local_undirected");
  return result.to_std();
}

std::vector<std::int64_t> igraph_triangles(const CsrGraph& g) {
  ig::Graph ig(g);
  ig::Vector result;
  ig::check(::igraph_adjacent_triangles(ig.get(), result.get(), igraph_vss_all()), "igraph_adjacent_triangles");
  const auto v = result.to_std();
  return {v.begin(), v.end()};
}

std::vector<double> igraph_constraint(const CsrGraph& g, bool weights, const std::vector<VertexId>& vids) {
  ig::Graph ig(g);
  ig::Vector result;
  ig::VectorInt ids(std::vector<std::int64_t>(vids.begin(), vids.end()));
  igraph_vs_t vs = igraph_vss_all();
  if (!vids.empty()) ig::check(igraph_vs_vector(&vs, ids.get()), "igraph_vs_vector");
  ig::check(::igraph_constraint(ig.get(), result.get(), vs, weights ? ig.weights() : nullptr), "igraph_constraint");
  igraph_vs_destroy(&vs);
  return result.to_std();
}

double igraph_reciprocity(const CsrGraph& g) {
  ig::Graph ig(g);
  igraph_real_t r = 0;
  ig::check(::igraph_reciprocity(ig.get(), &r, /*ignore_loops=*/true, IGRAPH_RECIPROCITY_DEFAULT), "igraph_reciprocity");
  return r;
}

}  // namespace peerscout::test
