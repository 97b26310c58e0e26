#include "algorithms/centrality/top_closeness.hpp"

#include <omp.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "algorithms/centrality/detail/dijkstra.hpp"
#include "algorithms/centrality/detail/path_bounds.hpp"
#include "algorithms/centrality/detail/paths.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout::centrality {

namespace {

using detail::Adjacency;
constexpr double kNegInf = -std::numeric_limits<double>::infinity();
constexpr std::size_t kBatch = 64;
constexpr std::uint64_t kCheckArcs = 256;
// Probe 2-balls: at least kProbeMinCost and at most kProbeMaxCost arcs scanned per arc of g; between
// the two, probes are added while they number less than n / kProbeShare.
constexpr std::uint64_t kProbeMinCost = 2, kProbeMaxCost = 8, kProbeShare = 4;  // arcs scanned between two bound checks inside a level

// Ranking key: NaN (igraph's closeness of a vertex that reaches nothing) ranks last.
double key_of(double score) { return std::isnan(score) ? kNegInf : score; }

struct Entry {
  double key;
  VertexId v;
  double score;
};

bool better(const Entry& a, const Entry& b) { return a.key > b.key || (a.key == b.key && a.v < b.v); }

// The current top k, best first.
class TopK {
 public:
  explicit TopK(std::size_t k) : k_(k) {}
  void offer(const Entry& e) {
    if (items_.size() == k_ && !better(e, items_.back())) return;
    items_.insert(std::upper_bound(items_.begin(), items_.end(), e, better), e);
    if (items_.size() > k_) items_.pop_back();
  }
  // Scores whose upper bound is below this can be dropped (-inf while fewer than k are known). The
  // margin keeps ties with the k-th (to be decided by vertex id) and absorbs rounding in the bounds.
  double cut() const {
    if (items_.size() < k_) return kNegInf;
    const double kth = items_.back().key;
    return kth - 1e-12 * std::fabs(kth);
  }
  const std::vector<Entry>& items() const { return items_; }

 private:
  std::size_t k_;
  std::vector<Entry> items_;
};

struct Measure {
  bool harmonic;
  bool wasserman_faust, normalized;
  VertexId n;
  double h_scale;
  bool reach_exact;  // `more` below is the exact number of unknown reachable vertices (undirected)

  // Exact score from the sums (the same formulas as closeness() / harmonic()).
  double score(double x, double s, double h) const {
    return harmonic ? h * h_scale : detail::closeness_formula(x, s, n, wasserman_faust, normalized);
  }
  // Upper bound when x vertices are known (sum s, harmonic sum h) and at most `more` others are
  // reachable: at most c1 of them at distance >= d1, at most c2 more at distance >= d2 and the rest
  // at distance >= d3 (c1 + c2 <= more, d1 <= d2 <= d3).
  double bound(double x, double s, double h, double c1, double d1, double c2, double d2, double more, double d3) const {
    if (harmonic) return (h + c1 / d1 + c2 / d2 + (more - c1 - c2) / d3) * h_scale;
    auto at = [&](double k) {
      const double k1 = std::min(k, c1);
      const double k2 = std::min(k - k1, c2);
      return key_of(detail::closeness_formula(x + k, s + d1 * k1 + d2 * k2 + d3 * (k - k1 - k2), n, wasserman_faust, normalized));
    };
    if (reach_exact) return at(more);
    return std::max({at(0.0), at(c1), at(c1 + c2), at(more)});
  }
};

struct Outcome {
  std::optional<double> score;  // empty: cut
  std::uint64_t visits = 0;
  std::uint64_t bottom_up_levels = 0;
};

class Searcher {
 public:
  Searcher(VertexId n, bool weighted) : level_(n, -1) {
    if (weighted) dijkstra_ = std::make_unique<detail::Dijkstra>(n);
  }

