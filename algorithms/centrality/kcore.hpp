#pragma once
/// Core numbers (k-core decomposition): the trusted core of a scene.
///
/// The k-core of a graph is its largest subgraph in which every vertex has degree >= k (degree
/// counted inside the subgraph); the core number of v is the largest k such that v belongs to the
/// k-core. Core numbers are unique, so the result does not depend on the algorithm or thread count.
/// References: S. B. Seidman, "Network structure and minimum degree", Social Networks 5(3), 1983;
/// V. Batagelj & M. Zaversnik, "An O(m) algorithm for cores decomposition of networks", 2003
/// (igraph_coreness, the oracle in tests); H. Kabir & K. Madduri, "Parallel k-core decomposition on
/// multicore platforms" (PKC), IPDPSW 2017 (the method used here). See docs/algorithms/kcore.md.
///
/// Degrees follow igraph_coreness (igraph 0.10): undirected graphs count a self-loop twice (it
/// adds 2 to the degree of its vertex in every subgraph containing the vertex) and parallel edges
/// (Duplicates::kKeepAll) once each. Directed graphs use DegreeMode: kAll = in-degree + out-degree
/// (a loop adds 2), kIn = in-degree, kOut = out-degree (a loop adds 1). Weights are ignored.
///
/// Method: level-synchronous parallel peeling (PKC). At level k, every remaining vertex whose
/// current degree is k is removed (core number k); removing a vertex decrements its neighbours'
/// degrees with atomic updates, and neighbours that drop to k join the same level. Levels without
/// vertices are skipped (the next level is the minimum remaining degree), and the list of
/// remaining vertices is compacted every level. Output is identical for any thread count.
/// Time O(n + m) work plus O(#levels) parallel passes over the remaining vertices; memory about
/// 16 bytes per vertex beyond the graph and the result (degrees, remaining-vertex lists, waves).
/// Calls ctx.check_cancelled() once per level.
/// Directed graphs need the in-adjacency (the build_csr default).
#include <cstdint>
#include <vector>

#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::centrality {

/// Which degree defines the cores of a directed graph (igraph's mode argument). Ignored for
/// undirected graphs.
enum class DegreeMode {
  kAll,  ///< in + out (the graph taken as undirected, reciprocal arcs counting twice)
  kIn,   ///< in-degree: in-cores (followers)
  kOut,  ///< out-degree: out-cores
};

struct CoreOptions {
  DegreeMode mode = DegreeMode::kAll;
};

struct CoreResult {
  std::vector<std::uint32_t> core;  ///< core number per vertex
  std::uint32_t max_core = 0;       ///< degeneracy (0 for the null graph)
};

/// Core numbers of every vertex. Throws InvalidArgument for a directed graph without
/// in-adjacency or a vertex whose degree does not fit in 32 bits (only possible in multigraphs).
CoreResult core_numbers(const CsrGraph& g, const CoreOptions& opts = {}, RunContext& ctx = RunContext::none());

}  // namespace peerscout::centrality
