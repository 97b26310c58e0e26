#include "algorithms/influence/spread.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numbers>
#include <string>

#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "engine/random.hpp"

namespace peerscout::influence {

namespace {

constexpr std::uint64_t kGolden = 0x9e3779b97f4a7c15ULL;

inline double stream_u01(std::uint64_t base, std::uint64_t t) noexcept {
  return static_cast<double>(mix64(base + (t + 1) * kGolden) >> 11) * 0x1.0p-53;
}

struct SimScratch {
  explicit SimScratch(VertexId n) : active(n, 0), choice_tag(n, 0), choice(n, kNoVertex) {}
  std::vector<std::uint32_t> active;
  std::vector<std::uint32_t> choice_tag;
  std::vector<VertexId> choice;
  std::uint32_t tag = 0;
  std::vector<VertexId> queue;
  void next() {
    if (++tag == 0) {
      std::fill(active.begin(), active.end(), 0U);
      std::fill(choice_tag.begin(), choice_tag.end(), 0U);
      tag = 1;
    }
  }
};

// LT: the sender u listens to in world `base` (kNoVertex = none).
VertexId lt_choice(const DiffusionGraph& g, VertexId u, std::uint64_t base, SimScratch& s) {
  if (s.choice_tag[u] == s.tag) return s.choice[u];
  const double r = stream_u01(base, g.num_arcs() + u);
  const auto src = g.senders(u);
  const auto ps = g.sender_probabilities(u);
  VertexId pick = kNoVertex;
  double acc = 0.0;
  for (std::size_t j = 0; j < src.size(); ++j) {
    acc += static_cast<double>(ps[j]);
    if (r < acc) {
      pick = src[j];
      break;
    }
  }
  s.choice_tag[u] = s.tag;
  s.choice[u] = pick;
  return pick;
}

// Runs world j for the seed prefixes; counts[i] = target vertices reached by seeds[0..i].
// With `final_only`, only the last count is written (counts[0]).
void simulate(const DiffusionGraph& g, Model model, const std::vector<VertexId>& seeds, const std::uint8_t* target,
              std::uint64_t base, SimScratch& s, std::uint32_t* counts, bool final_only) {
  s.next();
  s.queue.clear();
  std::uint32_t reached = 0;
  std::size_t head = 0;
  const auto activate = [&](VertexId v) {
    s.active[v] = s.tag;
    s.queue.push_back(v);
    if (target == nullptr || target[v] != 0) ++reached;
  };
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    if (s.active[seeds[i]] != s.tag) activate(seeds[i]);
    for (; head < s.queue.size(); ++head) {
      const VertexId v = s.queue[head];
      const auto dst = g.receivers(v);
      if (model == Model::kIndependentCascade) {
        const auto ps = g.receiver_probabilities(v);
        const EdgeIndex first = g.first_forward_arc(v);
        for (std::size_t j = 0; j < dst.size(); ++j) {
          const VertexId u = dst[j];
          if (s.active[u] == s.tag) continue;
          if (stream_u01(base, first + j) < static_cast<double>(ps[j])) activate(u);
        }
      } else {
        for (VertexId u : dst) {
          if (s.active[u] == s.tag) continue;
          if (lt_choice(g, u, base, s) == v) activate(u);
        }
      }
    }
    if (!final_only) counts[i] = reached;
  }
  if (final_only) counts[0] = reached;
}

struct Sums {
  Uint128 sum = 0, sum_sq = 0;
};

// Distributed runs: every rank simulated its share of the worlds; add the exact 128-bit sums of
// all ranks (as 64-bit halves, gathered and added on every rank).
void combine(std::vector<Sums>& sums, const mpi::Comm& comm) {
  if (!comm.distributed()) return;
  std::vector<std::uint64_t> mine;
  mine.reserve(4 * sums.size());
  for (const auto& x : sums)
    for (Uint128 y : {x.sum, x.sum_sq}) {
      mine.push_back(static_cast<std::uint64_t>(y));
      mine.push_back(static_cast<std::uint64_t>(y >> 64));
    }
  const auto all = comm.allgatherv(std::span<const std::uint64_t>(mine));
  for (auto& x : sums) x = Sums{};
  for (std::size_t base = 0; base < all.size(); base += mine.size())
    for (std::size_t i = 0; i < sums.size(); ++i) {
      const std::uint64_t* p = all.data() + base + 4 * i;
      sums[i].sum += (static_cast<Uint128>(p[1]) << 64) | p[0];
      sums[i].sum_sq += (static_cast<Uint128>(p[3]) << 64) | p[2];
    }
}

SpreadEstimate finish(const Sums& s, std::uint64_t n, double z) {
  SpreadEstimate e;
  e.simulations = n;
  const auto N = static_cast<long double>(n);
  e.mean = static_cast<double>(static_cast<long double>(s.sum) / N);
  if (n >= 2) {
    // (N * sum_sq - sum^2) / (N (N - 1)), numerator exact in 128 bits.
    const Uint128 num = s.sum_sq * n - s.sum * s.sum;
    const long double var = static_cast<long double>(num) / (N * (N - 1.0L));
    e.stddev = static_cast<double>(std::sqrt(var));
  }
  const double half = z * e.stddev / std::sqrt(static_cast<double>(n));
  e.ci_low = e.mean - half;
  e.ci_high = e.mean + half;
  return e;
}

std::vector<SpreadEstimate> run(const DiffusionGraph& g, const std::vector<VertexId>& seeds, const SpreadOptions& o,
                                bool final_only, RunContext& ctx) {
  const VertexId n = g.num_vertices();
  if (o.simulations == 0) throw InvalidArgument("monte_carlo_spread: simulations must be >= 1");
  if (!(o.confidence > 0.0 && o.confidence < 1.0))
    throw InvalidArgument("monte_carlo_spread: confidence must be in (0, 1), got " + std::to_string(o.confidence));
  for (VertexId v : seeds)
    if (v >= n) throw InvalidArgument("monte_carlo_spread: seed " + std::to_string(v) + " is out of range (n = " + std::to_string(n) + ")");
  std::vector<std::uint8_t> target;
  if (!o.audience.empty()) {
    target.assign(n, 0);
    for (VertexId v : o.audience) {
      if (v >= n) throw InvalidArgument("monte_carlo_spread: audience vertex " + std::to_string(v) + " is out of range (n = " + std::to_string(n) + ")");
      target[v] = 1;
    }
  }
  check_model(g, o.model);
  const std::size_t width = final_only ? 1 : seeds.size();
  const double z = normal_quantile(0.5 + o.confidence / 2.0);
  std::vector<Sums> sums(width);
  if (seeds.empty()) return {};
  const auto sims = static_cast<std::int64_t>(o.simulations);
  // Under MPI each rank runs its share of the worlds (world j is keyed by j, not by the rank).
  const auto [share_lo, share_hi] = ctx.comm().share(0, o.simulations);
  const auto jlo = static_cast<std::int64_t>(share_lo), jhi = static_cast<std::int64_t>(share_hi);
  std::atomic<bool> stop{false};
  const std::uint8_t* tp = target.empty() ? nullptr : target.data();
#pragma omp parallel if (sims > 1)
  {
    SimScratch s(n);
    std::vector<std::uint32_t> counts(width);
    std::vector<Sums> local(width);
#pragma omp for schedule(dynamic, 8)
    for (std::int64_t j = jlo; j < jhi; ++j) {
      if (stop.load(std::memory_order_relaxed) || ctx.cancelled()) {
        stop.store(true, std::memory_order_relaxed);
        continue;
      }
      const std::uint64_t base = hash_item(o.seed, Stream::kSimulation, static_cast<std::uint64_t>(j));
      simulate(g, o.model, seeds, tp, base, s, counts.data(), final_only);
      for (std::size_t i = 0; i < width; ++i) {
        local[i].sum += counts[i];
        local[i].sum_sq += static_cast<Uint128>(counts[i]) * counts[i];
      }
    }
#pragma omp critical(peerscout_spread_sums)
    for (std::size_t i = 0; i < width; ++i) {  // integer sums: any order gives the same result
      sums[i].sum += local[i].sum;
      sums[i].sum_sq += local[i].sum_sq;
    }
  }
  ctx.check_cancelled();
  combine(sums, ctx.comm());
  std::vector<SpreadEstimate> out;
  out.reserve(width);
  for (const auto& s : sums) out.push_back(finish(s, o.simulations, z));
  return out;
}

}  // namespace

