#include "algorithms/influence/opim.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "algorithms/influence/max_coverage.hpp"
#include "algorithms/influence/rr_sets.hpp"

namespace peerscout::influence {

namespace {

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

SeedResult opim_c(const DiffusionGraph& g, const SeedOptions& o, RunContext& ctx) {
  const double t0 = now_seconds();
  const detail::SeedProblem P = detail::prepare(g, o);
  SeedResult res;
  res.method = "opim-c";
  res.target_size = P.target;
  if (P.n == 0 || P.candidates == 0 || P.k == 0) {
    res.seconds = now_seconds() - t0;
    return res;
  }
  const double nT = static_cast<double>(P.target);
  const double ln_n = std::log(std::max<double>(P.n, 2.0));
  const double ln_inv_delta = o.ell * ln_n;  // delta = n^-ell
  const double eps = o.epsilon;
  const double gamma = P.gamma;
  const double a = std::sqrt(std::log(6.0) + ln_inv_delta);
  const double b = std::sqrt(gamma * (P.log_sets + std::log(6.0) + ln_inv_delta));
  const double base = 2.0 * (gamma * a + b) * (gamma * a + b);
  const double L = static_cast<double>(std::max<std::uint64_t>(1, P.budget ? 1 : std::min(P.k, P.eligible_audience)));
  const double theta_max = base * nT / (eps * eps * L);
  const auto theta0 = static_cast<std::uint64_t>(std::ceil(base));
  const int i_max = std::max(1, static_cast<int>(std::ceil(std::log2(theta_max / static_cast<double>(theta0)))) + 1);
  const double c = std::log(3.0 * i_max) + ln_inv_delta;

  CoverageOptions copts;
  copts.k = static_cast<std::size_t>(P.k);
  copts.eligible = P.eligible;
  copts.upper_bound = true;
  if (P.budget) {
    copts.cost = o.cost;
    copts.budget = o.budget;
  }
  const RRSampler sampler(g, o.model, o.seed, P.audience, P.eligible);
  // Under MPI each rank holds its share of R1 and R2; counts are summed over the ranks.
  const mpi::Comm& comm = ctx.comm();
  RRSets R1, R2;            // this rank's shares
  std::uint64_t have = 0;   // sets in each collection over all ranks
  std::uint64_t peak = 0;
  CoverageResult best;
  double lower = 0, upper = 0, ratio = 0;
  for (int i = 1; i <= i_max; ++i) {
    ctx.check_cancelled();
    const std::uint64_t theta = theta0 << (i - 1);
    sampler.append_share(R1, have, theta - have, comm, ctx);
    sampler.append_share(R2, kValidationIndex + have, theta - have, comm, ctx);
    have = theta;
    best = max_coverage(R1, P.n, copts, comm, ctx);
    peak = std::max<std::uint64_t>(peak, R1.memory_bytes() + R2.memory_bytes() + best.index_bytes);
    const auto gains = prefix_gains(R2, best.seeds, P.n, comm);
    std::uint64_t cov2 = 0;
    for (auto x : gains) cov2 += x;
    const double scale = nT / static_cast<double>(theta);
    const double root = std::max(0.0, std::sqrt(static_cast<double>(cov2) + 2.0 * c / 9.0) - std::sqrt(c / 2.0));
    lower = std::max(0.0, root * root - c / 18.0) * scale;
    const double up = std::sqrt(best.upper_bound + c / 2.0) + std::sqrt(c / 2.0);
    upper = up * up * scale;
    ratio = upper > 0 ? lower / upper : 0.0;
    res.marginal_gain.clear();
    for (auto x : gains) res.marginal_gain.push_back(scale * static_cast<double>(x));
    res.estimated_spread = scale * static_cast<double>(cov2);
    ctx.report("opim-c", static_cast<double>(i) / static_cast<double>(i_max));
    if (ratio >= gamma - eps) break;
  }
  res.seeds = best.seeds;
  res.selection_rule = best.rule;
  res.rr_sets = 2 * have;
  res.rr_memory_bytes = peak;
  res.approximation = ratio;
  res.opt_lower = lower;
  res.opt_upper = upper;
  if (P.budget)
    for (VertexId v : res.seeds) res.total_cost += o.cost[v];
  res.seconds = now_seconds() - t0;
  return res;
}

}  // namespace peerscout::influence
