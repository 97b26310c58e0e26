#include "algorithms/centrality/betweenness_approx.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <utility>

#include "algorithms/centrality/detail/path_bounds.hpp"
#include "algorithms/centrality/detail/paths.hpp"
#include "algorithms/structure/components.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "engine/random.hpp"

namespace peerscout::centrality {

namespace {

using detail::Adjacency;
using Count = std::uint32_t;

// Samples one uniformly random shortest path between a random pair and adds 1 to the count of each
// of its internal vertices. Per-thread; the state is reset after each sample for the touched
// vertices only.
class PathSampler {
 public:
  PathSampler(const CsrGraph& g, bool weighted, const std::vector<VertexId>* component)
      : n_(g.num_vertices()),
        out_(detail::adjacency(g, true, weighted)),
        in_(detail::adjacency(g, false, weighted)),
        weighted_(weighted),
        component_(component),
        side_(n_, 0),
        level_(n_, 0),
        sigma_(n_, 0.0) {
    if (weighted_) dist_.assign(n_, 0.0);
  }

  void sample(std::uint64_t seed, std::uint64_t index, Count* counts) {
    Rng rng = Rng::for_item(seed, Stream::kSourceSample, index);
    const auto s = static_cast<VertexId>(rng.below(n_));
    auto t = static_cast<VertexId>(rng.below(n_ - 1));
    if (t >= s) ++t;
    if (component_ != nullptr && (*component_)[s] != (*component_)[t]) return;
    if (weighted_) {
      dijkstra_path(s, t, rng, counts);
    } else {
      bidirectional_path(s, t, rng, counts);
    }
  }

 private:
  static void bump(Count* counts, VertexId v) { std::atomic_ref<Count>(counts[v]).fetch_add(1, std::memory_order_relaxed); }

  void reset() {
    for (VertexId v : touched_) {
      side_[v] = 0;
      sigma_[v] = 0.0;
      if (weighted_) dist_[v] = 0.0;
    }
    touched_.clear();
  }

  // Picks an index in [0, weights.size()) with probability proportional to the weight.
  template <class Weights>
  static std::size_t pick(const Weights& w, double total, Rng& rng) {
    const double r = rng.uniform01() * total;
    double acc = 0.0;
    for (std::size_t i = 0; i + 1 < w.size(); ++i) {
      acc += w[i];
      if (r < acc) return i;
    }
    return w.size() - 1;
  }

  // Walks from v (on `side`, `level_` = distance to its end) back to that end, counting every vertex
  // but the end; `a` lists the arcs towards the end (in-arcs for the s side, out-arcs for t).
  void walk_back(VertexId v, std::uint8_t side, const Adjacency& a, Rng& rng, Count* counts) {
    while (level_[v] > 0) {
      bump(counts, v);
      cand_.clear();
      weight_.clear();
      double total = 0.0;
      for (EdgeIndex e = a.begin(v); e < a.end(v); ++e) {
        const VertexId p = a.targets[e];
        if (side_[p] == side && level_[p] + 1 == level_[v]) {
          cand_.push_back(p);
          weight_.push_back(sigma_[p]);
          total += sigma_[p];
        }
      }
      v = cand_[pick(weight_, total, rng)];
    }
  }

