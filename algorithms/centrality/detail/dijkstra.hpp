#pragma once
/// A reusable single-source Dijkstra over one adjacency direction with arc lengths 1/w, internal to
/// the closeness family. Settle order: by (distance, vertex id) through a lazy binary heap, so the
/// visit sequence, and any sum accumulated along it, is a pure function of the graph and the source.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <utility>
#include <vector>

#include "algorithms/centrality/detail/paths.hpp"

namespace peerscout::centrality::detail {

class Dijkstra {
 public:
  explicit Dijkstra(VertexId n) : dist_(n, kInf), done_(n, 0) {}

  /// Runs from s over `a`; calls visit(v, d) for every settled v != s in settle order and stops
  /// early when visit returns false. next_distance() inside visit: the smallest tentative distance
  /// still queued (a lower bound on every vertex not settled yet), +inf when none.
  template <class Visit>
  void run(const Adjacency& a, VertexId s, Visit&& visit) {
    const auto cmp = std::greater<>();
    heap_.clear();
    touched_.clear();
    heap_.emplace_back(0.0, s);
    dist_[s] = 0.0;
    touched_.push_back(s);
    while (!heap_.empty()) {
      std::pop_heap(heap_.begin(), heap_.end(), cmp);
      const auto [d, v] = heap_.back();
      heap_.pop_back();
      if (done_[v] != 0 || d != dist_[v]) continue;
      done_[v] = 1;
      for (EdgeIndex e = a.begin(v); e < a.end(v); ++e) {
        const VertexId w = a.targets[e];
        const double alt = d + arc_length(a.weights[e]);
        if (alt < dist_[w]) {
          if (dist_[w] == kInf) touched_.push_back(w);
          dist_[w] = alt;
          heap_.emplace_back(alt, w);
          std::push_heap(heap_.begin(), heap_.end(), cmp);
        }
      }
      if (v != s && !visit(v, d)) break;
    }
    for (VertexId v : touched_) {
      dist_[v] = kInf;
      done_[v] = 0;
    }
  }

  /// Lower bound on the distance of every vertex not settled yet (valid inside visit()).
  double next_distance() {
    // Stale entries only make the bound smaller (still valid).
    return heap_.empty() ? kInf : heap_.front().first;
  }

  static constexpr double kInf = std::numeric_limits<double>::infinity();

 private:
  std::vector<double> dist_;
  std::vector<std::uint8_t> done_;
  std::vector<VertexId> touched_;
  std::vector<std::pair<double, VertexId>> heap_;
};

}  // namespace peerscout::centrality::detail
