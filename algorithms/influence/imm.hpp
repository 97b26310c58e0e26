#pragma once
/// Influence maximization with IMM (Tang, Shi & Xiao, "Influence Maximization in Near-Linear Time:
/// A Martingale Approach", SIGMOD 2015), with the correction of W. Chen, "An Issue in the
/// Martingale Analysis of the Influence Maximization Algorithm IMM" (CSoNet 2018, arXiv:1808.09363).
///
/// Problem. Given the diffusion graph, a model (IC or LT) and k, find a seed set S of at most k
/// eligible vertices maximizing sigma_T(S), the expected number of activated vertices of the target
/// set T (the audience, or every vertex). Excluded vertices still relay the spread but are never
/// seeds. Budget mode: each vertex has a cost, and the seeds' total cost is at most the budget.
///
/// IMM. Phase 1 (sampling) doubles the number of RR sets (rr_sets.hpp) for x = n_T/2, n_T/4, ...
/// until the greedy coverage certifies a lower bound LB <= OPT; phase 2 uses
/// theta = lambda* / LB RR sets, lambda* = 2 n_T (g a + b)^2 / eps^2 with a = sqrt(l ln n + ln 2),
/// b = sqrt(g (ln N + l ln n + ln 2)), and returns the greedy seed set on them. Here g is the
/// approximation factor of the coverage step (1 - 1/e; (1 - 1/e)/2 in budget mode), N the number
/// of feasible seed sets (C(candidates, k); in budget mode the sets of at most kmax candidates, kmax
/// = most seeds that fit), n the number of vertices, n_T the target size, and l = ell + ln 2/ln n
/// (so that the two failure events of IMM together have probability <= n^-ell, as in the paper).
/// With probability >= 1 - n^-ell, sigma_T(S) >= (g - eps) OPT (assuming OPT >= 1, which holds when
/// an eligible, affordable audience member exists; otherwise `approximation` is reported as 0).
///
/// The correction (Chen 2018). The original proof applies a martingale bound to the final RR sets
/// as if their number theta were fixed, but theta depends on the same RR sets (reused from phase 1).
/// Two fixes from the paper are implemented (SeedOptions::imm_fix):
///   kRaiseEll (default, Chen's workaround 2): keep reusing the RR sets, but take a union bound
///     over every value the final number of RR sets can take (at most ceil(lambda*) values, since
///     LB >= 1, plus the log2 n_T phase-1 sizes): l is increased by the smallest gamma (found by
///     doubling and bisection to 0.01) with ceil(lambda*(l + gamma)) + ceil(log2 n_T) <= n^gamma.
///     Costs roughly 10-30% more RR sets for k = 50.
///   kRegenerate (workaround 1): phase 2 discards the phase-1 RR sets and draws theta fresh ones
///     (index range kFreshIndex), independent of theta.
///
/// Determinism. RR set i comes from Rng::for_item(seed, Stream::kRRSets, i); greedy ties go to the
/// smaller id: seeds, gains and RR-set counts are identical for any thread count.
/// MPI (docs/hpc.md): when ctx.comm() has several ranks, each rank samples and stores its share
/// of every RR-set index range and the greedy sums the coverage counts over the ranks; every field
/// but rr_memory_bytes (this rank's peak) and seconds equals the single-process result. Collective:
/// every rank must call it with the same arguments. Same for opim_c().
/// Complexity: O((k + l)(n + m) log n / eps^2) expected time (Tang et al.); memory: the RR sets
/// (4 bytes per member + 8 per set) plus the inverted index (4 bytes per member + 8 per vertex),
/// reported in rr_memory_bytes.
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/influence/diffusion.hpp"
#include "engine/run_context.hpp"

namespace peerscout::influence {

enum class ImmFix {
  kRaiseEll,    ///< Chen (2018), workaround 2: union bound over the possible sample sizes
  kRegenerate,  ///< Chen (2018), workaround 1: fresh RR sets for the final selection
};

struct SeedOptions {
  std::size_t k = 50;      ///< number of seeds (cardinality mode), >= 1
  double epsilon = 0.1;    ///< in (0, 1)
  double ell = 1.0;        ///< failure probability n^-ell, > 0
  Model model = Model::kIndependentCascade;
  std::uint64_t seed = 1;
  /// Targeted mode: empty = everyone; else maximize the spread INSIDE this set (RR roots sampled
  /// uniformly from it; duplicates ignored).
  std::vector<VertexId> audience = {};
  std::vector<VertexId> excluded = {};  ///< never chosen as seeds
  /// Budget mode when budget > 0: one cost > 0 per vertex; sum of chosen costs <= budget; k is
  /// then ignored.
  std::vector<double> cost = {};
  double budget = 0;
  ImmFix imm_fix = ImmFix::kRaiseEll;  ///< IMM only

  /// Throws InvalidArgument naming the field.
  void validate(VertexId num_vertices) const;
};

struct SeedResult {
  std::vector<VertexId> seeds;         ///< in selection order
  std::vector<double> marginal_gain;   ///< estimated spread (inside the target) added by each seed
  double estimated_spread = 0;         ///< estimated sigma_T(seeds)
  std::uint64_t rr_sets = 0;           ///< RR sets generated in total (all phases/collections)
  std::uint64_t rr_memory_bytes = 0;   ///< peak bytes of RR sets + inverted index
  /// IMM: g - eps (the guarantee); OPIM-C: the ratio sigma_lower(S)/OPT_upper it certified.
  double approximation = 0;
  double seconds = 0;
  std::string method;                  ///< "imm" or "opim-c"
  std::string selection_rule;          ///< "greedy", "unit-cost" or "cost-benefit"
  double total_cost = 0;               ///< budget mode: sum of the seeds' costs
  std::uint64_t target_size = 0;       ///< |audience| or n
  /// IMM: the lower bound LB of OPT from phase 1. OPIM-C: lower bound of sigma_T(seeds).
  double opt_lower = 0;
  double opt_upper = 0;                ///< OPIM-C: upper bound of OPT (0 for IMM)
  double effective_ell = 0;            ///< IMM: l after the correction
};

SeedResult imm(const DiffusionGraph& g, const SeedOptions& opts, RunContext& ctx = RunContext::none());

namespace detail {

/// What IMM and OPIM-C share: target set, candidates and the union-bound size.
struct SeedProblem {
  VertexId n = 0;
  std::vector<VertexId> audience;       ///< sorted, unique (empty = everyone)
  std::uint64_t target = 0;             ///< n_T
  std::vector<std::uint8_t> eligible;   ///< one flag per vertex
  std::uint64_t candidates = 0;         ///< eligible vertices
  std::uint64_t k = 0;                  ///< min(k, candidates), or kmax in budget mode
  double log_sets = 0;                  ///< ln N
  double gamma = 0;                     ///< 1 - 1/e, or (1 - 1/e)/2 in budget mode
  bool budget = false;
  std::uint64_t eligible_audience = 0;  ///< eligible members of the target set
};
SeedProblem prepare(const DiffusionGraph& g, const SeedOptions& o);

}  // namespace detail

}  // namespace peerscout::influence
