#pragma once
/// Descriptions of the communities of a partition ("niche audiences"): structural statistics,
/// the most central members, and the dominant value of each node attribute.
///
/// describe(), per community c with vertex set C (self-loops ignored throughout, edges unweighted):
/// - size: |C|;
/// - internal_edges: number of edges {u, v} with u != v both in C;
/// - density: internal_edges / (|C| (|C| - 1) / 2), 0 for |C| = 1;
/// - conductance: cut(C) / min(vol(C), vol(V) - vol(C)), where cut(C) counts edges with one end in
///   C and vol sums degrees (without loops); 0 when the denominator is 0 (Kannan, Vempala & Vetta 2004);
/// - components: connected components of the subgraph induced by C (1 for every Leiden community);
/// - top_members: up to top_k members by PageRank (damping 0.85) of the subgraph induced by C,
///   highest first, ties by smaller id. One PageRank runs on the disjoint union of all induced
///   subgraphs: with uniform teleport, its restriction to C is proportional to C's own PageRank
///   (dangling mass is redistributed uniformly too), so the order inside C is the same.
/// Input: undirected graph (directed: InvalidArgument; symmetrize first) and a partition of its
/// vertices (canonical or not: ids must be < count). Deterministic for any thread count.
/// Complexity: O(n + m) plus one PageRank on the internal edges; memory O(n + internal edges).
///
/// profiles(): for every attribute column that is a string column, or an integer column with at
/// most kMaxProfileValues distinct values, the most frequent value in each community and its share
/// of the community's members (ties: the smallest value, by string order or numeric order). Float
/// columns and high-cardinality integer columns are skipped. Columns must have one entry per vertex
/// (InvalidArgument naming the column otherwise).
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/community/partition.hpp"
#include "engine/column.hpp"
#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::community {

inline constexpr std::size_t kMaxProfileValues = 256;

struct CommunityStats {  ///< every vector is indexed by community id (size p.count)
  std::vector<std::uint64_t> size;
  std::vector<double> internal_edges, density, conductance;
  std::vector<std::uint32_t> components;
  std::vector<std::vector<VertexId>> top_members;
};

CommunityStats describe(const CsrGraph& g, const Partition& p, std::size_t top_k = 5,
                        RunContext& ctx = RunContext::none());

struct AttributeProfile {
  std::string attribute;                    ///< column name
  std::vector<std::string> dominant_value;  ///< per community ("" for an empty community)
  std::vector<double> dominant_share;       ///< per community, in (0, 1]
};

std::vector<AttributeProfile> profiles(const Partition& p, const std::vector<NamedColumn>& attributes);

}  // namespace peerscout::community
