#include "tests/support/validators.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

#include "engine/random.hpp"

namespace peerscout::test {

namespace {

using centrality::DegreeMode;

// Degree of v counting only arcs whose other end u satisfies in(u) (a loop u == v counts when
// in(v)): undirected loops twice, directed arcs per mode.
template <class In>
std::int64_t degree_within(const CsrGraph& g, VertexId v, DegreeMode mode, In&& in) {
  std::int64_t d = 0;
  if (!g.directed()) {
    for (VertexId u : g.out_neighbors(v))
      if (in(u)) d += (u == v) ? 2 : 1;
    return d;
  }
  if (mode != DegreeMode::kIn)
    for (VertexId u : g.out_neighbors(v))
      if (in(u)) ++d;
  if (mode != DegreeMode::kOut)
    for (VertexId u : g.in_neighbors(v))
      if (in(u)) ++d;
  return d;
}

}  // namespace

bool is_valid_core_numbers(const CsrGraph& g, const std::vector<std::uint32_t>& core, DegreeMode mode,
                           std::string* why) {
  auto fail = [&](std::string msg) {
    if (why) *why = std::move(msg);
    return false;
  };
  const VertexId n = g.num_vertices();
  if (core.size() != n) return fail("core has " + std::to_string(core.size()) + " entries, graph " + std::to_string(n));
  // (1) local condition.
  for (VertexId v = 0; v < n; ++v) {
    const auto d = degree_within(g, v, mode, [&](VertexId u) { return core[u] >= core[v]; });
    if (d < static_cast<std::int64_t>(core[v]))
      return fail("vertex " + std::to_string(v) + " has core " + std::to_string(core[v]) + " but only " +
                  std::to_string(d) + " incident arcs inside {core >= " + std::to_string(core[v]) + "}");
  }
  // (2) maximality: peel G[{core >= k}] at threshold k+1 for every k up to the maximum.
  const std::uint32_t kmax = n == 0 ? 0 : *std::max_element(core.begin(), core.end());
  std::vector<char> in(n);
  std::vector<std::int64_t> deg(n);
  std::vector<VertexId> queue;
  for (std::uint32_t k = 0; k <= kmax; ++k) {
    for (VertexId v = 0; v < n; ++v) in[v] = core[v] >= k;
    queue.clear();
    for (VertexId v = 0; v < n; ++v)
      if (in[v]) deg[v] = degree_within(g, v, mode, [&](VertexId u) { return in[u] != 0; });
    for (VertexId v = 0; v < n; ++v) {
      if (in[v] && deg[v] < static_cast<std::int64_t>(k) + 1) {
        in[v] = 0;
        queue.push_back(v);
      }
    }
    // Removing v lowers the degree of u by the number of arcs between them that u's degree counts.
    while (!queue.empty()) {
      const VertexId v = queue.back();
      queue.pop_back();
      auto lose = [&](VertexId u) {
        if (u == v || !in[u]) return;
        if (--deg[u] < static_cast<std::int64_t>(k) + 1) {
          in[u] = 0;
          queue.push_back(u);
        }
      };
      if (!g.directed()) {
        for (VertexId u : g.out_neighbors(v)) lose(u);
      } else {
        if (mode != DegreeMode::kOut)
          for (VertexId u : g.out_neighbors(v)) lose(u);  // u's in-degree counted v->u
        if (mode != DegreeMode::kIn)
          for (VertexId u : g.in_neighbors(v)) lose(u);  // u's out-degree counted u->v
      }
    }
    for (VertexId v = 0; v < n; ++v) {
      if ((in[v] != 0) != (core[v] >= k + 1))
        return fail("vertex " + std::to_string(v) + " with core " + std::to_string(core[v]) +
                    (in[v] ? " survives" : " does not survive") + " peeling {core >= " + std::to_string(k) +
                    "} at threshold " + std::to_string(k + 1));
    }
  }
  return true;
}

double max_abs_diff(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return std::numeric_limits<double>::infinity();
  double m = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a[i] - b[i]));
  return m;
}

CsrGraph skewed_random_graph(int scale, int edge_factor, std::uint64_t seed, BuildOptions opts) {
  const std::uint64_t n = std::uint64_t{1} << scale;
  const auto m = static_cast<std::int64_t>(n * static_cast<std::uint64_t>(edge_factor));
  EdgeList el;
  el.src.resize(static_cast<std::size_t>(m));
  el.dst.resize(static_cast<std::size_t>(m));
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < m; ++i) {
    Rng rng = Rng::for_item(seed, Stream::kGenerator, static_cast<std::uint64_t>(i));
    std::uint64_t u = 0, v = 0;
    for (int level = 0; level < scale; ++level) {
      const double p = rng.uniform01();
      const std::uint64_t bu = p >= 0.76 ? 1 : 0;
      const std::uint64_t bv = (p >= 0.57 && p < 0.76) || p >= 0.95 ? 1 : 0;
      u = (u << 1) | bu;
      v = (v << 1) | bv;
    }
    // Odd multiplier mod 2^scale: a bijection that spreads the heavy vertices over the id range.
    u = (u * 0x9E3779B97F4A7C15ULL + 12345) & (n - 1);
    v = (v * 0x9E3779B97F4A7C15ULL + 12345) & (n - 1);
    el.src[static_cast<std::size_t>(i)] = static_cast<VertexId>(u);
    el.dst[static_cast<std::size_t>(i)] = static_cast<VertexId>(v);
  }
  return build_csr(std::move(el), static_cast<VertexId>(n), opts).graph;
}

std::string SharedGraph::label() const {
  return self_loops_kept ? dataset.name + " (self-loops kept)" : dataset.name;
}

namespace {

// Parsed shared datasets, kept for the whole test run: several test cases walk all of them, and
// parsing the text edge lists would otherwise dominate their run time.
const CsrGraph& cached_shared(const SharedDataset& d, bool weights, bool keep_loops) {
  static std::map<std::tuple<std::string, bool, bool>, CsrGraph> cache;
  const auto key = std::make_tuple(d.name, weights && d.weighted, keep_loops);
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, load_shared(d, weights, keep_loops)).first;
  return it->second;
}

}  // namespace

bool for_each_shared_graph(bool weights, const std::function<void(const SharedGraph&)>& f) {
  if (!shared_datasets_dir()) return false;
  for (const auto& d : shared_datasets()) {
    const CsrGraph& with_loops = cached_shared(d, weights, /*keep_loops=*/true);
    if (with_loops.num_self_loops() == 0) {
      f(SharedGraph{d, with_loops, false});  // identical to the default preprocessing
      continue;
    }
    f(SharedGraph{d, cached_shared(d, weights, /*keep_loops=*/false), false});
    f(SharedGraph{d, with_loops, true});
  }
  return true;
}

}  // namespace peerscout::test
