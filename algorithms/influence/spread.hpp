#pragma once
/// Monte Carlo estimate of the expected spread of a seed set: the independent check of IMM and
/// OPIM-C (it never reuses the RR sets that selected the seeds) and the judge between them and the
/// heuristic baselines.
///
/// World j (simulation j) is a pure function of (seed, j): with b_j = hash_item(seed,
/// Stream::kSimulation, j) and R_j(t) = mix64(b_j + (t + 1) * 0x9e3779b97f4a7c15) (the t-th output
/// of Rng::for_item(seed, Stream::kSimulation, j)),
///   IC: forward arc e (global index in the diffusion graph's forward CSR) is live iff
///       U(R_j(e)) < p(e);
///   LT: receiver u picks the first incoming arc (in senders(u) order) whose cumulative probability
///       exceeds U(R_j(m + u)), or none, where m is the number of arcs;
/// with U(x) = (x >> 11) * 2^-53. The spread of S in world j is the number of target vertices
/// reachable from S over live arcs (found by a forward BFS that reveals only the arcs it needs).
/// Because each world is fixed, the spreads of the prefixes of a seed sequence are computed in one
/// incremental BFS per world (spread_curve), and monte_carlo_spread(S) equals
/// spread_curve(S).back() exactly.
///
/// Statistics: mean, sample standard deviation and the normal-approximation confidence interval
/// mean +- z * stddev / sqrt(N), z = Phi^-1((1 + confidence) / 2). The per-world counts are summed
/// as exact integers (128-bit for the squares), so the result is identical for any thread count.
/// MPI (docs/hpc.md): with several ranks in ctx.comm(), rank r simulates its share of the worlds
/// and the exact sums are combined: the estimates equal the single-process ones (collective).
/// Time O(N * (edges examined)); memory 12 bytes per vertex per thread, 4 bytes per world and
/// prefix (curve).
#include <cstdint>
#include <vector>

#include "algorithms/influence/diffusion.hpp"
#include "engine/run_context.hpp"

namespace peerscout::influence {

struct SpreadOptions {
  std::uint64_t simulations = 10000;  ///< >= 1
  Model model = Model::kIndependentCascade;
  std::uint64_t seed = 7;
  double confidence = 0.95;           ///< in (0, 1)
  std::vector<VertexId> audience = {};  ///< count only these vertices (empty = everyone; duplicates ignored)
};

struct SpreadEstimate {
  double mean = 0, ci_low = 0, ci_high = 0, stddev = 0;
  std::uint64_t simulations = 0;
};

/// Expected number of activated (target) vertices when `seeds` start active. Duplicate seeds count
/// once. Throws InvalidArgument for ids out of range or bad options.
SpreadEstimate monte_carlo_spread(const DiffusionGraph& g, const std::vector<VertexId>& seeds,
                                  const SpreadOptions& opts = {}, RunContext& ctx = RunContext::none());

/// result[i] = the estimate for the prefix seeds[0..i] (i = 0..k-1), all from the same worlds.
std::vector<SpreadEstimate> spread_curve(const DiffusionGraph& g, const std::vector<VertexId>& seeds,
                                         const SpreadOptions& opts = {}, RunContext& ctx = RunContext::none());

/// Phi^-1(p) for p in (0, 1) (Acklam's rational approximation refined by one Halley step; about
/// 1e-15 relative error).
double normal_quantile(double p);

}  // namespace peerscout::influence
