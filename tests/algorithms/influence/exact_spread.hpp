#pragma once
// Exact expected spreads on tiny diffusion graphs by enumerating every live-edge world, written
// from the model definitions only (independent of the library's samplers):
//   IC: each arc is live independently with its probability (2^m worlds);
//   LT: each receiver picks at most one incoming arc, arc (v -> u) with probability p(v, u) and
//       none with 1 - sum (prod_u (in-degree(u) + 1) worlds).
// In each world the spread of S is the number of target vertices reachable from S over live arcs.
#include <bit>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <vector>

#include "algorithms/influence/diffusion.hpp"

namespace peerscout::test {

struct TinyArc {
  VertexId from, to;
  double p;
};

class ExactSpread {
 public:
  ExactSpread(VertexId n, std::vector<TinyArc> arcs, influence::Model model) : n_(n), arcs_(std::move(arcs)) {
    if (n > 30) throw std::logic_error("ExactSpread: at most 30 vertices");
    if (model == influence::Model::kIndependentCascade) {
      if (arcs_.size() > 22) throw std::logic_error("ExactSpread: at most 22 arcs for IC");
      const std::uint64_t worlds = std::uint64_t{1} << arcs_.size();
      for (std::uint64_t w = 0; w < worlds; ++w) {
        double pr = 1.0;
        std::vector<std::uint8_t> live(arcs_.size());
        for (std::size_t e = 0; e < arcs_.size(); ++e) {
          live[e] = (w >> e) & 1U;
          pr *= live[e] ? arcs_[e].p : 1.0 - arcs_[e].p;
        }
        if (pr > 0) add_world(pr, live);
      }
    } else {
      // in-arcs per receiver
      std::vector<std::vector<std::size_t>> in(n);
      for (std::size_t e = 0; e < arcs_.size(); ++e) in[arcs_[e].to].push_back(e);
      std::vector<std::uint8_t> live(arcs_.size(), 0);
      std::function<void(VertexId, double)> rec = [&](VertexId u, double pr) {
        if (u == n_) {
          if (pr > 0) add_world(pr, live);
          return;
        }
        double none = 1.0;
        for (std::size_t e : in[u]) {
          none -= arcs_[e].p;
          live[e] = 1;
          rec(u + 1, pr * arcs_[e].p);
          live[e] = 0;
        }
        rec(u + 1, pr * std::max(0.0, none));
      };
      rec(0, 1.0);
    }
  }

  /// Exact expected number of vertices of `target` (bit mask; all when 0) reached from `seeds`.
  double spread(const std::vector<VertexId>& seeds, std::uint32_t target = 0) const {
    if (target == 0) target = n_ == 32 ? ~0U : (1U << n_) - 1U;
    double s = 0.0;
    for (std::size_t w = 0; w < prob_.size(); ++w) {
      std::uint32_t r = 0;
      for (VertexId v : seeds) r |= reach_[w * n_ + v];
      s += prob_[w] * std::popcount(r & target);
    }
    return s;
  }

  /// Best spread over all seed sets of size k among `allowed` vertices (all when empty).
  double optimum(std::size_t k, std::uint32_t target = 0, std::vector<VertexId> allowed = {}) const {
    if (allowed.empty())
      for (VertexId v = 0; v < n_; ++v) allowed.push_back(v);
    double best = 0;
    std::vector<VertexId> cur;
    std::function<void(std::size_t)> rec = [&](std::size_t start) {
      if (cur.size() == k) {
        best = std::max(best, spread(cur, target));
        return;
      }
      for (std::size_t i = start; i < allowed.size(); ++i) {
        cur.push_back(allowed[i]);
        rec(i + 1);
        cur.pop_back();
      }
    };
    rec(0);
    return best;
  }

  /// Best spread over seed sets whose total cost is <= budget.
  double budget_optimum(const std::vector<double>& cost, double budget, std::uint32_t target = 0) const {
    double best = 0;
    for (std::uint32_t mask = 0; mask < (1U << n_); ++mask) {
      double c = 0;
      std::vector<VertexId> s;
      for (VertexId v = 0; v < n_; ++v)
        if (mask >> v & 1U) {
          c += cost[v];
          s.push_back(v);
        }
      if (c <= budget) best = std::max(best, spread(s, target));
    }
    return best;
  }

  influence::DiffusionGraph graph() const {
    std::vector<VertexId> from, to;
    std::vector<float> p;
    for (const auto& a : arcs_) {
      from.push_back(a.from);
      to.push_back(a.to);
      p.push_back(static_cast<float>(a.p));
    }
    return influence::DiffusionGraph::from_arcs(n_, from, to, p);
  }

 private:
  void add_world(double pr, const std::vector<std::uint8_t>& live) {
    prob_.push_back(pr);
    for (VertexId s = 0; s < n_; ++s) {
      std::uint32_t seen = 1U << s;
      bool grew = true;
      while (grew) {
        grew = false;
        for (std::size_t e = 0; e < arcs_.size(); ++e)
          if (live[e] && (seen >> arcs_[e].from & 1U) && !(seen >> arcs_[e].to & 1U)) {
            seen |= 1U << arcs_[e].to;
            grew = true;
          }
      }
      reach_.push_back(seen);
    }
  }

  VertexId n_;
  std::vector<TinyArc> arcs_;
  std::vector<double> prob_;
  std::vector<std::uint32_t> reach_;
};

}  // namespace peerscout::test
