#pragma once
/// Maximum coverage over RR sets: choose seeds that hit (cover) as many RR sets as possible.
///
/// Cardinality mode (budget <= 0): the greedy algorithm (Nemhauser, Wolsey & Fisher 1978), which
/// covers at least (1 - 1/e) of the best k-set. Implemented lazily (CELF, Leskovec et al.,
/// KDD 2007): a max-heap of (coverage count, id) whose stale entries are refreshed when they reach
/// the top; counts are maintained exactly through an inverted index (vertex -> RR sets), so the
/// lazy greedy picks exactly what the plain greedy picks: the largest current marginal coverage,
/// ties to the smallest vertex id. When every remaining candidate has zero marginal coverage the
/// remaining picks are the smallest-id eligible vertices (gain 0), so k seeds are returned whenever
/// k eligible vertices exist.
///
/// Budget mode (budget > 0, a cost > 0 per vertex): two greedy runs restricted to affordable
/// vertices (cost <= remaining budget): unit-cost greedy (largest marginal coverage) and
/// cost-benefit greedy (largest marginal coverage / cost); each stops when nothing affordable has a
/// positive marginal coverage. The one covering more sets is returned (cost-benefit on ties). The
/// better of the two covers at least (1 - 1/e)/2 of the best budget-feasible set (Khuller, Moss &
/// Naor, IPL 1999; Leskovec et al., KDD 2007, Theorem 2).
///
/// Upper bound (OPIM-C, Tang et al. SIGMOD 2018, Section 4.2 "tighter bound"): for every greedy
/// prefix S_i, cov(S_i) + (sum of the k largest marginal coverages w.r.t. S_i) bounds the best
/// k-set's coverage by submodularity; the minimum over i = 0..k (and cov(S_k)/(1-1/e)) is reported.
/// Budget mode: min(cov/((1-1/e)/2), fractional-knapsack bound on the singleton coverages).
///
/// Determinism: integer counts, fixed tie rules; the inverted index is filled in parallel with
/// atomic cursors (its list order varies, the counts and therefore the result do not).
/// Complexity: O(total members) to build the index and to run the greedy, plus O(log n) per heap
/// operation; the index costs 4 bytes per member + 8 bytes per vertex.
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/influence/rr_sets.hpp"
#include "engine/run_context.hpp"

namespace peerscout::influence {

struct CoverageOptions {
  std::size_t k = 50;                   ///< cardinality mode: number of seeds
  std::vector<std::uint8_t> eligible = {};  ///< empty = every vertex may be chosen; else flag per vertex
  std::vector<double> cost = {};        ///< budget mode: cost per vertex (> 0, finite)
  double budget = 0.0;                  ///< > 0 selects budget mode
  bool upper_bound = false;             ///< compute CoverageResult::upper_bound
};

struct CoverageResult {
  std::vector<VertexId> seeds;          ///< in selection order
  std::vector<std::uint64_t> gains;     ///< RR sets newly covered by each seed
  std::uint64_t covered = 0;            ///< RR sets covered by all seeds
  double upper_bound = 0.0;             ///< upper bound on the best feasible coverage (when asked)
  std::string rule;                     ///< "greedy", "unit-cost" or "cost-benefit"
  std::uint64_t index_bytes = 0;        ///< memory of the inverted index and flags
};

/// Greedy maximum coverage of `sets` on vertices [0, n). Sets must hold fewer than 2^32 entries
/// (InvalidArgument otherwise).
CoverageResult max_coverage(const RRSets& sets, VertexId n, const CoverageOptions& opts,
                            RunContext& ctx = RunContext::none());

/// Distributed form (docs/hpc.md): `local` holds this rank's share of the sets; the marginal counts
/// are summed over `comm` (one n-entry allreduce per call, then one scalar allreduce per lazy-heap
/// refresh). Seeds, gains, covered and upper_bound are those of the single-process call on the
/// union of all ranks' sets, on every rank; index_bytes is this rank's. Collective: every rank of
/// `comm` must call it with the same n and options.
CoverageResult max_coverage(const RRSets& local, VertexId n, const CoverageOptions& opts, const mpi::Comm& comm,
                            RunContext& ctx);

/// gains[i] = number of sets whose first member among `seeds` (in seed order) is seeds[i]: the
/// coverage each seed adds to its prefix. Sum = number of sets hit by `seeds`. Parallel, exact.
std::vector<std::uint64_t> prefix_gains(const RRSets& sets, const std::vector<VertexId>& seeds, VertexId n);
/// Distributed form: gains over the union of every rank's `local` sets (collective).
std::vector<std::uint64_t> prefix_gains(const RRSets& local, const std::vector<VertexId>& seeds, VertexId n,
                                        const mpi::Comm& comm);

/// log of the number of seed sets the union bounds must cover: ln C(candidates, k) in cardinality
/// mode; ln sum_{j <= kmax} C(candidates, j) in budget mode (kmax = most seeds that fit).
double log_num_seed_sets(std::uint64_t candidates, std::uint64_t k);
double log_num_budget_sets(std::uint64_t candidates, std::uint64_t kmax);

}  // namespace peerscout::influence
