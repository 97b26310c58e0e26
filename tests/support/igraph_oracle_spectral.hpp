#pragma once
// igraph's C core as the oracle for the recommender centralities (personalized PageRank,
// eigenvector, HITS, local transitivity, constraint, reciprocity). Serial only: igraph 0.10.2 is
// built without thread safety, so never call these inside an OpenMP region or a parallel test.
// Graph conversion as in tests/support/igraph_oracle.hpp (ig::Graph: undirected edges once, weights
// in the same order).
#include <cstdint>
#include <vector>

#include "engine/csr_graph.hpp"

namespace peerscout::test {

/// igraph_personalized_pagerank_vs (PRPACK, directed = g.directed()) with reset_vids = seeds
/// (pass distinct seeds: igraph counts a repeated id twice).
std::vector<double> igraph_ppr_vs(const CsrGraph& g, const std::vector<VertexId>& seeds, double damping, bool weights);

struct IgraphEigen {
  std::vector<double> vector;
  double value = 0.0;
};

/// igraph_eigenvector_centrality(directed = true, scale = true), default ARPACK options, igraph's
/// RNG seeded with `seed` (its start vector has a small random perturbation).
IgraphEigen igraph_eigenvector(const CsrGraph& g, bool weights, std::uint64_t seed = 42);

struct IgraphHits {
  std::vector<double> hub, authority;
  double value = 0.0;
};

/// igraph_hub_and_authority_scores(scale = true), default ARPACK options.
IgraphHits igraph_hits(const CsrGraph& g, bool weights);

/// igraph_transitivity_local_undirected(all vertices, IGRAPH_TRANSITIVITY_ZERO).
std::vector<double> igraph_local_transitivity(const CsrGraph& g);

/// igraph_adjacent_triangles(all vertices).
std::vector<std::int64_t> igraph_triangles(const CsrGraph& g);

/// igraph_constraint with g's weights when `weights` (else unweighted), for the vertices `vids`
/// (all vertices when empty; igraph's cost is O(sum over the vids of the degrees of their
/// neighbours), so large graphs are checked on a sample). Result aligned with vids.
std::vector<double> igraph_constraint(const CsrGraph& g, bool weights, const std::vector<VertexId>& vids = {});

/// igraph_reciprocity(ignore_loops = true, IGRAPH_RECIPROCITY_DEFAULT).
double igraph_reciprocity(const CsrGraph& g);

}  // namespace peerscout::test
