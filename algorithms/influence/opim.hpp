#pragma once
/// Influence maximization with OPIM-C (J. Tang, X. Tang, X. Xiao & J. Yuan, "Online Processing
/// Algorithms for Influence Maximization", SIGMOD 2018), reporting the approximation ratio it
/// actually certifies. Same problem, options and result as imm() (imm.hpp).
///
/// Method. Two independent collections of RR sets: R1 (indices 0, 1, ...) selects the seeds by the
/// greedy (max_coverage.hpp), R2 (indices from kValidationIndex) validates them. Starting from
/// theta_0 = 2 (g a + b)^2 sets each, with a = sqrt(ln(6/delta)), b = sqrt(g (ln N + ln(6/delta))),
/// delta = n^-ell, the collections are doubled until
///     sigma_lower(S) / OPT_upper >= g - eps,
/// or until they reach theta_max = 2 n_T (g a + b)^2 / (eps^2 L) (L = min(k, eligible audience
/// members) <= OPT, at least 1), where with c = ln(3 i_max / delta):
///     sigma_lower(S) = ((sqrt(Cov2(S) + 2c/9) - sqrt(c/2))^2 - c/18) * n_T / theta    (Cov2 on R2)
///     OPT_upper      = (sqrt(Cov1_upper + c/2) + sqrt(c/2))^2 * n_T / theta
/// and Cov1_upper is the "tighter" submodular upper bound of the best coverage in R1 (minimum over
/// the greedy prefixes of coverage + sum of the k largest marginal coverages; max_coverage.hpp).
/// i_max = ceil(log2(theta_max / theta_0)) + 1, so the last round has at least theta_max sets
/// (the paper's i_max without the + 1 can stop at theta_max / 2; the extra round is the safe
/// choice and only runs when the certificate was not reached earlier). g = 1 - 1/e, or (1 - 1/e)/2
/// in budget mode (best of unit-cost and cost-benefit greedy).
///
/// Guarantee. With probability >= 1 - delta the returned ratio holds: sigma_T(S) >= approximation
/// * OPT; the ratio is >= g - eps whenever OPT >= L (always true for L as above when audience
/// members are eligible). estimated_spread and marginal_gain are unbiased estimates from R2 (which
/// played no part in the selection). Reference implementation: github.com/tangj90/OPIM.
///
/// Determinism and memory as for imm(): identical results for any thread count; rr_sets counts
/// both collections.
#include "algorithms/influence/imm.hpp"

namespace peerscout::influence {

SeedResult opim_c(const DiffusionGraph& g, const SeedOptions& opts, RunContext& ctx = RunContext::none());

}  // namespace peerscout::influence
