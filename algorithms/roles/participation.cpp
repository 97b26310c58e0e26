#include "algorithms/roles/participation.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "algorithms/centrality/pagerank.hpp"
#include "engine/csr_builder.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout::roles {

void ParticipationOptions::validate() const {
  if (min_ties < 1) throw InvalidArgument("participation: min_ties must be >= 1, got 0");
}

namespace {

std::uint32_t check_membership(const char* who, const CsrGraph& g, const std::vector<std::uint32_t>& membership) {
  const VertexId n = g.num_vertices();
  if (membership.size() != n)
    throw InvalidArgument(std::string(who) + ": the membership has " + std::to_string(membership.size()) +
                          " entries, the graph has " + std::to_string(n) + " vertices");
  std::uint32_t count = 0;
  for (VertexId v = 0; v < n; ++v) {
    if (membership[v] >= n)
      throw InvalidArgument(std::string(who) + ": community id " + std::to_string(membership[v]) + " of vertex " +
                            std::to_string(v) + " is not below the number of vertices (" + std::to_string(n) + ")");
    count = std::max(count, membership[v] + 1);
  }
  return count;
}

bool uses_in(const CsrGraph& g, TieDirection d) { return g.directed() && d != TieDirection::kOut; }
bool uses_out(const CsrGraph& g, TieDirection d) { return !g.directed() || d != TieDirection::kIn; }

void check_graph(const char* who, const CsrGraph& g, const ParticipationOptions& opts) {
  opts.validate();
  if (uses_in(g, opts.direction) && !g.has_in_edges())
    throw InvalidArgument(std::string(who) + ": the directed graph has no in-adjacency (needed for in-ties)");
  if (opts.use_weights && g.weighted()) {
    bool bad = false;
    for (const Weight w : g.weights())
      if (!(w >= 0.0F) || !std::isfinite(w)) bad = true;
    if (bad) throw InvalidArgument(std::string(who) + ": weights must be finite and >= 0 for the weighted variant");
  }
}

// Calls f(neighbour, weight) for every tie of v (loops skipped), out-arcs first, then in-arcs.
template <class F>
void for_each_tie(const CsrGraph& g, VertexId v, TieDirection d, bool weighted, F&& f) {
  if (uses_out(g, d)) {
    const auto nb = g.out_neighbors(v);
    const auto wt = g.out_weights(v);
    for (std::size_t i = 0; i < nb.size(); ++i)
      if (nb[i] != v) f(nb[i], weighted ? static_cast<double>(wt[i]) : 1.0);
  }
  if (uses_in(g, d)) {
    const auto nb = g.in_neighbors(v);
    const auto wt = g.in_weights(v);
    for (std::size_t i = 0; i < nb.size(); ++i)
      if (nb[i] != v) f(nb[i], weighted ? static_cast<double>(wt[i]) : 1.0);
  }
}

struct VertexTies {
  double degree = 0, within = 0, sum_squares = 0;
  std::uint32_t reached = 0;
};

// Per-thread scratch: a dense table over community ids, or a list of (community, weight) pairs
// sorted per vertex. Both sum each k_is in visit order and the squares in community order.
class TieCounter {
 public:
  TieCounter(std::uint32_t communities, bool dense) : dense_(dense) {
    if (dense_) {
      acc_.assign(communities, 0.0);
      ties_.assign(communities, 0);
    }
  }

