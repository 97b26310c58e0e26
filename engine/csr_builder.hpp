#pragma once
/// build_csr: edge arrays -> immutable CsrGraph, in parallel, with named policies for duplicates
/// and self-loops.
///
/// Method: two stable parallel counting sorts (group the arcs by target, then by source: an LSD
/// radix sort keyed by vertex id), a squish of duplicate runs, and for directed graphs a third
/// counting sort for the in-adjacency. No atomics and no per-list sort.
/// Order: every neighbour list is sorted by neighbour id; parallel arcs (Duplicates::kKeepAll) keep
/// their input order, and merged weights are combined in input order.
/// Determinism: the result is identical for any thread count.
/// Time O(n + m) work per pass (3 passes for directed graphs with in-adjacency, 2 otherwise).
/// Memory: the input arrays (released after the first pass) + 4 bytes per arc (+4 with weights) of
/// scratch + per-thread counters (at most 8 x 4 bytes per vertex, limited to about half a byte per
/// arc) on top of the result.
#include <optional>

#include "engine/csr_graph.hpp"
#include "engine/edge_list.hpp"

namespace peerscout {

/// What to do with several edges between the same ordered pair (u, v) (unordered for undirected
/// graphs, where "u v" and "v u" are the same edge).
enum class Duplicates {
  kSumWeights,  ///< one edge; weight = sum (unweighted: plain merge). The default.
  kMaxWeight,   ///< one edge; weight = maximum
  kKeepFirst,   ///< one edge; weight of the first occurrence in input order
  kKeepAll,     ///< keep every parallel edge (multigraph), in input order
};

enum class SelfLoops {
  kDrop,  ///< the default: a person does not follow or befriend themselves
  kKeep,
};

struct BuildOptions {
  bool directed = true;
  bool build_in_edges = true;  ///< directed only: also store the in-adjacency (pull algorithms need it)
  Duplicates duplicates = Duplicates::kSumWeights;
  SelfLoops self_loops = SelfLoops::kDrop;
};

/// Counts reported to the user (run summary, HDF5 layer attributes).
struct BuildStats {
  EdgeIndex input_edges = 0;         ///< lines/edges handed to the builder
  EdgeIndex self_loops_dropped = 0;  ///< with SelfLoops::kDrop
  EdgeIndex duplicates_merged = 0;   ///< logical edges folded into another one
  EdgeIndex edges = 0;               ///< logical edges in the graph (CsrGraph::num_edges())
};

struct BuildResult {
  CsrGraph graph;
  BuildStats stats;
};

/// Builds the graph on vertices [0, num_vertices). Every endpoint must be < num_vertices
/// (InvalidArgument otherwise); weights, when present, must be one per edge.
BuildResult build_csr(EdgeList&& edges, VertexId num_vertices, const BuildOptions& opts = {});

/// 1 + the largest endpoint (0 for no edges): for callers without an id map.
VertexId infer_num_vertices(const EdgeList& edges);

/// The reverse graph of a directed graph (u->v becomes v->u), with in-adjacency. Undirected: a copy.
CsrGraph transpose(const CsrGraph& g);

}  // namespace peerscout