  // Level-synchronous BFS from v along `a`. The bound is checked before each level and, while a
  // level L is expanded top-down, every kCheckArcs scanned arcs: the vertices found so far at
  // distance L + 1 are exact, the not yet scanned arcs of the frontier bound the rest of level L + 1
  // (minus one parent arc per frontier vertex not yet started, undirected, L >= 1), everything else
  // is at >= L + 2. An arc into an already visited vertex thus tightens the bound by one vertex moved
  // from L + 1 to L + 2 (Bergamini et al.'s BFSCut update). `far` vertices are known to lie at
  // distance >= 3 (or out of reach): while L <= 1 at most n - 1 - found - far unknown vertices are
  // within distance 2. A search that survives until its frontier holds more than 1/14 of the
  // unexplored arcs continues bottom-up over bitmaps (Beamer et al.'s direction-optimizing BFS;
  // `rev`, the transpose of `a`, must be given: offsets == nullptr disables it), checking the
  // bound between levels.
  Outcome bfs(const Adjacency& a, const Adjacency& rev, EdgeIndex total_arcs, bool undirected, VertexId v, double reach,
              double far, const Measure& m, double cut) {
    Outcome out;
    queue_.clear();
    queue_.push_back(v);
    level_[v] = 0;
    std::size_t begin = 0;
    double x = 0, h = 0;
    std::uint64_t s = 0;
    // Unscanned arcs of the frontier (level L), and the frontier vertices not yet started.
    std::uint64_t rem_arcs = a.degree(v);
    std::uint64_t visited_arcs = rem_arcs;  // arcs of every vertex found so far
    std::uint64_t found_total = 0;          // vertices found after switching to bottom-up
    bool bottom_up = false;
    bool cut_off = false;
    for (std::int32_t level = 0; !cut_off; ++level) {
      const std::size_t end = queue_.size();
      const std::uint64_t parent_arcs = undirected && level >= 1 ? 1 : 0;
      std::uint64_t unstarted = bottom_up ? 0 : end - begin;
      // The bound with `found` vertices of level L + 1 known.
      auto below = [&](std::uint64_t found) {
        const double xf = x + static_cast<double>(found);
        const double more = std::max(0.0, reach - xf);
        const std::uint64_t pending = rem_arcs - std::min(rem_arcs, unstarted * parent_arcs);
        double near = more;  // unknown vertices possibly within distance 2
        if (level <= 1 && far > 0) near = std::min(more, std::max(0.0, static_cast<double>(m.n) - 1.0 - xf - far));
        const double c1 = std::min(static_cast<double>(pending), near);
        const double c2 = level == 0 ? near - c1 : more - c1;
        return m.bound(xf, static_cast<double>(s + found * static_cast<std::uint64_t>(level + 1)),
                       h + static_cast<double>(found) / (level + 1.0), c1, level + 1.0, c2, level + 2.0, more,
                       level == 0 ? 3.0 : level + 2.0) < cut;
      };
      if (below(0)) break;
      if (!bottom_up && rev.offsets != nullptr && rem_arcs * kAlpha > total_arcs - std::min(total_arcs, visited_arcs)) {
        enter_bottom_up(begin, end);
        bottom_up = true;
      }
      std::uint64_t found = 0;
      std::uint64_t next_arcs = 0;
      if (bottom_up) {
        found = bottom_up_level(a, rev, next_arcs);
        out.visits += found;
        ++out.bottom_up_levels;
      } else {
        std::uint64_t scanned = 0;
        for (std::size_t i = begin; i < end && !cut_off; ++i) {
          const VertexId u = queue_[i];
          --unstarted;
          for (EdgeIndex e = a.begin(u); e < a.end(u); ++e) {
            const VertexId w = a.targets[e];
            if (level_[w] < 0) {
              level_[w] = level + 1;
              queue_.push_back(w);
              next_arcs += a.degree(w);
            }
            if (++scanned == kCheckArcs) {
              rem_arcs -= scanned;
              scanned = 0;
              if (below(queue_.size() - end)) {
                cut_off = true;
                break;
              }
            }
          }
        }
        if (cut_off) break;
        found = queue_.size() - end;
      }
      if (found == 0) {
        out.score = m.score(x, static_cast<double>(s), h);
        break;
      }
      found_total += found;
      x += static_cast<double>(found);
      s += static_cast<std::uint64_t>(found) * static_cast<std::uint64_t>(level + 1);
      h += static_cast<double>(found) / static_cast<double>(level + 1);  // canonical order: by level
      begin = end;
      rem_arcs = next_arcs;
      visited_arcs += next_arcs;
    }
    out.visits += queue_.size();
    for (VertexId u : queue_) level_[u] = -1;
    if (bottom_up) {
      std::fill(seen_.begin(), seen_.end(), 0);
      std::fill(front_.begin(), front_.end(), 0);
    }
    return out;
  }

