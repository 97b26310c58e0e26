#include "algorithms/centrality/closeness.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <utility>

#include "algorithms/centrality/detail/dijkstra.hpp"
#include "algorithms/centrality/detail/ms_bfs.hpp"
#include "algorithms/centrality/detail/path_bounds.hpp"
#include "algorithms/centrality/detail/paths.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "engine/random.hpp"

namespace peerscout::centrality {

namespace {

using detail::Adjacency;
using detail::Dijkstra;
constexpr double kInf = std::numeric_limits<double>::infinity();

// Distances from u in the measured direction run along `fwd`; `bwd` is its transpose (offsets null
// when a directed graph has no in-adjacency).
struct Directions {
  Adjacency fwd, bwd;
};

Directions directions(const CsrGraph& g, bool reverse, bool weighted, const char* who) {
  if (g.directed() && reverse && !g.has_in_edges())
    throw InvalidArgument(std::string(who) +
                          ": reverse = true needs the in-adjacency of the directed graph (BuildOptions::build_in_edges)");
  Directions d;
  d.fwd = detail::adjacency(g, !reverse, weighted);
  if (!g.directed() || g.has_in_edges()) d.bwd = detail::adjacency(g, reverse, weighted);
  return d;
}

double harmonic_scale(VertexId n, bool normalized) { return normalized && n > 1 ? 1.0 / (static_cast<double>(n) - 1.0) : 1.0; }

// Exact sums per vertex: reached count r, distance sum S, inverse-distance sum H.
struct ExactSums {
  std::vector<double> r, s, h;
};

ExactSums exact_sums(const CsrGraph& g, const ClosenessOptions& opts, const char* who, RunContext& ctx) {
  const VertexId n = g.num_vertices();
  const bool weighted = opts.use_weights && g.weighted();
  if (weighted) detail::check_positive_weights(g, who);
  const Directions dir = directions(g, opts.reverse, weighted, who);
  ExactSums out;
  out.r.assign(n, 0.0);
  out.s.assign(n, 0.0);
  out.h.assign(n, 0.0);
  if (n == 0) return out;
  const auto nn = static_cast<std::int64_t>(n);
  if (!weighted) {
    // Reverse formulation: a traversal from source t pulls along fwd and adds d(u, t) at every u,
    // so after all t, u holds the sums of its own distances.
    detail::DistanceSums acc(n, false, /*levels=*/true);
    detail::MultiSourceBfs bfs(n, g.num_arcs(), dir.fwd, dir.bwd);
    std::vector<VertexId> sources(n);
    for (VertexId v = 0; v < n; ++v) sources[v] = v;
    constexpr std::size_t kChunk = 4096;
    for (std::size_t first = 0; first < n; first += kChunk) {
      bfs.run(std::span<const VertexId>(sources).subspan(first, std::min<std::size_t>(kChunk, n - first)), acc, ctx);
      ctx.report(who, static_cast<double>(std::min<std::size_t>(n, first + kChunk)) / static_cast<double>(n));
    }
    // Harmonic sums in the canonical order, sum over L = 1, 2, ... of count_L / L: the order
    // top_k_harmonic uses too, so both give bit-identical values (and identical tie-breaks).
#pragma omp parallel for schedule(static) if (nn > kParallelMin)
    for (std::int64_t i = 0; i < nn; ++i) {
      const auto v = static_cast<std::size_t>(i);
      out.r[v] = static_cast<double>(acc.reached[v]);
      out.s[v] = static_cast<double>(acc.sum[v]);
      double h = 0.0;
      for (std::size_t l = 0; l < acc.by_level.size(); ++l)
        h += static_cast<double>(acc.by_level[l][v]) / static_cast<double>(l + 1);
      out.h[v] = h;
    }
    return out;
  }
  // Weighted: one Dijkstra per vertex, each writing only its own entries.
  std::vector<std::unique_ptr<Dijkstra>> scratch(static_cast<std::size_t>(max_threads()));
  constexpr std::int64_t kStep = 1024;
  for (std::int64_t first = 0; first < nn; first += kStep) {
    ctx.check_cancelled();
    const std::int64_t last = std::min(nn, first + kStep);
#pragma omp parallel for schedule(dynamic, 1) if (g.num_arcs() > 1000)
    for (std::int64_t i = first; i < last; ++i) {
      auto& dj = scratch[static_cast<std::size_t>(omp_get_thread_num())];
      if (!dj) dj = std::make_unique<Dijkstra>(n);
      double r = 0, s = 0, h = 0;
      dj->run(dir.fwd, static_cast<VertexId>(i), [&](VertexId, double d) {
        r += 1.0;
        s += d;
        h += 1.0 / d;
        return true;
      });
      const auto v = static_cast<std::size_t>(i);
      out.r[v] = r;
      out.s[v] = s;
      out.h[v] = h;
    }
    ctx.report(who, static_cast<double>(last) / static_cast<double>(nn));
  }
  return out;
}

// ---- sampling -----------------------------------------------------------------------------------

// Half-width of a two-sided interval for the mean of k i.i.d. values in an interval of width
// `range`, with sum s and sum of squares ss, holding with probability >= 1 - delta: the empirical
// Bernstein bound (Maurer & Pontil 2009, Thm. 4) at the full delta when `bernstein_only`, else the
// tighter of it and Hoeffding's bound, each at delta / 2.
double half_width(double k, double s, double ss, double range, double delta, bool bernstein_only) {
  if (!(range > 0) || k < 1) return k < 1 ? kInf : 0.0;
  const double d = bernstein_only ? delta : delta / 2.0;
  const double hoeffding = range * std::sqrt(std::log(2.0 / d) / (2.0 * k));
  if (k < 2) return bernstein_only ? kInf : hoeffding;
  const double var = std::max(0.0, (ss - s * s / k) / (k - 1.0));
  const double l = std::log(4.0 / d);
  const double bernstein = std::sqrt(2.0 * var * l / k) + 7.0 * range * l / (3.0 * (k - 1.0));
  return bernstein_only ? bernstein : std::min(hoeffding, bernstein);
}

// An interval [lo, hi] around an estimate `est` (lo <= est <= hi).
struct Interval {
  double est, lo, hi;
};

// Interval for the mean of values known to lie in [a, b], from k samples with sum s and sum of
// squares ss (k = 0: the whole [a, b], estimate its middle).
Interval mean_interval(double k, double s, double ss, double a, double b, double delta, bool bernstein_only) {
  if (!(b > a)) return {a, a, a};
  if (k < 1) return {(a + b) / 2, a, b};
  const double m = std::clamp(s / k, a, b);
  const double hw = half_width(k, s, ss, b - a, delta, bernstein_only);
  return {m, std::max(a, m - hw), std::min(b, m + hw)};
}

// Hop distances from `root` along `a` (kFarHop when unreached) and the largest finite one.
constexpr std::uint32_t kFarHop = std::numeric_limits<std::uint32_t>::max();
std::uint32_t bfs_levels(const Adjacency& a, VertexId root, std::vector<std::uint32_t>& dist) {
  std::vector<VertexId> queue{root};
  dist[root] = 0;
  std::uint32_t last = 0;
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const VertexId v = queue[head];
    last = dist[v];
    for (EdgeIndex e = a.begin(v); e < a.end(v); ++e) {
      const VertexId w = a.targets[e];
      if (dist[w] == kFarHop) {
        dist[w] = dist[v] + 1;
        queue.push_back(w);
      }
    }
  }
  return last;
}

// Unweighted: an upper bound on the eccentricity of every vertex u along the measured direction,
// ecc(u) <= d(u, c) + ecc(c) (triangle inequality) through the highest-degree vertex c, valid when
// every vertex u reaches is also reachable from c: undirected, u in c's component; directed, u in
// c's strongly connected component (d(u, c) and d(c, u) finite). +inf elsewhere. One BFS when
// undirected, two when directed, O(n + m).
std::vector<double> ecc_through_hub(const CsrGraph& g, const Directions& dir) {
  const VertexId n = g.num_vertices();
  std::vector<double> out(n, kInf);
  if (n == 0 || (g.directed() && dir.bwd.offsets == nullptr)) return out;
  VertexId c = 0;
  for (VertexId v = 1; v < n; ++v)
    if (dir.fwd.degree(v) + (dir.bwd.offsets != nullptr ? dir.bwd.degree(v) : 0) >
        dir.fwd.degree(c) + (dir.bwd.offsets != nullptr ? dir.bwd.degree(c) : 0))
      c = v;
  std::vector<std::uint32_t> from(n, kFarHop);
  const std::uint32_t ecc = bfs_levels(dir.fwd, c, from);  // d(c, v) along the arcs; ecc(c)
  std::vector<std::uint32_t> to;
  if (g.directed()) {
    to.assign(n, kFarHop);
    bfs_levels(dir.bwd, c, to);  // d(u, c) for every u
  }
  const std::vector<std::uint32_t>& d_to = g.directed() ? to : from;
  for (VertexId u = 0; u < n; ++u)
    if (d_to[u] != kFarHop && from[u] != kFarHop) out[u] = static_cast<double>(d_to[u]) + static_cast<double>(ecc);
  return out;
}

// Per-vertex sample statistics, unweighted or weighted.
struct SampleStats {
  std::vector<double> cnt, sum, sum_sq, inv, inv_sq, nearest;  // nearest: +inf when no source reached
  std::vector<double> at_one;                                    // sources at hop distance 1 (unweighted)
  double max_ecc = 0;                                             // largest finite distance from a source
  std::vector<std::uint32_t> draws;                               // times each vertex was drawn as a source
};

class Sampler {
 public:
  Sampler(const CsrGraph& g, const Directions& dir, bool weighted, std::uint64_t seed)
      : g_(g), dir_(dir), weighted_(weighted), seed_(seed), n_(g.num_vertices()) {
    st_.cnt.assign(n_, 0.0);
    st_.sum.assign(n_, 0.0);
    st_.sum_sq.assign(n_, 0.0);
    st_.inv.assign(n_, 0.0);
    st_.inv_sq.assign(n_, 0.0);
    st_.nearest.assign(n_, kInf);
    st_.at_one.assign(n_, 0.0);
    st_.draws.assign(n_, 0);
    if (!weighted_) {
      acc_ = std::make_unique<detail::DistanceSums>(n_, true);
      // The traversal from source t runs against the measured direction: pull along fwd.
      bfs_ = std::make_unique<detail::MultiSourceBfs>(n_, g.num_arcs(), dir.fwd, dir.bwd);
    }
  }

