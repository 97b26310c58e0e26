#include "algorithms/centrality/top_closeness.hpp"

#include <omp.h>

#include <algorithm>
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

  // Exact score from the sums (the same formulas as closeness() / harmonic()).
  double score(double x, double s, double h) const {
    return harmonic ? h * h_scale : detail::closeness_formula(x, s, n, wasserman_faust, normalized);
  }
  // Upper bound when x vertices are known (sum s, harmonic sum h) and at most `more` others are
  // reachable, the first `first` of them at distance >= d1 and the rest at distance >= d2.
  double bound(double x, double s, double h, double first, double d1, double more, double d2) const {
    if (harmonic) return (h + first / d1 + (more - first) / d2) * h_scale;
    auto at = [&](double k) {
      const double in_first = std::min(k, first);
      return key_of(detail::closeness_formula(x + k, s + d1 * in_first + d2 * (k - in_first), n, wasserman_faust, normalized));
    };
    return std::max({at(0.0), at(first), at(more)});
  }
};

struct Outcome {
  std::optional<double> score;  // empty: cut
  std::uint64_t visits = 0;
};

class Searcher {
 public:
  Searcher(VertexId n, bool weighted) : level_(n, -1) {
    if (weighted) dijkstra_ = std::make_unique<detail::Dijkstra>(n);
  }

  // Level-synchronous BFS from v with the level bound checked before each expansion.
  Outcome bfs(const Adjacency& a, bool undirected, VertexId v, double reach, const Measure& m, double cut) {
    Outcome out;
    queue_.clear();
    queue_.push_back(v);
    level_[v] = 0;
    std::size_t begin = 0;
    double x = 0, h = 0;
    std::uint64_t s = 0;
    double next_bound = static_cast<double>(a.degree(v));  // vertices at distance L + 1, at most
    for (std::int32_t level = 0;; ++level) {
      const double more = std::max(0.0, reach - x);
      const double first = std::min(next_bound, more);
      if (m.bound(x, static_cast<double>(s), h, first, level + 1.0, more, level + 2.0) < cut) break;
      const std::size_t end = queue_.size();
      next_bound = 0;
      for (std::size_t i = begin; i < end; ++i) {
        const VertexId u = queue_[i];
        for (EdgeIndex e = a.begin(u); e < a.end(u); ++e) {
          const VertexId w = a.targets[e];
          if (level_[w] < 0) {
            level_[w] = level + 1;
            queue_.push_back(w);
            next_bound += static_cast<double>(a.degree(w)) - (undirected ? 1.0 : 0.0);
          }
        }
      }
      const std::size_t found = queue_.size() - end;
      if (found == 0) {
        out.score = m.score(x, static_cast<double>(s), h);
        break;
      }
      x += static_cast<double>(found);
      s += static_cast<std::uint64_t>(found) * static_cast<std::uint64_t>(level + 1);
      h += static_cast<double>(found) / static_cast<double>(level + 1);  // canonical order: by level
      begin = end;
    }
    out.visits = queue_.size();
    for (VertexId u : queue_) level_[u] = -1;
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
      if (dmin < detail::Dijkstra::kInf && more > 0 && m.bound(x, s, h, more, dmin, more, dmin) < cut) {
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
  std::vector<std::int32_t> level_;
  std::vector<VertexId> queue_;
  std::unique_ptr<detail::Dijkstra> dijkstra_;
};

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
                  opts.normalized && n > 1 ? 1.0 / (static_cast<double>(n) - 1.0) : 1.0};

  // Highest degree first (ties: smaller id): hubs have high scores and raise the cut early.
  std::vector<VertexId> order(n);
  for (VertexId v = 0; v < n; ++v) order[v] = v;
  std::stable_sort(order.begin(), order.end(), [&](VertexId x, VertexId y) { return a.degree(x) > a.degree(y); });

  TopK top(k);
  std::vector<std::unique_ptr<Searcher>> searchers(static_cast<std::size_t>(max_threads()));
  std::vector<Outcome> outcomes(kBatch);
  for (std::size_t first = 0; first < n; first += kBatch) {
    ctx.check_cancelled();
    const std::size_t count = std::min<std::size_t>(kBatch, n - first);
    const double cut = top.cut();
#pragma omp parallel for schedule(dynamic, 1) if (g.num_arcs() > 4096)
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(count); ++i) {
      auto& sr = searchers[static_cast<std::size_t>(omp_get_thread_num())];
      if (!sr) sr = std::make_unique<Searcher>(n, weighted);
      const VertexId v = order[first + static_cast<std::size_t>(i)];
      const double reach = static_cast<double>(bounds.reach_upper[v]);
      outcomes[static_cast<std::size_t>(i)] =
          weighted ? sr->dijkstra(a, v, reach, m, cut) : sr->bfs(a, !g.directed(), v, reach, m, cut);
    }
    for (std::size_t i = 0; i < count; ++i) {
      const Outcome& o = outcomes[i];
      res.bfs_visits += o.visits;
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