  template <class ForEach>
  VertexTies count(std::uint32_t own, std::uint32_t min_ties, ForEach&& for_each) {
    VertexTies t;
    if (dense_) {
      touched_.clear();
      for_each([&](std::uint32_t c, double w) {
        if (ties_[c]++ == 0) touched_.push_back(c);
        acc_[c] += w;
        t.degree += w;
      });
      std::sort(touched_.begin(), touched_.end());
      for (const std::uint32_t c : touched_) {
        finish(t, own, c, acc_[c], ties_[c], min_ties);
        acc_[c] = 0.0;
        ties_[c] = 0;
      }
    } else {
      pairs_.clear();
      for_each([&](std::uint32_t c, double w) {
        pairs_.emplace_back(c, w);
        t.degree += w;
      });
      std::stable_sort(pairs_.begin(), pairs_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (std::size_t i = 0; i < pairs_.size();) {
        const std::uint32_t c = pairs_[i].first;
        double s = 0.0;
        std::uint64_t ties = 0;
        for (; i < pairs_.size() && pairs_[i].first == c; ++i, ++ties) s += pairs_[i].second;
        finish(t, own, c, s, ties, min_ties);
      }
    }
    if (t.degree > 0.0) t.sum_squares /= t.degree * t.degree;
    return t;
  }

 private:
  static void finish(VertexTies& t, std::uint32_t own, std::uint32_t c, double kis, std::uint64_t ties,
                     std::uint32_t min_ties) {
    if (c == own) t.within = kis;
    t.sum_squares += kis * kis;
    if (ties >= min_ties) ++t.reached;
  }

  bool dense_;
  std::vector<double> acc_;
  std::vector<std::uint64_t> ties_;
  std::vector<std::uint32_t> touched_;
  std::vector<std::pair<std::uint32_t, double>> pairs_;
};

}  // namespace

ParticipationResult participation(const CsrGraph& g, const std::vector<std::uint32_t>& membership,
                                  const ParticipationOptions& opts, RunContext& ctx) {
  const std::uint32_t count = check_membership("participation", g, membership);
  check_graph("participation", g, opts);
  auto phase = ctx.phase("roles/participation");
  const VertexId n = g.num_vertices();
  const bool weighted = opts.use_weights && g.weighted();
  ParticipationResult r;
  r.num_communities = count;
  r.degree.assign(n, 0.0);
  r.within.assign(n, 0.0);
  r.z.assign(n, 0.0);
  r.participation.assign(n, 0.0);
  r.communities_reached.assign(n, 0);
  const bool dense = count <= opts.dense_limit;
  const std::int64_t sn = n;
#pragma omp parallel if (sn > kParallelMin)
  {
    TieCounter counter(count, dense);
#pragma omp for schedule(dynamic, 1024)
    for (std::int64_t i = 0; i < sn; ++i) {
      const auto v = static_cast<VertexId>(i);
      const VertexTies t = counter.count(membership[v], opts.min_ties, [&](auto&& add) {
        for_each_tie(g, v, opts.direction, weighted, [&](VertexId u, double w) { add(membership[u], w); });
      });
      r.degree[v] = t.degree;
      r.within[v] = t.within;
      r.participation[v] = t.degree > 0.0 ? std::max(0.0, 1.0 - t.sum_squares) : 0.0;
      r.communities_reached[v] = t.reached;
    }
  }
  ctx.check_cancelled();

  // Community means and standard deviations of kappa: two serial passes in vertex order (exact
  // order, so the same bits for any thread count).
  std::vector<double> sum(count, 0.0), sq(count, 0.0);
  std::vector<std::uint64_t> size(count, 0);
  for (VertexId v = 0; v < n; ++v) {
    sum[membership[v]] += r.within[v];
    ++size[membership[v]];
  }
  r.community_mean.assign(count, 0.0);
  for (std::uint32_t c = 0; c < count; ++c)
    if (size[c] > 0) r.community_mean[c] = sum[c] / static_cast<double>(size[c]);
  for (VertexId v = 0; v < n; ++v) {
    const double d = r.within[v] - r.community_mean[membership[v]];
    sq[membership[v]] += d * d;
  }
  r.community_sd.assign(count, 0.0);
  for (std::uint32_t c = 0; c < count; ++c) {
    const double denom = static_cast<double>(size[c]) - (opts.sample_sd ? 1.0 : 0.0);
    if (denom > 0.0) r.community_sd[c] = std::sqrt(sq[c] / denom);
  }
#pragma omp parallel for schedule(static) if (sn > kParallelMin)
  for (std::int64_t i = 0; i < sn; ++i) {
    const auto v = static_cast<VertexId>(i);
    const std::uint32_t c = membership[v];
    const double sd = r.community_sd[c];
    r.z[v] = sd > 0.0 ? (r.within[v] - r.community_mean[c]) / sd : 0.0;
  }
  return r;
}

std::vector<CommunityTies> community_ties(const CsrGraph& g, std::span<const std::uint32_t> membership, VertexId v,
                                          const ParticipationOptions& opts) {
  opts.validate();
  const VertexId n = g.num_vertices();
  if (membership.size() != n)
    throw InvalidArgument("community_ties: the membership has " + std::to_string(membership.size()) +
                          " entries, the graph has " + std::to_string(n) + " vertices");
  if (v >= n)
    throw InvalidArgument("community_ties: vertex " + std::to_string(v) + " is out of range (graph has " +
                          std::to_string(n) + " vertices)");
  if (uses_in(g, opts.direction) && !g.has_in_edges())
    throw InvalidArgument("community_ties: the directed graph has no in-adjacency (needed for in-ties)");
  const bool weighted = opts.use_weights && g.weighted();
  std::vector<std::pair<std::uint32_t, double>> pairs;
  bool bad_weight = false, bad_id = false;
  for_each_tie(g, v, opts.direction, weighted, [&](VertexId u, double w) {
    if (!(w >= 0.0) || !std::isfinite(w)) bad_weight = true;
    if (membership[u] >= n) bad_id = true;
    pairs.emplace_back(membership[u], w);
  });
  if (bad_weight) throw InvalidArgument("community_ties: weights must be finite and >= 0 for the weighted variant");
  if (bad_id) throw InvalidArgument("community_ties: a neighbour's community id is not below the number of vertices");
  std::stable_sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<CommunityTies> out;
  for (std::size_t i = 0; i < pairs.size();) {
    const std::uint32_t c = pairs[i].first;
    double s = 0.0;
    std::uint64_t edges = 0;
    for (; i < pairs.size() && pairs[i].first == c; ++i, ++edges) s += pairs[i].second;
    out.push_back({c, s, edges});
  }
  std::sort(out.begin(), out.end(), [](const CommunityTies& a, const CommunityTies& b) {
    if (a.ties != b.ties) return a.ties > b.ties;
    if (a.edges != b.edges) return a.edges > b.edges;
    return a.community < b.community;
  });
  return out;
}

std::vector<double> local_pagerank(const CsrGraph& g, const std::vector<std::uint32_t>& membership,
                                   const LocalPageRankOptions& opts, RunContext& ctx) {
  const std::uint32_t count = check_membership("local_pagerank", g, membership);
  const VertexId n = g.num_vertices();
  if (n == 0) return {};
  auto phase = ctx.phase("roles/local_pagerank");
  const bool weighted = opts.use_weights && g.weighted();
  // Internal arcs, in CSR order (u ascending, then neighbour order): counted per vertex, scanned,
  // then written in parallel at fixed positions, so the list is the same for any thread count.
  auto internal_arc = [&](VertexId u, VertexId v) {
    return v != u && membership[v] == membership[u] && (g.directed() || v > u);  // undirected: each edge once
  };
  const std::int64_t sn = n;
  std::vector<EdgeIndex> start(static_cast<std::size_t>(n) + 1, 0);
#pragma omp parallel for schedule(dynamic, 1024) if (sn > kParallelMin)
  for (std::int64_t i = 0; i < sn; ++i) {
    const auto u = static_cast<VertexId>(i);
    EdgeIndex c = 0;
    for (const VertexId v : g.out_neighbors(u)) c += internal_arc(u, v) ? 1 : 0;
    start[u] = c;
  }
  const EdgeIndex m = exclusive_scan_inplace(start);
  start[n] = m;
  EdgeList internal;
  internal.src.resize(m);
  internal.dst.resize(m);
  if (weighted) internal.weight.resize(m);
#pragma omp parallel for schedule(dynamic, 1024) if (sn > kParallelMin)
  for (std::int64_t i = 0; i < sn; ++i) {
    const auto u = static_cast<VertexId>(i);
    const auto nb = g.out_neighbors(u);
    const auto wt = g.out_weights(u);
    EdgeIndex pos = start[u];
    for (std::size_t j = 0; j < nb.size(); ++j) {
      if (!internal_arc(u, nb[j])) continue;
      internal.src[pos] = u;
      internal.dst[pos] = nb[j];
      if (weighted) internal.weight[pos] = wt[j];
      ++pos;
    }
  }
  ctx.check_cancelled();
  const CsrGraph sub =
      build_csr(std::move(internal), n, {.directed = g.directed(), .duplicates = Duplicates::kKeepAll}).graph;
  const auto pr = centrality::pagerank(
      sub, {.damping = opts.damping, .tolerance = opts.tolerance, .max_iterations = opts.max_iterations,
            .use_weights = weighted},
      ctx);
  std::vector<double> total(count, 0.0);
  std::vector<std::uint64_t> size(count, 0);
  for (VertexId v = 0; v < n; ++v) {
    total[membership[v]] += pr.score[v];
    ++size[membership[v]];
  }
  std::vector<double> out(n, 1.0);
  for (VertexId v = 0; v < n; ++v) {
    const std::uint32_t c = membership[v];
    if (total[c] > 0.0) out[v] = pr.score[v] * static_cast<double>(size[c]) / total[c];
  }
  return out;
}

}  // namespace peerscout::roles
