#include "algorithms/influence/baselines.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <queue>
#include <string>

#include "engine/error.hpp"

namespace peerscout::influence {

namespace {

std::vector<std::uint8_t> excluded_mask(VertexId n, const std::vector<VertexId>& excluded, const char* who) {
  std::vector<std::uint8_t> mask(n, 0);
  for (VertexId v : excluded) {
    if (v >= n)
      throw InvalidArgument(std::string(who) + ": excluded vertex " + std::to_string(v) + " is out of range (n = " +
                            std::to_string(n) + ")");
    mask[v] = 1;
  }
  return mask;
}

template <class Key>
struct HeapEntry {
  Key key;
  VertexId v;
  bool operator<(const HeapEntry& o) const noexcept { return key != o.key ? key < o.key : v > o.v; }
};

}  // namespace

std::vector<double> follower_counts(const DiffusionGraph& g) {
  std::vector<double> d(g.num_vertices());
  for (VertexId v = 0; v < g.num_vertices(); ++v) d[v] = static_cast<double>(g.out_degree(v));
  return d;
}

std::vector<VertexId> top_k_by_score(const std::vector<double>& score, std::size_t k,
                                     const std::vector<VertexId>& excluded, RunContext& ctx) {
  ctx.check_cancelled();
  if (score.size() >= kNoVertex) throw InvalidArgument("top_k_by_score: too many scores");
  const auto n = static_cast<VertexId>(score.size());
  const auto mask = excluded_mask(n, excluded, "top_k_by_score");
  std::vector<VertexId> ids;
  ids.reserve(n);
  for (VertexId v = 0; v < n; ++v)
    if (!mask[v]) ids.push_back(v);
  const auto before = [&](VertexId a, VertexId b) {
    const bool na = std::isnan(score[a]), nb = std::isnan(score[b]);
    if (na != nb) return nb;
    if (!na && score[a] != score[b]) return score[a] > score[b];
    return a < b;
  };
  k = std::min(k, ids.size());
  std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(k), ids.end(), before);
  ids.resize(k);
  return ids;
}

std::vector<VertexId> degree_discount(const DiffusionGraph& g, std::size_t k, double p,
                                      const std::vector<VertexId>& excluded, RunContext& ctx) {
  ctx.check_cancelled();
  if (!(p >= 0.0 && p <= 1.0)) throw InvalidArgument("degree_discount: p must be in [0, 1], got " + std::to_string(p));
  const VertexId n = g.num_vertices();
  const auto mask = excluded_mask(n, excluded, "degree_discount");
  std::vector<std::uint64_t> t_in(n, 0), t_out(n, 0);
  std::vector<double> dd(n);
  std::vector<std::uint8_t> chosen(n, 0);
  const auto score = [&](VertexId v) {
    const double eff = static_cast<double>(g.out_degree(v)) - static_cast<double>(t_out[v]);
    return eff - static_cast<double>(t_in[v]) - eff * static_cast<double>(t_in[v]) * p;
  };
  std::vector<HeapEntry<double>> init;
  for (VertexId v = 0; v < n; ++v) {
    dd[v] = score(v);
    if (!mask[v]) init.push_back({dd[v], v});
  }
  std::priority_queue<HeapEntry<double>> heap(std::less<HeapEntry<double>>{}, std::move(init));
  std::vector<VertexId> seeds;
  const auto refresh = [&](VertexId u) {
    if (chosen[u] || mask[u]) return;
    const double s = score(u);
    if (s != dd[u]) {
      dd[u] = s;
      heap.push({s, u});
    }
  };
  while (seeds.size() < k && !heap.empty()) {
    const auto e = heap.top();
    heap.pop();
    if (chosen[e.v] || e.key != dd[e.v]) continue;
    chosen[e.v] = 1;
    seeds.push_back(e.v);
    ctx.check_cancelled();
    for (VertexId u : g.receivers(e.v)) ++t_in[u];
    for (VertexId w : g.senders(e.v)) ++t_out[w];
    for (VertexId u : g.receivers(e.v)) refresh(u);
    for (VertexId w : g.senders(e.v)) refresh(w);
  }
  return seeds;
}

std::vector<VertexId> vote_rank(const DiffusionGraph& g, std::size_t k, const std::vector<VertexId>& excluded,
                                RunContext& ctx) {
  ctx.check_cancelled();
  const VertexId n = g.num_vertices();
  const auto mask = excluded_mask(n, excluded, "vote_rank");
  const auto m = static_cast<std::int64_t>(g.num_arcs());
  std::vector<VertexId> seeds;
  if (n == 0 || m == 0) return seeds;
  // Units of 1/(2m): full ability = 2m, one reduction (1/<k> = n/(2m)) = n.
  const std::int64_t full = 2 * m;
  const auto step = static_cast<std::int64_t>(n);
  std::vector<std::int64_t> ability(n, full), score(n, 0);
  for (VertexId v = 0; v < n; ++v) score[v] = full * static_cast<std::int64_t>(g.out_degree(v));
  std::vector<std::uint8_t> chosen(n, 0);
  std::vector<HeapEntry<std::int64_t>> init;
  for (VertexId v = 0; v < n; ++v)
    if (!mask[v] && score[v] > 0) init.push_back({score[v], v});
  std::priority_queue<HeapEntry<std::int64_t>> heap(std::less<HeapEntry<std::int64_t>>{}, std::move(init));
  // Abilities only decrease, so scores only decrease: a heap entry is an upper bound of its
  // vertex's score and is refreshed lazily when it reaches the top (as in CELF).
  const auto set_ability = [&](VertexId w, std::int64_t a) {
    const std::int64_t delta = a - ability[w];
    ability[w] = a;
    if (delta != 0)
      for (VertexId x : g.senders(w)) score[x] += delta;  // w votes for its senders
  };
  while (seeds.size() < k && !heap.empty()) {
    const auto e = heap.top();
    heap.pop();
    if (chosen[e.v]) continue;
    if (e.key != score[e.v]) {
      if (score[e.v] > 0) heap.push({score[e.v], e.v});
      continue;
    }
    if (e.key <= 0) break;
    const VertexId v = e.v;
    chosen[v] = 1;
    seeds.push_back(v);
    ctx.check_cancelled();
    set_ability(v, 0);
    for (VertexId u : g.receivers(v)) set_ability(u, std::max<std::int64_t>(0, ability[u] - step));
  }
  return seeds;
}

}  // namespace peerscout::influence
