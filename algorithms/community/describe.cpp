#include "algorithms/community/describe.hpp"

#include <algorithm>
#include <string>
#include <variant>

#include "algorithms/centrality/pagerank.hpp"
#include "algorithms/structure/components.hpp"
#include "engine/csr_builder.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout::community {

CommunityStats describe(const CsrGraph& g, const Partition& p, std::size_t top_k, RunContext& ctx) {
  if (g.directed()) throw InvalidArgument("describe: the graph must be undirected (see engine/symmetrize.hpp)");
  const VertexId n = g.num_vertices();
  if (p.membership.size() != n)
    throw InvalidArgument("describe: the partition has " + std::to_string(p.membership.size()) +
                          " entries, the graph has " + std::to_string(n) + " vertices");
  for (auto c : p.membership)
    if (c >= p.count) throw InvalidArgument("describe: community id " + std::to_string(c) + " >= count " + std::to_string(p.count));
  auto phase = ctx.phase("community describe");
  const auto& m = p.membership;
  CommunityStats s;
  const std::uint32_t k = p.count;
  s.size.assign(k, 0);
  s.internal_edges.assign(k, 0.0);
  s.density.assign(k, 0.0);
  s.conductance.assign(k, 0.0);
  s.components.assign(k, 0);
  s.top_members.assign(k, {});
  std::vector<double> vol(k, 0.0), cut(k, 0.0);
  EdgeList internal;
  double vol_total = 0;
  for (VertexId u = 0; u < n; ++u) {
    ++s.size[m[u]];
    for (VertexId v : g.out_neighbors(u)) {
      if (v == u) continue;
      vol[m[u]] += 1.0;
      vol_total += 1.0;
      if (m[v] == m[u]) {
        if (u < v) {
          s.internal_edges[m[u]] += 1.0;
          internal.add(u, v);
        }
      } else {
        cut[m[u]] += 1.0;
      }
    }
  }
  for (std::uint32_t c = 0; c < k; ++c) {
    const double sz = static_cast<double>(s.size[c]);
    s.density[c] = s.size[c] > 1 ? s.internal_edges[c] / (sz * (sz - 1.0) / 2.0) : 0.0;
    const double den = std::min(vol[c], vol_total - vol[c]);
    s.conductance[c] = den > 0.0 ? cut[c] / den : 0.0;
  }
  ctx.check_cancelled();
  const CsrGraph ind = build_csr(std::move(internal), n, {.directed = false}).graph;
  const auto comps = structure::weak_components(ind, ctx);
  // component ids are numbered by smallest vertex: count each component once, at its first vertex
  std::vector<char> seen(comps.count, 0);
  for (VertexId v = 0; v < n; ++v) {
    const auto cid = comps.membership[v];
    if (!seen[cid]) {
      seen[cid] = 1;
      ++s.components[m[v]];
    }
  }
  if (top_k > 0 && n > 0) {
    ctx.check_cancelled();
    const auto pr = centrality::pagerank(ind, {}, ctx);
    std::vector<VertexId> order(n);
    for (VertexId v = 0; v < n; ++v) order[v] = v;
    std::sort(order.begin(), order.end(), [&](VertexId a, VertexId b) {
      if (m[a] != m[b]) return m[a] < m[b];
      if (pr.score[a] != pr.score[b]) return pr.score[a] > pr.score[b];
      return a < b;
    });
    for (VertexId v : order)
      if (s.top_members[m[v]].size() < top_k) s.top_members[m[v]].push_back(v);
  }
  return s;
}

namespace {

// Dominant value per community given value ids (ids ordered so that a smaller id wins ties).
void dominant(const Partition& p, const std::vector<std::uint32_t>& value_id, const std::vector<std::string>& names,
              AttributeProfile& out) {
  const std::size_t n = p.membership.size();
  std::vector<std::uint64_t> keys(n);
  for (std::size_t v = 0; v < n; ++v) keys[v] = (static_cast<std::uint64_t>(p.membership[v]) << 32) | value_id[v];
  std::sort(keys.begin(), keys.end());
  out.dominant_value.assign(p.count, "");
  out.dominant_share.assign(p.count, 0.0);
  std::vector<std::uint64_t> best(p.count, 0), size(p.count, 0);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && keys[j] == keys[i]) ++j;
    const auto c = static_cast<std::uint32_t>(keys[i] >> 32);
    const auto val = static_cast<std::uint32_t>(keys[i] & 0xFFFFFFFFu);
    size[c] += j - i;
    if (j - i > best[c]) {  // strictly more: the smaller value id (met first) wins ties
      best[c] = j - i;
      out.dominant_value[c] = names[val];
    }
    i = j;
  }
  for (std::uint32_t c = 0; c < p.count; ++c)
    out.dominant_share[c] = size[c] > 0 ? static_cast<double>(best[c]) / static_cast<double>(size[c]) : 0.0;
}

}  // namespace

std::vector<AttributeProfile> profiles(const Partition& p, const std::vector<NamedColumn>& attributes) {
  std::vector<AttributeProfile> out;
  const std::size_t n = p.membership.size();
  for (const auto& col : attributes) {
    if (column_size(col.values) != n)
      throw InvalidArgument("profiles: attribute '" + col.name + "' has " + std::to_string(column_size(col.values)) +
                            " entries, the partition has " + std::to_string(n) + " vertices");
    std::vector<std::uint32_t> value_id(n);
    std::vector<std::string> names;
    if (const auto* sc = std::get_if<StringColumn>(&col.values)) {
      std::vector<std::string_view> distinct(n);
      for (std::size_t v = 0; v < n; ++v) distinct[v] = (*sc)[v];
      std::sort(distinct.begin(), distinct.end());
      distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
      for (std::size_t v = 0; v < n; ++v)
        value_id[v] = static_cast<std::uint32_t>(std::lower_bound(distinct.begin(), distinct.end(), (*sc)[v]) - distinct.begin());
      for (auto d : distinct) names.emplace_back(d);
    } else if (const auto* ic = std::get_if<std::vector<std::int64_t>>(&col.values)) {
      std::vector<std::int64_t> distinct(*ic);
      std::sort(distinct.begin(), distinct.end());
      distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
      if (distinct.size() > kMaxProfileValues) continue;
      for (std::size_t v = 0; v < n; ++v)
        value_id[v] = static_cast<std::uint32_t>(std::lower_bound(distinct.begin(), distinct.end(), (*ic)[v]) - distinct.begin());
      for (auto d : distinct) names.push_back(std::to_string(d));
    } else {
      continue;  // float columns
    }
    AttributeProfile prof;
    prof.attribute = col.name;
    dominant(p, value_id, names, prof);
    out.push_back(std::move(prof));
  }
  return out;
}

}  // namespace peerscout::community
