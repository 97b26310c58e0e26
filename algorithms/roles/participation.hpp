#pragma once
/// Within-community measures of every vertex, given a partition into communities: the
/// within-module degree z-score and the participation coefficient of Guimera & Amaral, the ties of
/// a vertex per community, and a community-local PageRank.
///
/// Reference: R. Guimera & L. A. N. Amaral, "Functional cartography of complex metabolic
/// networks", Nature 433:895-900 (2005), and its Supplementary Information (roles R1-R7: see
/// classify.hpp). The same definitions are in the Brain Connectivity Toolbox
/// (module_degree_zscore.m, participation_coef.m; Rubinov & Sporns, NeuroImage 52, 2010).
///
/// Definitions. Let s_i be the community of vertex i and k_is the number of ties between i and
/// members of community s (the "tie weight" when weights are used). Self-loops are ignored
/// everywhere (a person is not their own audience).
///   k_i   = sum_s k_is                                   total degree (strength) of i
///   kappa_i = k_{i s_i}                                  ties inside i's own community
///   z_i   = (kappa_i - mean_{j in s_i} kappa_j) / sd_{j in s_i}(kappa_j)
///           the within-module degree z-score; the mean and the standard deviation run over the
///           members of i's community (population sd, dividing by |s_i|; `sample_sd` divides by
///           |s_i| - 1 like MATLAB's std in the BCT). z_i = 0 when the sd is 0 (every member has the
///           same kappa, e.g. a community of one).
///   P_i   = 1 - sum_s (k_is / k_i)^2                     the participation coefficient, in
///           [0, 1 - 1/N_C]; 0 when all ties stay in one community, near 1 when they are spread
///           evenly over many; P_i = 0 when k_i = 0.
/// Undirected graphs: k_is counts the edges {i, j} with j in s (parallel edges count once each).
/// Weighted variant (use_weights on a weighted graph): k_is is the sum of the weights of those
/// edges; z and P are then computed from strengths exactly as above (the BCT's weighted versions).
/// Directed graphs: TieDirection chooses the ties of i: kIn = arcs j -> i (on the follows layer:
/// followers, so kappa_i counts followers from i's own community, the "local audience"), kOut =
/// arcs i -> j (the people i follows), kAll = both (an arc in each direction counts twice, as in
/// the directed BCT version with both flags summed and as core_numbers' kAll).
///
/// Determinism. Per vertex, k_is is summed in CSR order (out-arcs, then in-arcs for kAll) and
/// the squares are summed in increasing community id, whichever of the two internal strategies
/// runs (a per-thread table of the community ids when there are at most `dense_limit`
/// communities, sorting the neighbours' community ids otherwise); community means and sds are
/// two serial passes over the vertices in id order. Results are bit-identical for any thread
/// count and either strategy.
/// Complexity. O(n + m log dmax) time (each vertex sorts the distinct communities of its ties);
/// memory O(n) for the result plus, per thread, 16 bytes per community (table) or O(dmax)
/// (sorting). See docs/roles.md.
#include <cstdint>
#include <span>
#include <vector>

#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::roles {

/// Which arcs of a directed graph are the ties of a vertex (ignored for undirected graphs).
enum class TieDirection {
  kAll,  ///< in-arcs + out-arcs
  kIn,   ///< arcs j -> i (followers)
  kOut,  ///< arcs i -> j (followees)
};

struct ParticipationOptions {
  TieDirection direction = TieDirection::kAll;
  /// Weighted variant on weighted graphs (weights must be finite and >= 0). Ignored on unweighted
  /// graphs.
  bool use_weights = false;
  /// Standard deviation with |s| - 1 (sample) instead of |s| (population, the default).
  bool sample_sd = false;
  /// A community counts in ParticipationResult::communities_reached when the vertex has at least
  /// this many ties (edges / arcs, whatever their weight) to its members; >= 1.
  std::uint32_t min_ties = 3;
  /// Strategy switch (results are identical): per-thread table (16 bytes per community per thread)
  /// up to this many communities, per-vertex sorting above.
  std::uint32_t dense_limit = std::uint32_t{1} << 20;

  void validate() const;  ///< throws InvalidArgument naming the field
};

struct ParticipationResult {
  std::vector<double> degree;         ///< k_i per vertex (ties or strength, loops excluded)
  std::vector<double> within;         ///< kappa_i per vertex: ties inside its own community
  std::vector<double> z;              ///< within-module degree z-score per vertex
  std::vector<double> participation;  ///< P_i per vertex, in [0, 1)
  /// Number of communities s (own included) holding at least min_ties of the vertex's ties (counted
  /// as edges, also in the weighted variant), per vertex.
  std::vector<std::uint32_t> communities_reached;
  std::vector<double> community_mean;  ///< per community id: mean of kappa over its members (0 if empty)
  std::vector<double> community_sd;    ///< per community id: sd of kappa over its members (0 if empty)
  std::uint32_t num_communities = 0;   ///< 1 + the largest community id (0 for the null graph)
};

/// Guimera-Amaral measures of every vertex. `membership` has one community id per vertex (any ids
/// below num_vertices, e.g. a canonical community::Partition). Throws InvalidArgument for a size
/// mismatch, an id >= num_vertices, bad options, a directed graph without in-adjacency (kIn, kAll)
/// or a negative / non-finite weight (weighted variant). Calls ctx.check_cancelled() between phases.
ParticipationResult participation(const CsrGraph& g, const std::vector<std::uint32_t>& membership,
                                  const ParticipationOptions& opts = {}, RunContext& ctx = RunContext::none());

/// Ties of one vertex per community.
struct CommunityTies {
  std::uint32_t community = 0;
  double ties = 0;          ///< k_is (count, or weight in the weighted variant)
  std::uint64_t edges = 0;  ///< number of ties (edges / arcs) behind it
  friend bool operator==(const CommunityTies&, const CommunityTies&) = default;
};

/// k_is of vertex v for every community s with at least one tie (weight-0 ties included), sorted
/// by ties (descending), then edges (descending), then community id. Same conventions (direction,
/// weights, loops) as participation(). Only v's own arcs are read and checked (membership length,
/// the neighbours' community ids, the weights of v's arcs), so it is cheap to call for a few
/// people of a huge graph: O(d_v log d_v). Throws InvalidArgument as participation().
std::vector<CommunityTies> community_ties(const CsrGraph& g, std::span<const std::uint32_t> membership, VertexId v,
                                          const ParticipationOptions& opts = {});

struct LocalPageRankOptions {
  double damping = 0.85;    ///< in [0, 1)
  double tolerance = 1e-10; ///< as centrality::PageRankOptions
  int max_iterations = 1000;
  bool use_weights = true;  ///< follow weights on weighted graphs
};

/// Community-local PageRank: the PageRank of each community's induced subgraph (only arcs between
/// two members of the same community; self-loops dropped), computed on its own, then scaled so that
/// the mean over the community's members is 1 (value 5 = five times the community's average member;
/// a community of one gets 1). Directed graphs follow the arc direction (on the follows layer,
/// attention flows to the followed person). One PageRank runs on the disjoint union of the induced
/// subgraphs: with uniform teleport its restriction to a community is proportional to that
/// community's own PageRank (both solve x = d M_C x + c 1_C), so the scaled values are the same.
/// Time: one PageRank (centrality::pagerank) on the internal arcs, O(iterations * (n + m)).
/// Identical for any thread count.
std::vector<double> local_pagerank(const CsrGraph& g, const std::vector<std::uint32_t>& membership,
                                   const LocalPageRankOptions& opts = {}, RunContext& ctx = RunContext::none());

}  // namespace peerscout::roles