  // Adds samples [first, last).
  void add(std::uint64_t first, std::uint64_t last, RunContext& ctx) {
    std::vector<VertexId> src(static_cast<std::size_t>(last - first));
    for (std::uint64_t i = first; i < last; ++i) {
      Rng rng = Rng::for_item(seed_, Stream::kSourceSample, i);
      src[static_cast<std::size_t>(i - first)] = static_cast<VertexId>(rng.below(n_));
    }
    for (VertexId s : src) ++st_.draws[s];
    if (!weighted_) {
      if (ctx.comm().distributed()) {
        add_distributed(src, ctx);
      } else {
        bfs_->run(src, *acc_, ctx);
      }
      const auto nn = static_cast<std::int64_t>(n_);
#pragma omp parallel for schedule(static) if (nn > kParallelMin)
      for (std::int64_t i = 0; i < nn; ++i) {
        const auto v = static_cast<std::size_t>(i);
        st_.cnt[v] = static_cast<double>(acc_->reached[v]);
        st_.sum[v] = static_cast<double>(acc_->sum[v]);
        st_.sum_sq[v] = static_cast<double>(acc_->sum_sq[v]);
        st_.inv[v] = acc_->inv[v];
        st_.inv_sq[v] = acc_->inv_sq[v];
        st_.nearest[v] = acc_->nearest[v] == detail::DistanceSums::kFar ? kInf : acc_->nearest[v];
        st_.at_one[v] = static_cast<double>(acc_->at_one[v]);
      }
      st_.max_ecc = acc_->max_level;
      return;
    }
    add_weighted(src, ctx);
  }

