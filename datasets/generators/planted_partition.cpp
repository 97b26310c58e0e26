#include "datasets/generators/planted_partition.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "engine/random.hpp"

namespace peerscout::datasets {

namespace {

[[noreturn]] void bad(const std::string& msg) { throw InvalidArgument("planted_partition: " + msg); }

// Inverse CDF of the continuous power law x^-g on [lo, hi].
double power_law(double u, double lo, double hi, double g) {
  if (std::abs(g - 1.0) < 1e-12) return lo * std::pow(hi / lo, u);
  const double a = std::pow(lo, 1.0 - g), b = std::pow(hi, 1.0 - g);
  return std::pow(a + u * (b - a), 1.0 / (1.0 - g));
}

double power_law_mean(double lo, double hi, double g) {
  if (hi <= lo) return lo;
  if (std::abs(g - 2.0) < 1e-9) return std::log(hi / lo) / (1.0 / lo - 1.0 / hi);
  if (std::abs(g - 1.0) < 1e-9) return (hi - lo) / std::log(hi / lo);
  return (1.0 - g) / (2.0 - g) * (std::pow(hi, 2.0 - g) - std::pow(lo, 2.0 - g)) /
         (std::pow(hi, 1.0 - g) - std::pow(lo, 1.0 - g));
}

// Index i with cum[i] <= x < cum[i+1] (cum[0] = 0, increasing).
std::size_t pick(const double* cum, std::size_t count, double x) {
  const double* it = std::upper_bound(cum, cum + count + 1, x);
  std::size_t i = static_cast<std::size_t>(it - cum);
  i = i == 0 ? 0 : i - 1;
  return std::min(i, count - 1);
}

constexpr std::uint64_t kEdgeBlock = 4096;

}  // namespace

void PlantedPartitionOptions::validate() const {
  if (n < 2) bad("n must be >= 2, got " + std::to_string(n));
  if (communities > n / 2) bad("communities must be at most n / 2 = " + std::to_string(n / 2) + ", got " + std::to_string(communities));
  if (!(average_degree > 0.0) || !(average_degree < static_cast<double>(n) - 1.0))
    bad("average_degree must be in (0, n - 1), got " + std::to_string(average_degree));
  if (!(mu >= 0.0 && mu <= 1.0)) bad("mu must be in [0, 1], got " + std::to_string(mu));
  if (!(degree_exponent > 1.0) || !std::isfinite(degree_exponent))
    bad("degree_exponent must be > 1, got " + std::to_string(degree_exponent));
  if (!(size_exponent > 1.0) || !std::isfinite(size_exponent))
    bad("size_exponent must be > 1, got " + std::to_string(size_exponent));
}

PlantedPartition planted_partition(const PlantedPartitionOptions& o, RunContext& ctx) {
  o.validate();
  ctx.check_cancelled();
  auto phase = ctx.phase("planted_partition");
  const VertexId n = o.n;
  const auto nn = static_cast<std::int64_t>(n);
  Rng serial = Rng::for_item(o.seed, Stream::kGenerator, 0, 0);

  // 1. sizes
  std::vector<std::uint32_t> sizes;
  if (o.communities > 0) {
    for (std::uint32_t c = 0; c < o.communities; ++c) sizes.push_back(n / o.communities + (c < n % o.communities ? 1 : 0));
  } else {
    const double s_min = std::max(10.0, std::ceil(o.average_degree));
    const double s_max = std::max(2.0 * s_min, std::min(static_cast<double>(n) / 10.0, 50.0 * s_min));
    std::uint64_t total = 0;
    while (total < n) {
      auto s = static_cast<std::uint64_t>(std::llround(power_law(serial.uniform01(), s_min, s_max, o.size_exponent)));
      s = std::max<std::uint64_t>(1, std::min<std::uint64_t>(s, n - total));
      sizes.push_back(static_cast<std::uint32_t>(s));
      total += s;
    }
    if (sizes.size() > 1 && sizes.back() < s_min) {
      sizes[sizes.size() - 2] += sizes.back();
      sizes.pop_back();
    }
  }
  const auto k = static_cast<std::uint32_t>(sizes.size());

  // 2. membership: permutation cut into blocks; members grouped by community.
  std::vector<VertexId> perm(n);
  std::iota(perm.begin(), perm.end(), 0u);
  shuffle(perm.begin(), perm.end(), serial);
  PlantedPartition out;
  out.membership.resize(n);
  std::vector<std::uint64_t> cstart(static_cast<std::size_t>(k) + 1, 0);
  for (std::uint32_t c = 0; c < k; ++c) cstart[c + 1] = cstart[c] + sizes[c];
  for (std::uint32_t c = 0; c < k; ++c)
    for (std::uint64_t i = cstart[c]; i < cstart[c + 1]; ++i) out.membership[perm[i]] = c;

  // 3. degrees
  const double k_max = std::min(static_cast<double>(n) - 1.0, 10.0 * o.average_degree);
  double lo = 1e-6, hi = std::min(o.average_degree, k_max);
  for (int it = 0; it < 200; ++it) {  // mean is increasing in k_min
    const double mid = 0.5 * (lo + hi);
    if (power_law_mean(mid, k_max, o.degree_exponent) < o.average_degree) lo = mid; else hi = mid;
  }
  const double k_min = 0.5 * (lo + hi);
  // Internal / external weights in permutation order (members of a community are contiguous).
  std::vector<double> cum_in(static_cast<std::size_t>(n) + 1, 0.0), w_out(n, 0.0);
  std::vector<double> w_in(n, 0.0);
#pragma omp parallel for schedule(static) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto v = static_cast<VertexId>(i);
    Rng r = Rng::for_item(o.seed, Stream::kGenerator, v, 1);
    const double kv = power_law(r.uniform01(), k_min, k_max, o.degree_exponent);
    const double cap = static_cast<double>(sizes[out.membership[v]]) - 1.0;
    const double in = std::min((1.0 - o.mu) * kv, cap);
    w_in[v] = in;
    w_out[v] = kv - in;
  }
  for (VertexId i = 0; i < n; ++i) cum_in[i + 1] = cum_in[i] + w_in[perm[i]];
  std::vector<double> cum_out(static_cast<std::size_t>(n) + 1, 0.0);
  for (VertexId v = 0; v < n; ++v) cum_out[v + 1] = cum_out[v] + w_out[v];

