#include "algorithms/centrality/detail/path_bounds.hpp"

#include <algorithm>

#include "algorithms/centrality/detail/paths.hpp"
#include "algorithms/structure/components.hpp"
#include "engine/error.hpp"

namespace peerscout::centrality::detail {

namespace {

// BFS from r over `a`, restricted to vertices with membership[v] == c; returns the eccentricity of r
// inside the component. `level` must be all -1 and is left so; `queue` is scratch.
std::uint32_t ecc_within(const Adjacency& a, VertexId r, const std::vector<VertexId>& membership, VertexId c,
                         std::vector<std::int32_t>& level, std::vector<VertexId>& queue) {
  queue.clear();
  queue.push_back(r);
  level[r] = 0;
  std::int32_t last = 0;
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const VertexId v = queue[head];
    last = level[v];
    for (EdgeIndex e = a.begin(v); e < a.end(v); ++e) {
      const VertexId w = a.targets[e];
      if (level[w] < 0 && membership[w] == c) {
        level[w] = level[v] + 1;
        queue.push_back(w);
      }
    }
  }
  for (VertexId v : queue) level[v] = -1;
  return static_cast<std::uint32_t>(last);
}

}  // namespace

PathBounds path_bounds(const CsrGraph& g, bool out, bool weighted, bool with_reach, RunContext& ctx) {
  PathBounds b;
  const VertexId n = g.num_vertices();
  if (n == 0) return b;
  if (g.directed() && !out && !g.has_in_edges())
    throw InvalidArgument("the directed graph was built without in-adjacency (BuildOptions::build_in_edges)");
  std::vector<std::int32_t> level(n, -1);
  std::vector<VertexId> queue;

  if (!g.directed()) {
    const auto cc = structure::weak_components(g, ctx);
    if (with_reach) {
      b.reach_upper.resize(n);
      for (VertexId v = 0; v < n; ++v) b.reach_upper[v] = cc.sizes[cc.membership[v]] - 1;
      b.reach_exact = true;
    }
    if (weighted) {
      b.vertex_diameter = *std::max_element(cc.sizes.begin(), cc.sizes.end());
      return b;
    }
    // Root of each component: its highest-degree vertex (smallest id on ties).
    std::vector<VertexId> root(cc.count, kNoVertex);
    for (VertexId v = 0; v < n; ++v) {
      VertexId& r = root[cc.membership[v]];
      if (r == kNoVertex || g.out_degree(v) > g.out_degree(r)) r = v;
    }
    ctx.check_cancelled();
    const Adjacency a = adjacency(g, true, false);
    for (VertexId c = 0; c < cc.count; ++c) {
      std::uint64_t bound = cc.sizes[c];
      if (bound > 2) bound = std::min<std::uint64_t>(bound, 2ULL * ecc_within(a, root[c], cc.membership, c, level, queue) + 1);
      b.vertex_diameter = std::max(b.vertex_diameter, bound);
    }
    return b;
  }

  const auto scc = structure::strong_components(g, ctx);
  const VertexId nc = scc.count;
  // Vertices grouped by component (counting sort), then each component's distinct successors.
  std::vector<VertexId> start(static_cast<std::size_t>(nc) + 1, 0), members(n);
  for (VertexId v = 0; v < n; ++v) ++start[scc.membership[v] + 1];
  for (VertexId c = 0; c < nc; ++c) start[c + 1] += start[c];
  {
    std::vector<VertexId> pos(start.begin(), start.end() - 1);
    for (VertexId v = 0; v < n; ++v) members[pos[scc.membership[v]]++] = v;
  }
  std::vector<EdgeIndex> dag_off(static_cast<std::size_t>(nc) + 1, 0);
  std::vector<VertexId> dag;
  std::vector<VertexId> stamp(nc, kNoVertex);
  std::vector<VertexId> indeg(nc, 0);
  for (VertexId c = 0; c < nc; ++c) {
    stamp[c] = c;
    for (VertexId i = start[c]; i < start[c + 1]; ++i) {
      for (VertexId w : g.out_neighbors(members[i])) {
        const VertexId d = scc.membership[w];
        if (stamp[d] != c) {
          stamp[d] = c;
          dag.push_back(d);
          ++indeg[d];
        }
      }
    }
    dag_off[c + 1] = dag.size();
  }
  ctx.check_cancelled();
  // Topological order (Kahn).
  std::vector<VertexId> topo;
  topo.reserve(nc);
  for (VertexId c = 0; c < nc; ++c)
    if (indeg[c] == 0) topo.push_back(c);
  for (std::size_t h = 0; h < topo.size(); ++h) {
    const VertexId c = topo[h];
    for (EdgeIndex e = dag_off[c]; e < dag_off[c + 1]; ++e)
      if (--indeg[dag[e]] == 0) topo.push_back(dag[e]);
  }
  PS_ASSERT(topo.size() == nc, "the condensation of a graph is acyclic");

  // Vertex bound per component, then the heaviest DAG path (reverse topological order).
  const bool bfs = !weighted && g.has_in_edges();
  const Adjacency fwd = adjacency(g, true, false);
  const Adjacency bwd = bfs ? adjacency(g, false, false) : Adjacency{};
  std::vector<std::uint64_t> heaviest(nc, 0);
  for (std::size_t i = topo.size(); i-- > 0;) {
    const VertexId c = topo[i];
    const VertexId size = start[c + 1] - start[c];
    std::uint64_t w = size;
    if (bfs && size > 2) {
      VertexId r = members[start[c]];
      for (VertexId k = start[c]; k < start[c + 1]; ++k) {
        const VertexId v = members[k];
        if (g.out_degree(v) + g.in_degree(v) > g.out_degree(r) + g.in_degree(r)) r = v;
      }
      const std::uint64_t diam = std::uint64_t{ecc_within(fwd, r, scc.membership, c, level, queue)} +
                                 ecc_within(bwd, r, scc.membership, c, level, queue);
      w = std::min<std::uint64_t>(w, diam + 1);
    }
    std::uint64_t best = 0;
    for (EdgeIndex e = dag_off[c]; e < dag_off[c + 1]; ++e) best = std::max(best, heaviest[dag[e]]);
    heaviest[c] = std::min<std::uint64_t>(n, w + best);
    b.vertex_diameter = std::max(b.vertex_diameter, heaviest[c]);
  }
  if (!with_reach) return b;

  // Reach sums: along the arcs, R(c) collects its successors (reverse topological order); against
  // them, its predecessors (topological order, pushing R(c) into the successors).
  std::vector<std::uint64_t> reach(nc, 0);
  if (out) {
    for (std::size_t i = topo.size(); i-- > 0;) {
      const VertexId c = topo[i];
      std::uint64_t r = start[c + 1] - start[c];
      for (EdgeIndex e = dag_off[c]; e < dag_off[c + 1] && r < n; ++e) r += reach[dag[e]];
      reach[c] = std::min<std::uint64_t>(r, n);
    }
  } else {
    for (const VertexId c : topo) {
      reach[c] = std::min<std::uint64_t>(reach[c] + (start[c + 1] - start[c]), n);
      for (EdgeIndex e = dag_off[c]; e < dag_off[c + 1]; ++e) reach[dag[e]] = std::min<std::uint64_t>(reach[dag[e]] + reach[c], n);
    }
  }
  b.reach_upper.resize(n);
  for (VertexId v = 0; v < n; ++v) b.reach_upper[v] = static_cast<VertexId>(reach[scc.membership[v]] - 1);
  return b;
}

}  // namespace peerscout::centrality::detail