  const SampleStats& stats() const { return st_; }

 private:
  // MPI: the traversal batches (MultiSourceBfs::kBatchSources sources each) are dealt out to the
  // ranks, one batch per rank per round. Each batch records how many of its sources every vertex
  // finds at each level (track_levels); the counts are gathered, and every rank replays the
  // additions of MultiSourceBfs in (batch, level) order, the order of a single-process run, so the
  // floating-point sums are bit-identical to it.
  void add_distributed(const std::vector<VertexId>& src, RunContext& ctx) {
    const mpi::Comm& comm = ctx.comm();
    constexpr std::size_t kB = detail::MultiSourceBfs::kBatchSources;
    const std::size_t batches = (src.size() + kB - 1) / kB;
    const auto ranks = static_cast<std::size_t>(comm.size());
    const auto nn = static_cast<std::int64_t>(n_);
    std::vector<std::uint32_t> mine;
    for (std::size_t round = 0; round < batches; round += ranks) {
      // This rank's batch of the round (if any): [levels, max level, counts of level 1, 2, ...].
      mine.clear();
      const std::size_t b = round + static_cast<std::size_t>(comm.rank());
      if (b < batches) {
        detail::DistanceSums part(n_, false, /*levels=*/true);
        const std::size_t first = b * kB;
        bfs_->run(std::span<const VertexId>(src).subspan(first, std::min(kB, src.size() - first)), part, ctx);
        mine.push_back(static_cast<std::uint32_t>(part.by_level.size()));
        mine.push_back(part.max_level);
        for (const auto& level : part.by_level) mine.insert(mine.end(), level.begin(), level.end());
      }
      const auto all = comm.allgatherv(std::span<const std::uint32_t>(mine));
      std::size_t pos = 0;
      for (std::size_t r = 0; r < ranks && round + r < batches; ++r) {
        const std::uint32_t levels = all[pos++];
        acc_->max_level = std::max(acc_->max_level, all[pos++]);
        const std::uint32_t* counts = all.data() + pos;
        pos += static_cast<std::size_t>(levels) * n_;
        replay(counts, levels, nn);
      }
    }
  }

