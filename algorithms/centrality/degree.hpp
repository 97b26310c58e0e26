#pragma once
/// Degree and strength per vertex.
///
/// Directed graphs: out_degree = arcs leaving v (people v follows), in_degree = arcs entering v
/// (v's followers). Undirected graphs: both equal the degree, with a self-loop counted twice (it
/// has two ends at v), as igraph_degree(..., loops=true) and as PageRank and core_numbers count it.
/// Strength = sum of weights (the degree when the graph is unweighted); an undirected loop's weight
/// counts twice too.
/// Time O(n) for degrees (read from the offsets), O(m) for strengths. Identical for any thread count.
#include <cstdint>
#include <vector>

#include "engine/csr_graph.hpp"

namespace peerscout::centrality {

struct DegreeResult {
  std::vector<std::int64_t> in_degree;
  std::vector<std::int64_t> out_degree;
  std::vector<double> in_strength;   ///< sum of incoming weights (= in_degree when unweighted)
  std::vector<double> out_strength;  ///< sum of outgoing weights
};

/// Requires has_in_edges() for in_degree/in_strength on directed graphs (throws InvalidArgument).
DegreeResult degrees(const CsrGraph& g);

}  // namespace peerscout::centrality
