#include "algorithms/structure/components.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <utility>

#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout::structure {

namespace {

// Lock-free union-find whose roots are always the smallest vertex of their set: a root is only
// ever linked under a smaller root (by CAS on its parent), so parent[x] <= x everywhere and the
// final root of a set does not depend on the order in which unions happened.
class MinRootForest {
 public:
  explicit MinRootForest(VertexId n) : parent_(n) {
    const auto nn = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(static) if (nn > kParallelMin)
    for (std::int64_t i = 0; i < nn; ++i) parent_[static_cast<std::size_t>(i)] = static_cast<VertexId>(i);
  }

  VertexId find(VertexId x) {
    while (true) {
      std::atomic_ref<VertexId> px_ref(parent_[x]);
      const VertexId px = px_ref.load(std::memory_order_relaxed);
      if (px == x) return x;
      const VertexId gpx = std::atomic_ref<VertexId>(parent_[px]).load(std::memory_order_relaxed);
      // Path halving: any ancestor is a valid parent, so a racing write is harmless.
      if (gpx != px) px_ref.store(gpx, std::memory_order_relaxed);
      x = gpx;
    }
  }

  void unite(VertexId a, VertexId b) {
    while (true) {
      a = find(a);
      b = find(b);
      if (a == b) return;
      if (a < b) std::swap(a, b);  // link the larger root under the smaller one
      VertexId expected = a;
      if (std::atomic_ref<VertexId>(parent_[a]).compare_exchange_weak(expected, b, std::memory_order_relaxed)) return;
    }
  }

  std::vector<VertexId>& parents() { return parent_; }

 private:
  std::vector<VertexId> parent_;
};

// Turns per-vertex representatives (`rep[v]`, the same value for all vertices of a component and
// equal to v for exactly one vertex of it, its smallest) into membership numbered by smallest id.
ComponentsResult number_by_smallest(std::vector<VertexId>&& rep) {
  ComponentsResult r;
  const auto n = static_cast<VertexId>(rep.size());
  std::vector<VertexId> id(n, kNoVertex);
  for (VertexId v = 0; v < n; ++v) {
    if (rep[v] == v) id[v] = r.count++;
  }
  r.sizes.assign(r.count, 0);
  for (VertexId v = 0; v < n; ++v) {
    const VertexId c = id[rep[v]];
    rep[v] = c;
    ++r.sizes[c];
  }
  r.membership = std::move(rep);
  return r;
}

}  // namespace

ComponentsResult weak_components(const CsrGraph& g, RunContext& ctx) {
  const VertexId n = g.num_vertices();
  if (n == 0) return {};
  const auto nn = static_cast<std::int64_t>(n);
  MinRootForest forest(n);
  const bool symmetric = !g.directed();
  ctx.check_cancelled();
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto u = static_cast<VertexId>(i);
    for (VertexId v : g.out_neighbors(u)) {
      if (symmetric && v <= u) continue;  // each undirected edge once; loops never matter
      if (v != u) forest.unite(u, v);
    }
  }
  ctx.check_cancelled();
  // Flatten: parent[v] := root(v), processing v in increasing order (roots are smaller than
  // their descendants, so each parent is final before its children read it).
  auto& rep = forest.parents();
  for (VertexId v = 0; v < n; ++v) rep[v] = rep[rep[v]];
  return number_by_smallest(std::move(rep));
}

ComponentsResult strong_components(const CsrGraph& g, RunContext& ctx) {
  if (!g.directed()) throw InvalidArgument("strong_components: the graph is undirected (use weak_components)");
  const VertexId n = g.num_vertices();
  if (n == 0) return {};
  const auto off = g.offsets();
  const auto tgt = g.targets();
  constexpr VertexId kUnseen = kNoVertex;
  std::vector<VertexId> index(n, kUnseen), low(n), comp(n, kUnseen);
  std::vector<VertexId> stack;
  struct Frame {
    VertexId v;
    EdgeIndex next;
  };
  std::vector<Frame> calls;
  VertexId counter = 0, num_comps = 0;
  std::uint64_t roots = 0;
  for (VertexId root = 0; root < n; ++root) {
    if (index[root] != kUnseen) continue;
    if ((++roots & 0xFFFF) == 0) ctx.check_cancelled();
    index[root] = low[root] = counter++;
    stack.push_back(root);
    calls.push_back({root, off[root]});
    while (!calls.empty()) {
      Frame& f = calls.back();
      const VertexId v = f.v;
      if (f.next < off[v + 1]) {
        const VertexId w = tgt[f.next++];
        if (index[w] == kUnseen) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          calls.push_back({w, off[w]});  // invalidates f
        } else if (comp[w] == kUnseen) {  // visited and not yet assigned: on the stack
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      calls.pop_back();
      if (low[v] == index[v]) {
        VertexId w;
        do {
          w = stack.back();
          stack.pop_back();
          comp[w] = num_comps;
        } while (w != v);
        ++num_comps;
      }
      if (!calls.empty()) {
        const VertexId parent = calls.back().v;
        low[parent] = std::min(low[parent], low[v]);
      }
    }
  }
  ctx.check_cancelled();
  // Representative of each component = its smallest vertex (first seen in increasing order).
  std::vector<VertexId> smallest(num_comps, kUnseen);
  for (VertexId v = 0; v < n; ++v) {
    if (smallest[comp[v]] == kUnseen) smallest[comp[v]] = v;
  }
  for (VertexId v = 0; v < n; ++v) index[v] = smallest[comp[v]];
  return number_by_smallest(std::move(index));
}

}  // namespace peerscout::structure