  // The additions MultiSourceBfs makes for one batch, from its per-level counts.
  void replay(const std::uint32_t* counts, std::uint32_t levels, std::int64_t nn) {
    auto& a = *acc_;
#pragma omp parallel for schedule(static) if (nn > kParallelMin)
    for (std::int64_t i = 0; i < nn; ++i) {
      const auto u = static_cast<std::size_t>(i);
      for (std::uint32_t level = 1; level <= levels; ++level) {
        const std::uint64_t c = counts[static_cast<std::size_t>(level - 1) * n_ + u];
        if (c == 0) continue;
        a.reached[u] += c;
        a.sum[u] += c * level;
        a.inv[u] += static_cast<double>(c) / static_cast<double>(level);
        a.sum_sq[u] += c * level * level;
        a.inv_sq[u] += static_cast<double>(c) / (static_cast<double>(level) * static_cast<double>(level));
        a.nearest[u] = std::min(a.nearest[u], level);
        if (level == 1) a.at_one[u] += c;
      }
    }
  }

  // Waves of kWave Dijkstras (against the measured direction) into full distance arrays, then every
  // vertex adds its distances in sample order: fixed order, any thread count.
  void add_weighted(const std::vector<VertexId>& src, RunContext& ctx) {
    constexpr std::size_t kWave = 16;
    const auto nn = static_cast<std::int64_t>(n_);
    if (dist_.empty()) dist_.assign(kWave, std::vector<double>(n_, kInf));
    std::vector<std::unique_ptr<Dijkstra>> scratch(static_cast<std::size_t>(max_threads()));
    for (std::size_t first = 0; first < src.size(); first += kWave) {
      ctx.check_cancelled();
      const std::size_t count = std::min(kWave, src.size() - first);
      std::vector<double> ecc(count, 0.0);
      // MPI: each rank runs its share of the wave's searches; the distance arrays are then gathered,
      // so every rank adds all of them in sample order as below.
      const mpi::Comm& comm = ctx.comm();
      const auto [jlo, jhi] = comm.share(0, count);
#pragma omp parallel for schedule(dynamic, 1)
      for (std::int64_t j = static_cast<std::int64_t>(jlo); j < static_cast<std::int64_t>(jhi); ++j) {
        auto& dj = scratch[static_cast<std::size_t>(omp_get_thread_num())];
        if (!dj) dj = std::make_unique<Dijkstra>(n_);
        auto& d = dist_[static_cast<std::size_t>(j)];
        std::fill(d.begin(), d.end(), kInf);
        double e = 0;
        dj->run(dir_.bwd, src[first + static_cast<std::size_t>(j)], [&](VertexId v, double x) {
          d[v] = x;
          e = std::max(e, x);
          return true;
        });
        ecc[static_cast<std::size_t>(j)] = e;
      }
      if (comm.distributed()) {
        const auto counts = comm.share_counts(count);
        std::vector<std::uint64_t> cells;
        for (auto c : counts) cells.push_back(c * n_);
        flat_.resize(count * n_);
        for (std::size_t j = jlo; j < jhi; ++j) std::copy(dist_[j].begin(), dist_[j].end(), flat_.begin() + static_cast<std::ptrdiff_t>(j * n_));
        comm.allgatherv_inplace(std::span<double>(flat_), std::span<const std::uint64_t>(cells));
        comm.allgatherv_inplace(std::span<double>(ecc), std::span<const std::uint64_t>(counts));
        for (std::size_t j = 0; j < count; ++j)
          if (j < jlo || j >= jhi)
            std::copy(flat_.begin() + static_cast<std::ptrdiff_t>(j * n_), flat_.begin() + static_cast<std::ptrdiff_t>((j + 1) * n_), dist_[j].begin());
      }
      for (double e : ecc) st_.max_ecc = std::max(st_.max_ecc, e);
#pragma omp parallel for schedule(static) if (nn > kParallelMin)
      for (std::int64_t i = 0; i < nn; ++i) {
        const auto v = static_cast<std::size_t>(i);
        for (std::size_t j = 0; j < count; ++j) {
          const double x = dist_[j][v];
          if (!(x < kInf) || src[first + j] == v) continue;
          st_.cnt[v] += 1.0;
          st_.sum[v] += x;
          st_.sum_sq[v] += x * x;
          st_.inv[v] += 1.0 / x;
          st_.inv_sq[v] += 1.0 / (x * x);
          st_.nearest[v] = std::min(st_.nearest[v], x);
        }
      }
    }
  }