  // 4. edge counts
  std::vector<std::uint64_t> eoff(static_cast<std::size_t>(k) + 1, 0);
  for (std::uint32_t c = 0; c < k; ++c) {
    const double s = cum_in[cstart[c + 1]] - cum_in[cstart[c]];
    const auto e = sizes[c] >= 2 ? static_cast<std::uint64_t>(std::llround(s / 2.0)) : 0;
    eoff[c + 1] = eoff[c] + e;
  }
  const std::uint64_t m_in = eoff[k];
  const std::uint64_t m_out = static_cast<std::uint64_t>(std::llround(cum_out[n] / 2.0));
  const std::uint64_t m = m_in + m_out;
  ctx.check_cancelled();
  out.graph.num_vertices = n;
  out.graph.edges.src.resize(m);
  out.graph.edges.dst.resize(m);
  const auto blocks = static_cast<std::int64_t>((m + kEdgeBlock - 1) / kEdgeBlock);
#pragma omp parallel for schedule(dynamic, 4) if (blocks > 1)
  for (std::int64_t b = 0; b < blocks; ++b) {
    Rng r = Rng::for_item(o.seed, Stream::kGenerator, static_cast<std::uint64_t>(b), 2);
    const std::uint64_t first = static_cast<std::uint64_t>(b) * kEdgeBlock;
    const std::uint64_t last = std::min(m, first + kEdgeBlock);
    std::uint32_t c = 0;
    if (first < m_in) c = static_cast<std::uint32_t>(std::upper_bound(eoff.begin(), eoff.end(), first) - eoff.begin() - 1);
    for (std::uint64_t e = first; e < last; ++e) {
      VertexId u = 0, v = 0;
      if (e < m_in) {
        while (eoff[c + 1] <= e) ++c;
        const double* cum = cum_in.data() + cstart[c];
        const std::size_t cnt = sizes[c];
        const double base = cum[0], span = cum[cnt] - base;
        auto draw = [&] { return perm[cstart[c] + pick(cum, cnt, base + r.uniform01() * span)]; };
        u = draw();
        v = draw();
        for (int t = 0; t < 16 && v == u; ++t) v = draw();
      } else {
        const double span = cum_out[n];
        auto draw = [&] { return static_cast<VertexId>(pick(cum_out.data(), n, r.uniform01() * span)); };
        u = draw();
        v = draw();
        for (int t = 0; t < 16 && (v == u || out.membership[v] == out.membership[u]); ++t) v = draw();
      }
      out.graph.edges.src[e] = u;
      out.graph.edges.dst[e] = v;
    }
  }
  return out;
}

}  // namespace peerscout::datasets
