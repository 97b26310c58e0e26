#include "engine/trust_layer.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "engine/detail/csr_assembler.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout {

namespace {

// Weight of the arc x->y in a sorted (neighbour, weight) list; 0 when absent. Parallel arcs
// (Duplicates::kKeepAll) are summed.
double weight_to(std::span<const VertexId> nb, std::span<const Weight> w, VertexId y) {
  auto it = std::lower_bound(nb.begin(), nb.end(), y);
  double s = 0.0;
  for (; it != nb.end() && *it == y; ++it) {
    const auto k = static_cast<std::size_t>(it - nb.begin());
    s += w.empty() ? 1.0 : static_cast<double>(w[k]);
  }
  return s;
}

// Calls f(v, signals) for every trust neighbour v of u, in increasing v.
template <class F>
void for_each_trusted(VertexId u, const CsrGraph* follows, const CsrGraph* friends, F&& f) {
  std::span<const VertexId> fr, out, in;
  if (friends) fr = friends->out_neighbors(u);
  if (follows) {
    out = follows->out_neighbors(u);
    in = follows->in_neighbors(u);
  }
  std::size_t i = 0, a = 0, b = 0;
  while (true) {
    // Next reciprocal follow: the next common element of out and in.
    VertexId recip = kNoVertex;
    while (a < out.size() && b < in.size()) {
      if (out[a] < in[b]) {
        ++a;
      } else if (in[b] < out[a]) {
        ++b;
      } else {
        recip = out[a];
        break;
      }
    }
    const VertexId fnext = i < fr.size() ? fr[i] : kNoVertex;
    const VertexId v = std::min(recip, fnext);
    if (v == kNoVertex) break;
    int signals = 0;
    if (fnext == v) {
      ++signals;
      while (i < fr.size() && fr[i] == v) ++i;  // multigraph friends: one signal
    }
    if (recip == v) {
      ++signals;
      while (a < out.size() && out[a] == v) ++a;
      while (b < in.size() && in[b] == v) ++b;
    }
    if (v != u) f(v, signals);
  }
}

}  // namespace

CsrGraph build_trust_layer(VertexId n, const CsrGraph* follows, const CsrGraph* friends, const CsrGraph* interactions) {
  if (!follows && !friends) throw InvalidArgument("trust layer: needs a follows or a friends layer");
  auto check = [n](const CsrGraph* g, bool directed, const char* name) {
    if (!g) return;
    if (g->num_vertices() != n) throw InvalidArgument(std::string("trust layer: ") + name + " has a different vertex count");
    if (g->directed() != directed)
      throw InvalidArgument(std::string("trust layer: ") + name + (directed ? " must be directed" : " must be undirected"));
    if (!g->has_in_edges()) throw InvalidArgument(std::string("trust layer: ") + name + " needs its in-adjacency");
  };
  check(follows, true, "follows");
  check(friends, false, "friends");
  check(interactions, true, "interactions");

  const auto nn = static_cast<std::int64_t>(n);
  std::vector<EdgeIndex> offsets(static_cast<std::size_t>(n) + 1, 0);
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    EdgeIndex d = 0;
    for_each_trusted(static_cast<VertexId>(i), follows, friends, [&](VertexId, int) { ++d; });
    offsets[static_cast<std::size_t>(i)] = d;
  }
  const EdgeIndex arcs = exclusive_scan_inplace(offsets);
  std::vector<VertexId> targets(arcs);
  std::vector<Weight> weights(arcs);
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto u = static_cast<VertexId>(i);
    EdgeIndex pos = offsets[static_cast<std::size_t>(i)];
    for_each_trusted(u, follows, friends, [&](VertexId v, int signals) {
      double w = signals;
      if (interactions) {
        w += weight_to(interactions->out_neighbors(u), interactions->out_weights(u), v);  // u -> v
        w += weight_to(interactions->in_neighbors(u), interactions->in_weights(u), v);    // v -> u
      }
      targets[pos] = v;
      weights[pos] = static_cast<Weight>(w);
      ++pos;
    });
  }
  return CsrAssembler::assemble(false, std::move(offsets), std::move(targets), std::move(weights), {}, {}, {});
}

}  // namespace peerscout