  void bidirectional_path(VertexId s, VertexId t, Rng& rng, Count* counts) {
    constexpr std::uint8_t kS = 1, kT = 2;
    side_[s] = kS;
    side_[t] = kT;
    level_[s] = level_[t] = 0;
    sigma_[s] = sigma_[t] = 1.0;
    touched_.push_back(s);
    touched_.push_back(t);
    fs_.assign(1, s);
    ft_.assign(1, t);
    EdgeIndex deg_s = out_.degree(s), deg_t = in_.degree(t);
    cut_.clear();
    while (cut_.empty()) {
      if (fs_.empty() || ft_.empty()) {
        reset();
        return;  // t is not reachable from s
      }
      const bool grow_s = deg_s <= deg_t;
      const Adjacency& a = grow_s ? out_ : in_;
      const std::uint8_t mine = grow_s ? kS : kT, other = grow_s ? kT : kS;
      auto& frontier = grow_s ? fs_ : ft_;
      next_.clear();
      EdgeIndex deg = 0;
      for (const VertexId x : frontier) {
        const std::uint32_t lx = level_[x] + 1;
        const double sx = sigma_[x];
        for (EdgeIndex e = a.begin(x); e < a.end(x); ++e) {
          const VertexId y = a.targets[e];
          const std::uint8_t sy = side_[y];
          if (sy == 0) {
            side_[y] = mine;
            level_[y] = lx;
            sigma_[y] = sx;
            touched_.push_back(y);
            next_.push_back(y);
            deg += a.degree(y);
          } else if (sy == mine) {
            if (level_[y] == lx) sigma_[y] += sx;
          } else if (sy == other) {
            // An arc joining the balls: (s-side end, t-side end).
            cut_.push_back(grow_s ? std::make_pair(x, y) : std::make_pair(y, x));
          }
        }
      }
      frontier.swap(next_);
      (grow_s ? deg_s : deg_t) = deg;
    }
    // All joining arcs found in this expansion close shortest paths of the same length; there are
    // sigma_s(x) * sigma_t(y) shortest paths through the arc (x, y).
    weight_.clear();
    double total = 0.0;
    for (const auto& [x, y] : cut_) {
      weight_.push_back(sigma_[x] * sigma_[y]);
      total += weight_.back();
    }
    const auto [x, y] = cut_[pick(weight_, total, rng)];
    walk_back(x, kS, in_, rng, counts);
    walk_back(y, kT, out_, rng, counts);
    reset();
  }

  // Weighted: Dijkstra from s with igraph's tolerant ties (lengths stored + 1), stopped once t is
  // settled; then a walk back from t over settled predecessors on shortest paths.
  void dijkstra_path(VertexId s, VertexId t, Rng& rng, Count* counts) {
    constexpr std::uint8_t kQueued = 1, kSettled = 2;
    const auto cmp = std::greater<>();
    heap_.clear();
    heap_.emplace_back(1.0, s);
    dist_[s] = 1.0;
    sigma_[s] = 1.0;
    side_[s] = kQueued;
    touched_.push_back(s);
    bool reached = false;
    while (!heap_.empty()) {
      std::pop_heap(heap_.begin(), heap_.end(), cmp);
      const auto [d, v] = heap_.back();
      heap_.pop_back();
      if (side_[v] == kSettled || d != dist_[v]) continue;
      side_[v] = kSettled;
      if (v == t) {
        reached = true;
        break;
      }
      const double sv = sigma_[v];
      for (EdgeIndex e = out_.begin(v); e < out_.end(v); ++e) {
        const VertexId w = out_.targets[e];
        if (w == v) continue;
        const double alt = d + detail::arc_length(out_.weights[e]);
        if (side_[w] == 0) {
          side_[w] = kQueued;
          dist_[w] = alt;
          sigma_[w] = sv;
          touched_.push_back(w);
          heap_.emplace_back(alt, w);
          std::push_heap(heap_.begin(), heap_.end(), cmp);
          continue;
        }
        const int c = detail::cmp_epsilon(alt, dist_[w]);
        if (c < 0) {
          dist_[w] = alt;
          sigma_[w] = sv;
          heap_.emplace_back(alt, w);
          std::push_heap(heap_.begin(), heap_.end(), cmp);
        } else if (c == 0) {
          sigma_[w] += sv;
        }
      }
    }
    if (reached) {
      VertexId v = t;
      while (true) {
        cand_.clear();
        weight_.clear();
        double total = 0.0;
        for (EdgeIndex e = in_.begin(v); e < in_.end(v); ++e) {
          const VertexId p = in_.targets[e];
          if (p == v || side_[p] != kSettled) continue;
          if (detail::cmp_epsilon(dist_[p] + detail::arc_length(in_.weights[e]), dist_[v]) == 0) {
            cand_.push_back(p);
            weight_.push_back(sigma_[p]);
            total += sigma_[p];
          }
        }
        v = cand_[pick(weight_, total, rng)];
        if (v == s) break;
        bump(counts, v);
      }
    }
    reset();
  }

  VertexId n_;
  Adjacency out_, in_;
  bool weighted_;
  const std::vector<VertexId>* component_;
  std::vector<std::uint8_t> side_;
  std::vector<std::uint32_t> level_;
  std::vector<double> sigma_, dist_;
  std::vector<VertexId> touched_, fs_, ft_, next_, cand_;
  std::vector<double> weight_;
  std::vector<std::pair<VertexId, VertexId>> cut_;
  std::vector<std::pair<double, VertexId>> heap_;
};

class Runner {
 public:
  Runner(const CsrGraph& g, bool weighted, std::uint64_t seed, const mpi::Comm& comm)
      : g_(g), weighted_(weighted), seed_(seed), comm_(comm), samplers_(static_cast<std::size_t>(max_threads())) {
    if (!g.directed()) component_ = structure::weak_components(g).membership;
  }