  const CsrGraph& g_;
  Directions dir_;
  bool weighted_;
  std::uint64_t seed_;
  VertexId n_;
  SampleStats st_;
  std::unique_ptr<detail::DistanceSums> acc_;
  std::unique_ptr<detail::MultiSourceBfs> bfs_;
  std::vector<std::vector<double>> dist_;
  std::vector<double> flat_;  // MPI: the gathered distance arrays of one wave
};

struct Checkpoint {
  std::uint64_t samples;
  double delta;
  bool last;  // the final checkpoint (or the fixed sample count): Hoeffding bounds too
};

// Adaptive: checkpoints at multiples of 512 (whole traversals), 512, 1024, 1536, ..., each adding
// max(512, the largest multiple of 512 <= k/4) sources (1.25x steps once k >= 2048), below
// 0.8 k_max, k_max = ceil(ln(8/delta) / (2 epsilon^2)); small runs (k_max < 4096) also check at 128 and 256.
// They share delta/2 equally (empirical Bernstein only), and k_max gets the other delta/2. A union
// bound over the fixed list: total <= delta.
std::vector<Checkpoint> schedule(const SampledClosenessOptions& o) {
  if (o.samples > 0) return {{o.samples, o.delta, true}};
  const auto k_max = static_cast<std::uint64_t>(std::ceil(std::log(8.0 / o.delta) / (2.0 * o.epsilon * o.epsilon)));
  std::vector<Checkpoint> cps;
  constexpr std::uint64_t kB = detail::MultiSourceBfs::kBatchSources;
  for (std::uint64_t k = k_max < 8 * kB ? 128 : kB; 5 * k < 4 * k_max;) {
    cps.push_back({k, 0.0, false});
    k = k < kB ? 2 * k : k + std::max(kB, k / 4 / kB * kB);
  }
  for (auto& cp : cps) cp.delta = o.delta / 2.0 / static_cast<double>(cps.size());
  cps.push_back({std::max<std::uint64_t>(k_max, 1), cps.empty() ? o.delta : o.delta / 2.0, true});
  return cps;
}

SampledResult sampled(const CsrGraph& g, const SampledClosenessOptions& opts, bool is_harmonic, RunContext& ctx) {
  const char* who = is_harmonic ? "harmonic_sampled" : "closeness_sampled";
  opts.validate();
  if (!is_harmonic && !opts.measure.wasserman_faust)
    throw InvalidArgument(
        "closeness_sampled: measure.wasserman_faust must be true (igraph's r/S is not a mean over vertices and "
        "cannot be estimated by sampling)");
  const VertexId n = g.num_vertices();
  const bool weighted = opts.measure.use_weights && g.weighted();
  if (weighted) detail::check_positive_weights(g, who);
  const Directions dir = directions(g, opts.measure.reverse, weighted, who);
  if (weighted && dir.bwd.offsets == nullptr)
    throw InvalidArgument(std::string(who) +
                          ": weighted sampling needs the in-adjacency of the directed graph (BuildOptions::build_in_edges)");
  SampledResult res;
  res.score.assign(n, 0.0);
  res.error_bar.assign(n, 0.0);
  if (n < 2) return res;
  const auto nn = static_cast<std::int64_t>(n);
  const double dn = n;

  // Bounds: reach (exact when undirected: component sizes) and the range of a distance.
  detail::PathBounds bounds;
  double min_len = 1.0, max_len = 1.0;
  if (weighted && g.num_arcs() > 0) {
    float lo = std::numeric_limits<float>::max(), hi = 0;
    for (Weight w : g.weights()) {
      lo = std::min(lo, w);
      hi = std::max(hi, w);
    }
    min_len = detail::arc_length(hi);
    max_len = detail::arc_length(lo);
  }
  if (!is_harmonic || !g.directed()) bounds = detail::path_bounds(g, !opts.measure.reverse, weighted, /*with_reach=*/true, ctx);
  const bool undirected = !g.directed();
  const double global_range = static_cast<double>(bounds.vertex_diameter > 0 ? bounds.vertex_diameter - 1 : 0) * max_len;
  const double h_norm = opts.measure.normalized ? 1.0 / (dn - 1.0) : 1.0;  // harmonic = h_norm * sum of 1/d
  const double h_unit = opts.measure.normalized ? 1.0 : dn - 1.0;          // error bars compared in normalized units

  // Post-stratification. For a vertex u the other vertices split into strata of known sizes:
  // unweighted, N1(u), its distinct out-neighbours (distance 1, counted exactly); undirected, the
  // vertices outside u's component (unreachable, exact); the rest F(u), |F| = (component size - 1
  // or n - 1) - |N1|. Given how many of the k uniform sources fall into F (kF), those are i.i.d.
  // uniform on F, so sums over F are |F| times a mean estimated from kF values whose range is
  // narrower than before stratification (unweighted d >= 2; undirected every value reachable).
  std::vector<double> ones(n, 0.0);
  if (!weighted) {
#pragma omp parallel for schedule(dynamic, 4096) if (nn > kParallelMin)
    for (std::int64_t i = 0; i < nn; ++i) {
      const auto u = static_cast<VertexId>(i);
      VertexId last = kNoVertex;
      double c = 0;
      for (EdgeIndex e = dir.fwd.begin(u); e < dir.fwd.end(u); ++e) {  // sorted: count distinct, skip loops
        const VertexId w = dir.fwd.targets[e];
        if (w != u && w != last) ++c;
        last = w;
      }
      ones[u] = c;
    }
  }
  const double d_min = weighted ? min_len : 2.0;  // smallest distance in F
  // Unweighted: d(u, v) <= d(u, c) + ecc(c) through the hub c (usually tighter than the sampled
  // bound below for the central vertices, whose closeness is the most sensitive to the range).
  const std::vector<double> ecc_hub = weighted ? std::vector<double>() : ecc_through_hub(g, dir);
  Sampler sampler(g, dir, weighted, opts.seed);
  const auto cps = schedule(opts);
  std::uint64_t done = 0;
  for (std::size_t j = 0; j < cps.size(); ++j) {
    const auto& cp = cps[j];
    sampler.add(done, cp.samples, ctx);
    done = cp.samples;
    const SampleStats& st = sampler.stats();
    const double k = static_cast<double>(done);
    const bool bern = !cp.last;  // intermediate checkpoints: empirical Bernstein at the full share
    double worst = 0;
#pragma omp parallel for schedule(static) reduction(max : worst) if (nn > kParallelMin)
    for (std::int64_t i = 0; i < nn; ++i) {
      const auto u = static_cast<std::size_t>(i);
      const double one = st.at_one[u];  // sources in N1 (0 when weighted)
      const double n1 = ones[u];
      // |F|, the sources that fell into F, and the largest distance in F.
      const double f = undirected ? static_cast<double>(bounds.reach_upper[u]) - n1 : dn - 1.0 - n1;
      const double kf = undirected ? st.cnt[u] - one : k - static_cast<double>(st.draws[u]) - one;
      double d_max = global_range;
      if (!bounds.reach_upper.empty()) d_max = std::min(d_max, static_cast<double>(bounds.reach_upper[u]) * max_len);
      if (undirected) {
        // Triangle inequality through the nearest sampled source.
        const double near = st.draws[u] != 0 ? 0.0 : st.nearest[u];
        if (near < kInf) d_max = std::min(d_max, near + st.max_ecc);
      }
      if (!ecc_hub.empty()) d_max = std::min(d_max, ecc_hub[u]);
      if (is_harmonic && !undirected) d_max = kInf;  // not needed: unreachable vertices add 0
      d_max = std::max(d_max, d_min);
      double est = 0, bar = 0;
      if (is_harmonic) {
        // h = h_norm (|N1| + |F| E_F[1/d]), 1/d in [1/d_max, 1/d_min] (undirected) or [0, 1/d_min].
        // Last checkpoint: empirical Bernstein at half the budget, the other half below.
        const Interval z = mean_interval(kf, st.inv[u] - one, st.inv_sq[u] - one, undirected ? 1.0 / d_max : 0.0,
                                         1.0 / d_min, cp.last ? cp.delta / 2 : cp.delta, true);
        est = h_norm * (n1 + f * z.est);
        double lo = h_norm * (n1 + f * z.lo), hi = h_norm * (n1 + f * z.hi);
        if (cp.last) {
          // Also the unstratified Hoeffding interval (Eppstein-Wang: all k sources, Z = 1/d for
          // d >= 2 else 0), each at half the budget; the exact value lies in both: intersect. At
          // k_max it alone is <= epsilon n/(n-1) wide (unweighted; weighted times 1/min_len).
          const double z_range = weighted ? 1.0 / min_len : 0.5;
          const double hoeff = h_norm * dn * z_range * std::sqrt(std::log(4.0 / cp.delta) / (2.0 * k));
          const double e2 = h_norm * (n1 + dn * (st.inv[u] - one) / k);
          const double lo2 = e2 - hoeff, hi2 = e2 + hoeff;
          if (std::max(lo, lo2) <= std::min(hi, hi2)) {
            lo = std::max(lo, lo2);
            hi = std::min(hi, hi2);
            est = std::clamp(est, lo, hi);
            // Keep the stratified estimate unless that leaves a bar wider than the Hoeffding one:
            // then the middle of the intersection (half its width, <= hoeff).
            if (std::max(hi - est, est - lo) > hoeff) est = (lo + hi) / 2;
          } else {
            lo = lo2;  // the intervals cannot both hold; fall back to the Hoeffding one
            hi = hi2;
            est = e2;
          }
        }
        bar = std::max({hi - est, est - lo, 0.0});
        worst = std::max(worst, bar / h_unit);
      } else {
        const double c = 1.0 / (dn - 1.0);
        if (undirected) {
          // r exact; S = |N1| + |F| E_F[d], d in [d_min, d_max].
          const double r = static_cast<double>(bounds.reach_upper[u]);
          const Interval m = mean_interval(kf, st.sum[u] - one, st.sum_sq[u] - one, d_min, d_max, cp.delta, bern);
          if (r > 0) {
            est = c * r * r / (n1 + f * m.est);
            const double lo = c * r * r / (n1 + f * m.hi), hi = c * r * r / (n1 + f * m.lo);
            bar = std::max({hi - est, est - lo, 0.0});
          }
        } else {
          // r = |N1| + |F| q, q the fraction of F reached; S = |N1| + |F| E_F[Y], Y = d when
          // reached, else 0, in [0, d_max]. Each interval at half the budget.
          const double far = st.cnt[u] - one;
          const Interval q = mean_interval(kf, far, far, 0.0, 1.0, cp.delta / 2, bern);
          const Interval y = mean_interval(kf, st.sum[u] - one, st.sum_sq[u] - one, 0.0, d_max, cp.delta / 2, bern);
          const double cap = std::max(static_cast<double>(bounds.reach_upper[u]), n1);
          const double r_lo = std::clamp(n1 + f * q.lo, n1 + (far > 0 ? 1.0 : 0.0), cap);
          const double r_hi = std::clamp(n1 + f * q.hi, r_lo, cap);
          const double r_hat = std::clamp(n1 + f * q.est, r_lo, r_hi);
          // Smallest S for r reached vertices: all at distance min_len (weighted), or the |N1|
          // neighbours at 1 and the others at >= 2 (unweighted); r^2 / S_min(r) grows with r.
          auto s_min = [&](double r) { return weighted ? r * min_len : std::max(r, 2.0 * r - n1); };
          const double s_hat = n1 + f * y.est;
          if (r_hi > 0) {
            const double s_c = std::clamp(s_hat, s_min(r_hat), std::max(s_min(r_hat), r_hat * d_max));
            est = r_hat > 0 ? c * r_hat * r_hat / s_c : 0.0;
            const double s_lo = std::max(n1 + f * y.lo, s_min(r_lo));
            const double s_hi = std::min(n1 + f * y.hi, r_hi * d_max);
            double hi = c * r_hi * r_hi / s_min(r_hi);
            if (s_lo > 0) hi = std::min(hi, c * r_hi * r_hi / s_lo);
            const double lo = (r_lo > 0 && s_hi > 0) ? c * r_lo * r_lo / s_hi : 0.0;
            bar = std::max({hi - est, est - lo, 0.0});
          }
        }
        worst = std::max(worst, bar);
      }
      res.score[u] = est;
      res.error_bar[u] = bar;
    }
    res.samples = done;
    ctx.report(who, static_cast<double>(j + 1) / static_cast<double>(cps.size()));
    if (opts.samples == 0 && worst <= opts.epsilon) break;
  }
  return res;
}

}  // namespace