double normal_quantile(double p) {
  if (!(p > 0.0 && p < 1.0)) throw InvalidArgument("normal_quantile: p must be in (0, 1)");
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01,  -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  const double plow = 0.02425;
  double x = 0;
  if (p < plow) {
    const double q = std::sqrt(-2.0 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  } else if (p <= 1.0 - plow) {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  } else {
    const double q = std::sqrt(-2.0 * std::log(1.0 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  // One Halley step on Phi(x) - p.
  const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
  const double u = e * std::sqrt(2.0 * std::numbers::pi) * std::exp(x * x / 2.0);
  return x - u / (1.0 + x * u / 2.0);
}

SpreadEstimate monte_carlo_spread(const DiffusionGraph& g, const std::vector<VertexId>& seeds, const SpreadOptions& o,
                                  RunContext& ctx) {
  auto r = run(g, seeds, o, true, ctx);
  if (r.empty()) {
    SpreadEstimate e;
    e.simulations = o.simulations;
    return e;
  }
  return r[0];
}

std::vector<SpreadEstimate> spread_curve(const DiffusionGraph& g, const std::vector<VertexId>& seeds,
                                         const SpreadOptions& o, RunContext& ctx) {
  return run(g, seeds, o, false, ctx);
}

}  // namespace peerscout::influence