  // Dijkstra from v, cut when the bound (every unsettled vertex at distance >= the smallest queued
  // distance) falls below `cut`.
  Outcome dijkstra(const Adjacency& a, VertexId v, double reach, const Measure& m, double cut) {
    Outcome out;
    double x = 0, s = 0, h = 0;
    bool stopped = false;
    dijkstra_->run(a, v, [&](VertexId, double d) {
      x += 1.0;
      s += d;
      h += 1.0 / d;
      ++out.visits;
      const double dmin = dijkstra_->next_distance();
      const double more = std::max(0.0, reach - x);
      if (dmin < detail::Dijkstra::kInf && more > 0 && m.bound(x, s, h, more, dmin, 0.0, dmin, more, dmin) < cut) {
        stopped = true;
        return false;
      }
      return true;
    });
    if (!stopped) {
      // Before the first settle nothing was checked: a vertex that reaches nothing has its exact
      // score now (0 / NaN), like every completed search.
      out.score = m.score(x, s, h);
    }
    return out;
  }

 private:
  static constexpr std::uint64_t kAlpha = 14;  // Beamer et al.'s switch parameter

  // Bitmaps from the top-down state: every queued vertex seen, queue_[begin, end) the frontier.
  void enter_bottom_up(std::size_t begin, std::size_t end) {
    const std::size_t words = (level_.size() + 63) / 64;
    if (seen_.size() != words) {
      seen_.assign(words, 0);
      front_.assign(words, 0);
      next_.assign(words, 0);
    }
    for (VertexId u : queue_) seen_[u >> 6] |= std::uint64_t{1} << (u & 63);
    for (std::size_t i = begin; i < end; ++i) front_[queue_[i] >> 6] |= std::uint64_t{1} << (queue_[i] & 63);
  }

  // One bottom-up level: every unseen vertex looks for a frontier vertex among its `rev` arcs. The
  // new level becomes the frontier; returns its size and adds its `a`-degrees to next_arcs.
  std::uint64_t bottom_up_level(const Adjacency& a, const Adjacency& rev, std::uint64_t& next_arcs) {
    const std::size_t words = seen_.size();
    const auto n = static_cast<VertexId>(level_.size());
    std::uint64_t found = 0;
    for (std::size_t wi = 0; wi < words; ++wi) {
      std::uint64_t todo = ~seen_[wi];
      std::uint64_t got = 0;
      while (todo != 0) {
        const int bit = std::countr_zero(todo);
        todo &= todo - 1;
        const auto u = static_cast<VertexId>(wi * 64 + static_cast<std::size_t>(bit));
        if (u >= n) break;
        for (EdgeIndex e = rev.begin(u); e < rev.end(u); ++e) {
          const VertexId w = rev.targets[e];
          if ((front_[w >> 6] >> (w & 63)) & 1U) {
            got |= std::uint64_t{1} << bit;
            next_arcs += a.degree(u);
            ++found;
            break;
          }
        }
      }
      next_[wi] = got;
    }
    for (std::size_t wi = 0; wi < words; ++wi) seen_[wi] |= next_[wi];
    front_.swap(next_);
    return found;
  }