std::vector<double> closeness(const CsrGraph& g, const ClosenessOptions& opts, RunContext& ctx) {
  const auto sums = exact_sums(g, opts, "closeness", ctx);
  const VertexId n = g.num_vertices();
  std::vector<double> out(n);
  for (VertexId v = 0; v < n; ++v) out[v] = detail::closeness_formula(sums.r[v], sums.s[v], n, opts.wasserman_faust, opts.normalized);
  return out;
}

std::vector<double> harmonic(const CsrGraph& g, const ClosenessOptions& opts, RunContext& ctx) {
  auto sums = exact_sums(g, opts, "harmonic", ctx);
  const double scale = harmonic_scale(g.num_vertices(), opts.normalized);
  for (double& x : sums.h) x *= scale;
  return std::move(sums.h);
}

void SampledClosenessOptions::validate() const {
  if (!(epsilon > 0.0) || !std::isfinite(epsilon))
    throw InvalidArgument("closeness sampling: epsilon must be a positive finite number, got " + std::to_string(epsilon));
  if (!(delta > 0.0 && delta < 1.0))
    throw InvalidArgument("closeness sampling: delta must be in (0, 1), got " + std::to_string(delta));
  if (samples == 0 && std::log(8.0 / delta) / (2.0 * epsilon * epsilon) > 1e9)
    throw InvalidArgument("closeness sampling: epsilon " + std::to_string(epsilon) + " needs more than 1e9 samples");
}

SampledResult closeness_sampled(const CsrGraph& g, const SampledClosenessOptions& opts, RunContext& ctx) {
  return sampled(g, opts, false, ctx);
}

SampledResult harmonic_sampled(const CsrGraph& g, const SampledClosenessOptions& opts, RunContext& ctx) {
  return sampled(g, opts, true, ctx);
}

}  // namespace peerscout::centrality
