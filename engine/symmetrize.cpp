#include "engine/symmetrize.hpp"

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/csr_builder.hpp"
#include "engine/parallel.hpp"

namespace peerscout {

namespace {

// Merges the (sorted) out- and in-lists of u. Calls emit(v, weight) once per distinct neighbour,
// in increasing v. Parallel arcs in one list are summed before the two directions are combined.
template <class Emit>
void merge_lists(VertexId u, bool weighted, std::span<const VertexId> out, std::span<const Weight> out_w,
                 std::span<const VertexId> in, std::span<const Weight> in_w, SymmetrizeWeights rule, Emit&& emit) {
  std::size_t i = 0, j = 0;
  auto w_out = [&](std::size_t k) { return weighted ? static_cast<double>(out_w[k]) : 1.0; };
  auto w_in = [&](std::size_t k) { return weighted ? static_cast<double>(in_w[k]) : 1.0; };
  while (i < out.size() || j < in.size()) {
    const VertexId v = (j >= in.size() || (i < out.size() && out[i] <= in[j])) ? out[i] : in[j];
    double a = 0.0, b = 0.0;
    bool has_a = false, has_b = false;
    while (i < out.size() && out[i] == v) {
      a += w_out(i++);
      has_a = true;
    }
    while (j < in.size() && in[j] == v) {
      b += w_in(j++);
      has_b = true;
    }
    if (v == u) {
      emit(v, a);  // loop: its arcs appear in both lists; count them once
      continue;
    }
    double w = 0.0;
    if (has_a && has_b) {
      switch (rule) {
        case SymmetrizeWeights::kSum: w = a + b; break;
        case SymmetrizeWeights::kMax: w = std::max(a, b); break;
        case SymmetrizeWeights::kMean: w = 0.5 * (a + b); break;
      }
    } else {
      w = has_a ? a : b;
    }
    emit(v, w);
  }
}

}  // namespace

CsrGraph symmetrize(const CsrGraph& g, SymmetrizeWeights rule) {
  if (!g.directed()) {
    return CsrGraph::from_arrays(false, {g.offsets().begin(), g.offsets().end()}, {g.targets().begin(), g.targets().end()},
                                 {g.weights().begin(), g.weights().end()});
  }
  // transpose() has the in-adjacency; its lists are g's with the roles swapped, and the rules are
  // symmetric in the two directions, so the undirected result is the same.
  if (!g.has_in_edges()) return symmetrize(transpose(g), rule);
  const VertexId n = g.num_vertices();
  const auto nn = static_cast<std::int64_t>(n);
  const bool out_weighted = g.weighted() || rule == SymmetrizeWeights::kSum;
  std::vector<EdgeIndex> offsets(static_cast<std::size_t>(n) + 1, 0);
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto u = static_cast<VertexId>(i);
    EdgeIndex d = 0;
    merge_lists(u, g.weighted(), g.out_neighbors(u), g.out_weights(u), g.in_neighbors(u), g.in_weights(u), rule,
                [&](VertexId, double) { ++d; });
    offsets[u] = d;
  }
  const EdgeIndex m = exclusive_scan_inplace(offsets);
  std::vector<VertexId> targets(m);
  std::vector<Weight> weights(out_weighted ? m : 0);
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto u = static_cast<VertexId>(i);
    EdgeIndex pos = offsets[u];
    merge_lists(u, g.weighted(), g.out_neighbors(u), g.out_weights(u), g.in_neighbors(u), g.in_weights(u), rule,
                [&](VertexId v, double w) {
                  targets[pos] = v;
                  if (out_weighted) weights[pos] = static_cast<Weight>(w);
                  ++pos;
                });
  }
  return CsrGraph::from_arrays(false, std::move(offsets), std::move(targets), std::move(weights));
}

}  // namespace peerscout
