#pragma once
/// Internals shared by the shortest-path centralities (betweenness, closeness, harmonic): one
/// direction of the adjacency, arc lengths from weights, igraph's tolerant comparison of path
/// lengths, and the weight check. Not part of the public API.
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>

#include "engine/csr_graph.hpp"
#include "engine/error.hpp"

namespace peerscout::centrality::detail {

/// One direction of a graph's adjacency as raw arrays: the out-arcs (`forward`) or the in-arcs.
/// For undirected graphs both are the same arrays. `weights` is null when weights are not used.
struct Adjacency {
  const EdgeIndex* offsets = nullptr;
  const VertexId* targets = nullptr;
  const Weight* weights = nullptr;

  EdgeIndex begin(VertexId v) const noexcept { return offsets[v]; }
  EdgeIndex end(VertexId v) const noexcept { return offsets[v + 1]; }
  EdgeIndex degree(VertexId v) const noexcept { return offsets[v + 1] - offsets[v]; }
};

/// Out-arcs of g (`out = true`) or in-arcs (requires g.has_in_edges()).
inline Adjacency adjacency(const CsrGraph& g, bool out, bool with_weights) {
  Adjacency a;
  if (out || !g.directed()) {
    a.offsets = g.offsets().data();
    a.targets = g.targets().data();
    a.weights = with_weights ? g.weights().data() : nullptr;
  } else {
    a.offsets = g.in_offsets().data();
    a.targets = g.in_sources().data();
    a.weights = with_weights ? g.in_weights_all().data() : nullptr;
  }
  return a;
}

/// Length of an arc of weight w: the weight is an interaction strength, so a heavy tie is a short
/// one. Computed in double precision (1.0 / double(w)); tests hand igraph the same doubles.
inline double arc_length(Weight w) noexcept { return 1.0 / static_cast<double>(w); }

/// igraph's tolerance for comparing shortest-path lengths (IGRAPH_SHORTEST_PATH_EPSILON).
inline constexpr double kPathEpsilon = 1e-10;

/// igraph_cmp_epsilon(a, b, 1e-10) of igraph 0.10: 0 when |a - b| / (|a| + |b|) < eps ("equal"),
/// else the sign of a - b. Used for the path lengths of weighted betweenness, which igraph stores
/// offset by +1 (the source at 1.0); we store them the same way so that ties are decided alike.
inline int cmp_epsilon(double a, double b) noexcept {
  if (a == b) return 0;
  const double diff = a - b;
  const double abs_diff = std::fabs(diff);
  const double sum = std::fabs(a) + std::fabs(b);
  if (a == 0.0 || b == 0.0 || sum < std::numeric_limits<double>::min()) {
    return abs_diff < kPathEpsilon * std::numeric_limits<double>::min() ? 0 : (diff < 0 ? -1 : 1);
  }
  if (!std::isfinite(sum)) {
    return abs_diff < kPathEpsilon * std::fabs(a) + kPathEpsilon * std::fabs(b) ? 0 : (diff < 0 ? -1 : 1);
  }
  return abs_diff / sum < kPathEpsilon ? 0 : (diff < 0 ? -1 : 1);
}

/// Closeness from r (vertices reached, the vertex excluded) and S (sum of their distances), see
/// closeness.hpp: Wasserman-Faust r^2/((n-1)S) (0 when r = 0), or igraph's r/S (normalized) or 1/S,
/// NaN when r = 0. One function, so that exact and top-k closeness give bit-identical values.
inline double closeness_formula(double r, double s, VertexId n, bool wasserman_faust, bool normalized) {
  if (wasserman_faust) return r > 0 ? (r * r) / ((static_cast<double>(n) - 1.0) * s) : 0.0;
  if (!(r > 0)) return std::numeric_limits<double>::quiet_NaN();
  return normalized ? r / s : 1.0 / s;
}

/// Throws InvalidArgument("<who>: ...") unless every weight of g is finite and > 0 (lengths 1/w must
/// be finite and positive). Names the first bad arc by its source vertex and value.
inline void check_positive_weights(const CsrGraph& g, const std::string& who) {
  const auto w = g.weights();
  const auto off = g.offsets();
  for (std::size_t e = 0; e < w.size(); ++e) {
    const Weight x = w[e];
    if (!(std::isfinite(x) && x > 0.0F)) {
      // Source vertex of arc e: the last offset <= e.
      VertexId lo = 0, hi = g.num_vertices();
      while (hi - lo > 1) {
        const VertexId mid = lo + (hi - lo) / 2;
        if (off[mid] <= e) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      throw InvalidArgument(who + ": edge weights must be finite and > 0 (an arc's length is 1/weight), found " +
                            std::to_string(x) + " on an arc from vertex " + std::to_string(lo) +
                            " (use_weights = false ignores the weights)");
    }
  }
}

}  // namespace peerscout::centrality::detail