  std::vector<std::int32_t> level_;
  std::vector<VertexId> queue_;
  std::vector<std::uint64_t> seen_, front_, next_;
  std::unique_ptr<detail::Dijkstra> dijkstra_;
};

// Distance certificates from probes. The probes are the vertices with the smallest 2-balls along
// `rev` (the arcs opposite to the measured direction), cheapest first, as long as the 2-balls' total
// cost stays within min_cost arcs, or within max_cost arcs while fewer than n / kProbeShare are taken. Returns far[v] = the number of probes w != v with no path of at
// most 2 arcs from v to w (at distance >= 3 or unreachable). Deterministic for any thread count.
std::vector<std::uint32_t> far_probe_counts(const Adjacency& rev, VertexId n, std::uint64_t min_cost, std::uint64_t max_cost,
                                            std::uint64_t& probes) {
  std::vector<std::uint64_t> cost(n);
#pragma omp parallel for schedule(dynamic, 4096)
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
    const auto w = static_cast<VertexId>(i);
    std::uint64_t c = 1 + rev.degree(w);
    for (EdgeIndex e = rev.begin(w); e < rev.end(w); ++e) c += rev.degree(rev.targets[e]);
    cost[w] = c;
  }
  std::vector<VertexId> cand(n);
  for (VertexId v = 0; v < n; ++v) cand[v] = v;
  std::sort(cand.begin(), cand.end(), [&](VertexId x, VertexId y) { return cost[x] < cost[y] || (cost[x] == cost[y] && x < y); });
  std::size_t p = 0;
  for (std::uint64_t total = 0; p < cand.size(); ++p) {
    const std::uint64_t next = total + cost[cand[p]];
    if (next > max_cost || (next > min_cost && p >= n / kProbeShare)) break;
    total = next;
  }
  probes = p;
  std::vector<std::uint32_t> near(n, 0);  // probes within 2 arcs (v itself included)
  if (p == 0) return near;
#pragma omp parallel
  {
    std::vector<std::uint32_t> stamp(n, 0);
    std::uint32_t round = 0;
#pragma omp for schedule(dynamic, 64)
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(p); ++i) {
      const VertexId w = cand[static_cast<std::size_t>(i)];
      ++round;
      auto mark = [&](VertexId u) {
        if (stamp[u] != round) {
          stamp[u] = round;
#pragma omp atomic
          ++near[u];
        }
      };
      mark(w);
      for (EdgeIndex e = rev.begin(w); e < rev.end(w); ++e) {
        const VertexId u = rev.targets[e];
        mark(u);
        for (EdgeIndex f = rev.begin(u); f < rev.end(u); ++f) mark(rev.targets[f]);
      }
    }
  }
  const auto total = static_cast<std::uint32_t>(p);
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) near[static_cast<std::size_t>(i)] = total - near[static_cast<std::size_t>(i)];
  return near;
}

