#pragma once
/// Erdos-Renyi G(n, m) (Erdos & Renyi, Publ. Math. Debrecen 6:290-297, 1959): a graph drawn
/// uniformly from all simple graphs with n vertices and exactly m edges: no self-loops, no
/// duplicates (undirected: {u, v} at most once; directed: each ordered pair (u, v) at most once).
///
/// Method: with N = n(n-1) ordered (directed) or n(n-1)/2 unordered pairs, draw pair indices
/// uniformly in parallel blocks (block i uses Rng::for_item(seed, Stream::kGenerator, i, round)),
/// keep the distinct ones, and repeat with fresh rounds until at least m are distinct. The distinct
/// set is then a uniform random subset of its size (symmetry), and the m pairs with the smallest
/// seeded hash among them are a uniform m-subset. When m > N/2 the N - m absent pairs are drawn
/// instead and the rest are enumerated. Output edges are sorted by (u, v); undirected edges have
/// u < v. Identical for any thread count.
/// Time O(m log m) (parallel sort), expected O(1) rounds. Memory O(m) 8-byte keys besides the output.
/// Records the phase "erdos_renyi" in `ctx`; checks cancellation between sampling rounds.
#include <cstdint>

#include "datasets/generators/generated_edges.hpp"
#include "engine/run_context.hpp"

namespace peerscout::datasets {

struct ErdosRenyiOptions {
  VertexId n = 1000;
  EdgeIndex m = 5000;     ///< <= n(n-1) (directed) or n(n-1)/2 (undirected)
  bool directed = false;
  std::uint64_t seed = 1;
  void validate() const;  ///< throws InvalidArgument
};

GeneratedEdges erdos_renyi(const ErdosRenyiOptions& opts, RunContext& ctx = RunContext::none());

}  // namespace peerscout::datasets