  // Adds the counts of samples [first, last) to counts. Under MPI each rank samples its share of
  // the index range and the (integer) counts are summed over the ranks: exact, so every rank ends
  // with the counts of the single-process run.
  void run(std::uint64_t first, std::uint64_t last, Count* counts) {
    if (!comm_.distributed()) return sample(first, last, counts);
    const auto [lo, hi] = comm_.share(first, last - first);
    local_.assign(g_.num_vertices(), 0);
    sample(lo, hi, local_.data());
    comm_.allreduce_sum(std::span<Count>(local_));
    for (VertexId v = 0; v < g_.num_vertices(); ++v) counts[v] += local_[v];
  }

 private:
  void sample(std::uint64_t first, std::uint64_t last, Count* counts) {
    const auto lo = static_cast<std::int64_t>(first), hi = static_cast<std::int64_t>(last);
#pragma omp parallel for schedule(dynamic, 16) if (hi - lo > 64)
    for (std::int64_t i = lo; i < hi; ++i) {
      auto& sp = samplers_[static_cast<std::size_t>(omp_get_thread_num())];
      if (!sp) sp = std::make_unique<PathSampler>(g_, weighted_, g_.directed() ? nullptr : &component_);
      sp->sample(seed_, static_cast<std::uint64_t>(i), counts);
    }
  }