TopKResult top_k(const CsrGraph& g, std::size_t k, const ClosenessOptions& opts, bool harmonic, RunContext& ctx) {
  const std::string who = harmonic ? "top_k_harmonic" : "top_k_closeness";
  const VertexId n = g.num_vertices();
  const bool weighted = opts.use_weights && g.weighted();
  if (weighted) detail::check_positive_weights(g, who);
  if (g.directed() && opts.reverse && !g.has_in_edges())
    throw InvalidArgument(who + ": reverse = true needs the in-adjacency of the directed graph (BuildOptions::build_in_edges)");
  TopKResult res;
  k = std::min<std::size_t>(k, n);
  if (k == 0) return res;
  const Adjacency a = detail::adjacency(g, !opts.reverse, weighted);
  const auto bounds = detail::path_bounds(g, !opts.reverse, weighted, /*with_reach=*/true, ctx);
  const Measure m{harmonic, opts.wasserman_faust, opts.normalized, n,
                  opts.normalized && n > 1 ? 1.0 / (static_cast<double>(n) - 1.0) : 1.0, bounds.reach_exact};

  // The transpose of a (bottom-up levels, probes); offsets == nullptr when unavailable.
  const Adjacency rev = !g.directed() ? a : (opts.reverse || g.has_in_edges()) && !weighted ? detail::adjacency(g, opts.reverse, false) : Adjacency{};
  // Unweighted: certificates of distance >= 3 from cheap probes, and a static bound per vertex (the
  // search's first check) to order the vertices and to stop once no remaining vertex can enter.
  std::vector<std::uint32_t> far;
  std::vector<double> bound0;
  if (!weighted) {
    if (rev.offsets != nullptr) {
      far = far_probe_counts(rev, n, kProbeMinCost * g.num_arcs(), kProbeMaxCost * g.num_arcs(), res.probes);
    }
    bound0.resize(n);
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
      const auto v = static_cast<VertexId>(i);
      const double more = static_cast<double>(bounds.reach_upper[v]);
      double near = more;
      if (!far.empty() && far[v] > 0) near = std::min(more, std::max(0.0, static_cast<double>(n) - 1.0 - far[v]));
      const double c1 = std::min(static_cast<double>(a.degree(v)), near);
      bound0[v] = m.bound(0, 0, 0, c1, 1.0, near - c1, 2.0, more, 3.0);
    }
  }
  // Highest static bound first, then highest degree first (ties: smaller id): hubs have high scores
  // and raise the cut early.
  std::vector<VertexId> order(n);
  for (VertexId v = 0; v < n; ++v) order[v] = v;
  std::stable_sort(order.begin(), order.end(), [&](VertexId x, VertexId y) {
    if (!bound0.empty() && bound0[x] != bound0[y]) return bound0[x] > bound0[y];
    return a.degree(x) > a.degree(y);
  });

  TopK top(k);
  std::vector<std::unique_ptr<Searcher>> searchers(static_cast<std::size_t>(max_threads()));
  std::vector<Outcome> outcomes(kBatch);
  for (std::size_t first = 0; first < n; first += kBatch) {
    ctx.check_cancelled();
    const std::size_t count = std::min<std::size_t>(kBatch, n - first);
    const double cut = top.cut();
    if (!bound0.empty() && bound0[order[first]] < cut) break;  // the rest would be cut at once
#pragma omp parallel for schedule(dynamic, 1) if (g.num_arcs() > 4096)
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(count); ++i) {
      auto& sr = searchers[static_cast<std::size_t>(omp_get_thread_num())];
      if (!sr) sr = std::make_unique<Searcher>(n, weighted);
      const VertexId v = order[first + static_cast<std::size_t>(i)];
      const double reach = static_cast<double>(bounds.reach_upper[v]);
      outcomes[static_cast<std::size_t>(i)] =
          weighted ? sr->dijkstra(a, v, reach, m, cut) : sr->bfs(a, rev, g.num_arcs(), !g.directed(), v, reach, far.empty() ? 0.0 : far[v], m, cut);
    }
    for (std::size_t i = 0; i < count; ++i) {
      const Outcome& o = outcomes[i];
      res.bfs_visits += o.visits;
      res.bottom_up_levels += o.bottom_up_levels;
      if (o.score) top.offer({key_of(*o.score), order[first + i], *o.score});
    }
    if ((first / kBatch) % 256 == 0) ctx.report(who, static_cast<double>(first + count) / static_cast<double>(n));
  }
  for (const Entry& e : top.items()) {
    res.vertices.push_back(e.v);
    res.score.push_back(e.score);
  }
  return res;
}

}  // namespace

TopKResult top_k_closeness(const CsrGraph& g, std::size_t k, const ClosenessOptions& opts, RunContext& ctx) {
  return top_k(g, k, opts, false, ctx);
}

TopKResult top_k_harmonic(const CsrGraph& g, std::size_t k, const ClosenessOptions& opts, RunContext& ctx) {
  return top_k(g, k, opts, true, ctx);
}

}  // namespace peerscout::centrality
