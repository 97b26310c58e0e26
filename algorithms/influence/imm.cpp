#include "algorithms/influence/imm.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "algorithms/influence/max_coverage.hpp"
#include "algorithms/influence/rr_sets.hpp"
#include "engine/error.hpp"

namespace peerscout::influence {

namespace {

constexpr double kOneMinusInvE = 1.0 - 0.36787944117144233;
constexpr double kLn2 = 0.69314718055994531;

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

void SeedOptions::validate(VertexId n) const {
  if (budget <= 0 && k == 0) throw InvalidArgument("seed selection: k must be >= 1");
  if (!(epsilon > 0.0 && epsilon < 1.0))
    throw InvalidArgument("seed selection: epsilon must be in (0, 1), got " + std::to_string(epsilon));
  if (!(ell > 0.0 && std::isfinite(ell))) throw InvalidArgument("seed selection: ell must be > 0, got " + std::to_string(ell));
  for (VertexId v : audience)
    if (v >= n) throw InvalidArgument("seed selection: audience vertex " + std::to_string(v) + " is out of range (n = " + std::to_string(n) + ")");
  for (VertexId v : excluded)
    if (v >= n) throw InvalidArgument("seed selection: excluded vertex " + std::to_string(v) + " is out of range (n = " + std::to_string(n) + ")");
  if (!std::isfinite(budget)) throw InvalidArgument("seed selection: budget must be finite");
  if (budget > 0) {
    if (cost.size() != n)
      throw InvalidArgument("seed selection: budget mode needs one cost per vertex (" + std::to_string(n) +
                            "), got " + std::to_string(cost.size()));
    for (std::size_t v = 0; v < cost.size(); ++v)
      if (!(cost[v] > 0.0 && std::isfinite(cost[v])))
        throw InvalidArgument("seed selection: cost of vertex " + std::to_string(v) + " must be finite and > 0, got " +
                              std::to_string(cost[v]));
  }
}

namespace detail {

SeedProblem prepare(const DiffusionGraph& g, const SeedOptions& o) {
  SeedProblem p;
  p.n = g.num_vertices();
  o.validate(p.n);
  check_model(g, o.model);
  p.budget = o.budget > 0;
  p.gamma = p.budget ? kOneMinusInvE / 2.0 : kOneMinusInvE;
  p.audience = o.audience;
  std::sort(p.audience.begin(), p.audience.end());
  p.audience.erase(std::unique(p.audience.begin(), p.audience.end()), p.audience.end());
  p.target = p.audience.empty() ? p.n : p.audience.size();
  p.eligible.assign(p.n, 1);
  for (VertexId v : o.excluded) p.eligible[v] = 0;
  if (p.budget)
    for (VertexId v = 0; v < p.n; ++v)
      if (o.cost[v] > o.budget) p.eligible[v] = 0;
  for (VertexId v = 0; v < p.n; ++v) p.candidates += p.eligible[v];
  if (p.audience.empty()) {
    p.eligible_audience = p.candidates;
  } else {
    for (VertexId v : p.audience) p.eligible_audience += p.eligible[v];
  }
  if (p.budget) {
    std::vector<double> costs;
    for (VertexId v = 0; v < p.n; ++v)
      if (p.eligible[v]) costs.push_back(o.cost[v]);
    std::sort(costs.begin(), costs.end());
    double used = 0;
    for (double c : costs) {
      if (used + c > o.budget) break;
      used += c;
      ++p.k;
    }
    p.log_sets = log_num_budget_sets(p.candidates, p.k);
  } else {
    p.k = std::min<std::uint64_t>(o.k, p.candidates);
    p.log_sets = log_num_seed_sets(p.candidates, p.k);
  }
  return p;
}

}  // namespace detail

SeedResult imm(const DiffusionGraph& g, const SeedOptions& o, RunContext& ctx) {
  const double t0 = now_seconds();
  const detail::SeedProblem P = detail::prepare(g, o);
  SeedResult res;
  res.method = "imm";
  res.target_size = P.target;
  if (P.n == 0 || P.candidates == 0 || P.k == 0) {
    res.seconds = now_seconds() - t0;
    return res;
  }
  const double nT = static_cast<double>(P.target);
  const double ln_n = std::log(std::max<double>(P.n, 2.0));
  const double eps = o.epsilon;
  const double gamma = P.gamma;
  auto lambda_star = [&](double l) {
    const double a = std::sqrt(l * ln_n + kLn2);
    const double b = std::sqrt(gamma * (P.log_sets + l * ln_n + kLn2));
    return 2.0 * nT * (gamma * a + b) * (gamma * a + b) / (eps * eps);
  };
  double ell = o.ell + kLn2 / ln_n;
  if (o.imm_fix == ImmFix::kRaiseEll) {
    // Smallest gamma' (to 0.01) with ceil(lambda*(l + gamma')) + ceil(log2 n_T) <= n^gamma'.
    const double rounds = std::ceil(std::log2(std::max(nT, 2.0)));
    auto ok = [&](double gp) { return std::log(std::ceil(lambda_star(ell + gp)) + rounds) <= gp * ln_n; };
    double lo = 0.0, hi = 1.0;
    while (!ok(hi)) {
      lo = hi;
      hi *= 2.0;
    }
    while (hi - lo > 0.01) {
      const double mid = 0.5 * (lo + hi);
      (ok(mid) ? hi : lo) = mid;
    }
    ell += hi;
  }
  res.effective_ell = ell;

  CoverageOptions copts;
  copts.k = static_cast<std::size_t>(P.k);
  copts.eligible = P.eligible;
  if (P.budget) {
    copts.cost = o.cost;
    copts.budget = o.budget;
  }
  const RRSampler sampler(g, o.model, o.seed, P.audience, P.eligible);
  // Under MPI (ctx.comm() of size > 1) each rank holds its share of every index range and the
  // coverage counts are summed over the ranks: the result equals the single-process one.
  const mpi::Comm& comm = ctx.comm();
  RRSets R;              // this rank's RR sets
  std::uint64_t have = 0;  // RR sets in R over all ranks
  std::uint64_t peak = 0;
  auto note_memory = [&](const RRSets& rr, const CoverageResult& c) {
    peak = std::max<std::uint64_t>(peak, rr.memory_bytes() + c.index_bytes);
  };

  // Phase 1: a lower bound of OPT.
  double LB = 1.0;
  {
    auto phase = ctx.phase("imm: sampling");
    const double eps1 = std::sqrt(2.0) * eps;
    const double lambda1 = (2.0 + 2.0 * eps1 / 3.0) *
                           (P.log_sets + ell * ln_n + std::log(std::max(1.0, std::log2(nT)))) * nT / (eps1 * eps1);
    const int rounds = static_cast<int>(std::floor(std::log2(nT))) - 1;
    for (int i = 1; i <= rounds; ++i) {
      ctx.check_cancelled();
      const double x = nT / std::ldexp(1.0, i);
      const auto theta_i = static_cast<std::uint64_t>(std::ceil(lambda1 / x));
      if (have < theta_i) {
        sampler.append_share(R, have, theta_i - have, comm, ctx);
        have = theta_i;
      }
      const CoverageResult c = max_coverage(R, P.n, copts, comm, ctx);
      note_memory(R, c);
      const double est = nT * static_cast<double>(c.covered) / static_cast<double>(have);
      ctx.report("imm", static_cast<double>(i) / static_cast<double>(rounds + 1));
      if (est >= (1.0 + eps1) * x) {
        LB = est / (1.0 + eps1);
        break;
      }
    }
  }
  res.opt_lower = LB;

  // Phase 2: theta = lambda* / LB RR sets, then the greedy.
  auto phase = ctx.phase("imm: selection");
  ctx.check_cancelled();
  const auto theta = static_cast<std::uint64_t>(std::ceil(lambda_star(ell) / LB));
  std::uint64_t generated = have;
  if (o.imm_fix == ImmFix::kRegenerate) {
    R = RRSets();  // releases the phase-1 sets
    sampler.append_share(R, kFreshIndex, theta, comm, ctx);
    have = theta;
    generated += theta;
  } else if (have < theta) {
    generated += theta - have;
    sampler.append_share(R, have, theta - have, comm, ctx);
    have = theta;
  }
  const CoverageResult c = max_coverage(R, P.n, copts, comm, ctx);
  note_memory(R, c);
  const double scale = nT / static_cast<double>(have);
  res.seeds = c.seeds;
  res.selection_rule = c.rule;
  for (std::uint64_t gain : c.gains) res.marginal_gain.push_back(scale * static_cast<double>(gain));
  res.estimated_spread = scale * static_cast<double>(c.covered);
  res.rr_sets = generated;
  res.rr_memory_bytes = peak;
  res.approximation = P.eligible_audience > 0 ? std::max(0.0, gamma - eps) : 0.0;
  if (P.budget)
    for (VertexId v : res.seeds) res.total_cost += o.cost[v];
  ctx.report("imm", 1.0);
  res.seconds = now_seconds() - t0;
  return res;
}

}  // namespace peerscout::influence