  const CsrGraph& g_;
  bool weighted_;
  std::uint64_t seed_;
  const mpi::Comm& comm_;
  std::vector<Count> local_;
  std::vector<VertexId> component_;
  std::vector<std::unique_ptr<PathSampler>> samplers_;
};

// KADABRA's bounds (Borassi & Natale, Theorem 6) for an estimate b after tau samples, failure budget
// with l = ln(1/delta_v), cap omega.
double kadabra_f(double b, double l, double omega, double tau) {
  const double a = 1.0 / 3.0 - omega / tau;
  return l / tau * (a + std::sqrt(a * a + 2.0 * b * omega / l));
}
double kadabra_g(double b, double l, double omega, double tau) {
  const double a = 1.0 / 3.0 + omega / tau;
  return l / tau * (a + std::sqrt(a * a + 2.0 * b * omega / l));
}

}  // namespace

void BetweennessApproxOptions::validate() const {
  if (!(epsilon > 0.0 && epsilon < 1.0))
    throw InvalidArgument("betweenness_approx: epsilon must be in (0, 1), got " + std::to_string(epsilon));
  if (!(delta > 0.0 && delta < 1.0))
    throw InvalidArgument("betweenness_approx: delta must be in (0, 1), got " + std::to_string(delta));
  if (0.5 / (epsilon * epsilon) * (33 + std::log(2.0 / delta)) > 4e9)
    throw InvalidArgument("betweenness_approx: epsilon " + std::to_string(epsilon) + " is too small (more than 4e9 samples)");
}

BetweennessApproxResult betweenness_approx(const CsrGraph& g, const BetweennessApproxOptions& opts, RunContext& ctx) {
  const auto t0 = std::chrono::steady_clock::now();
  opts.validate();
  const VertexId n = g.num_vertices();
  const bool weighted = opts.use_weights && g.weighted();
  if (weighted) detail::check_positive_weights(g, "betweenness_approx");
  if (g.directed() && !g.has_in_edges())
    throw InvalidArgument("betweenness_approx: the directed graph was built without in-adjacency (BuildOptions::build_in_edges)");
  BetweennessApproxResult r;
  r.score.assign(n, 0.0);
  r.epsilon = opts.epsilon;
  r.delta = opts.delta;
  r.method = opts.adaptive ? "kadabra" : "riondato-kornaropoulos";
  auto finish = [&] {
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return std::move(r);
  };
  ctx.check_cancelled();
  if (n < 3) return finish();
  const auto nn = static_cast<std::int64_t>(n);
  r.vertex_diameter = detail::path_bounds(g, true, weighted, false, ctx).vertex_diameter;
  if (r.vertex_diameter <= 2) return finish();  // no shortest path has an internal vertex
  const double eps = opts.epsilon, delta = opts.delta;
  const double vc = std::floor(std::log2(static_cast<double>(r.vertex_diameter - 2))) + 1.0;
  const double omega_d = std::ceil(0.5 / (eps * eps) * (vc + std::log((opts.adaptive ? 2.0 : 1.0) / delta)));
  r.omega = static_cast<std::uint64_t>(omega_d);

  Runner runner(g, weighted, opts.seed, ctx.comm());
  std::vector<Count> counts(n, 0);
  if (!opts.adaptive) {
    constexpr std::uint64_t kStep = 1 << 14;
    for (std::uint64_t first = 0; first < r.omega; first += kStep) {
      ctx.check_cancelled();
      const std::uint64_t last = std::min(r.omega, first + kStep);
      runner.run(first, last, counts.data());
      ctx.report("betweenness_approx", static_cast<double>(last) / omega_d);
    }
    r.samples = r.samples_total = r.omega;
    for (VertexId v = 0; v < n; ++v) r.score[v] = counts[v] / omega_d;
    return finish();
  }

  // Phase 1: calibration samples [0, tau0) -> per-vertex failure budgets.
  const std::uint64_t tau0 = std::max<std::uint64_t>(1, (r.omega + 99) / 100);
  runner.run(0, tau0, counts.data());
  ctx.check_cancelled();
  constexpr double kBalance = 0.001;
  const double floor_delta = delta * kBalance / (4.0 * n);
  // Vertices with equal phase-1 counts get equal budgets: work on the histogram of counts.
  std::map<Count, std::uint64_t> hist;
  for (VertexId v = 0; v < n; ++v)
    if (counts[v] > 0) ++hist[counts[v]];
  const double target = delta / 2.0 * (1.0 - kBalance);
  auto budget_sum = [&](double c) {
    double s = 0.0;
    for (const auto& [k, num] : hist) s += 2.0 * static_cast<double>(num) * std::exp(-c * eps * eps * tau0 / k);
    return s;
  };
  double c_lo = 0.0, c_hi = std::log(4.0 * n / (delta * (1.0 - kBalance))) / (eps * eps);
  if (budget_sum(c_lo) <= target) c_hi = c_lo;
  for (int it = 0; it < 100 && c_hi - c_lo > 1e-9 * c_hi; ++it) {
    const double mid = 0.5 * (c_lo + c_hi);
    (budget_sum(mid) <= target ? c_hi : c_lo) = mid;
  }
  // l(v) = ln(1/delta_v); a budget above delta/2 is lowered to delta/2 (only more conservative).
  std::vector<double> log_inv(n);
  for (VertexId v = 0; v < n; ++v) {
    double d = floor_delta;
    if (counts[v] > 0) d += std::exp(-c_hi * eps * eps * static_cast<double>(tau0) / counts[v]);
    log_inv[v] = std::log(1.0 / std::min(d, delta / 2.0));
  }

  // Phase 2: fresh samples from index tau0 on, checked at fixed counts.
  std::fill(counts.begin(), counts.end(), 0);
  std::uint64_t tau = 0;
  while (tau < r.omega) {
    ctx.check_cancelled();
    const std::uint64_t step = std::max<std::uint64_t>(256, tau / 16);
    const std::uint64_t next = std::min(r.omega, tau + step);
    runner.run(tau0 + tau, tau0 + next, counts.data());
    tau = next;
    ctx.report("betweenness_approx", static_cast<double>(tau) / omega_d);
    if (tau >= r.omega) break;
    const double dt = static_cast<double>(tau);
    bool failed = false;  // private copies start at false (the identity of ||)
#pragma omp parallel for schedule(static) reduction(|| : failed) if (nn > kParallelMin)
    for (std::int64_t i = 0; i < nn; ++i) {
      if (failed) continue;  // this thread already found a vertex that is not done
      const auto v = static_cast<std::size_t>(i);
      const double b = counts[v] / dt;
      if (kadabra_f(b, log_inv[v], omega_d, dt) >= eps || kadabra_g(b, log_inv[v], omega_d, dt) >= eps) failed = true;
    }
    if (!failed) break;
  }
  r.samples = tau;
  r.samples_total = tau0 + tau;
  const double dt = static_cast<double>(tau);
  for (VertexId v = 0; v < n; ++v) r.score[v] = counts[v] / dt;
  return finish();
}

}  // namespace peerscout::centrality
