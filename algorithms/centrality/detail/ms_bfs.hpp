#pragma once
/// Bit-parallel multi-source BFS (MS-BFS) that accumulates, for every vertex u, statistics of its
/// hop distances d(u, s) TO a list of sources s. Internal to closeness/harmonic (exact: every vertex
/// is a source; sampled: random sources).
///
/// Method: M. Then, M. Kaufmann, F. Chirigati, T.-A. Hoang-Vu, K. Pham, A. Kemper, T. Neumann,
/// H. T. Vo, "The more the merrier: efficient multi-source graph traversal", PVLDB 8(4), 2014. Up
/// to 64 * W sources (W <= 8) run as one traversal: each vertex holds W 64-bit words `seen`, `frontier`,
/// `next`, bit i standing for source i. A level is either bottom-up (every unfinished vertex u ORs
/// the frontier words of its `pull` neighbours, i.e. the vertices one step closer to the sources,
/// stopping as soon as all lanes are covered; a bit per vertex marks the current frontier so that
/// the words of neighbours outside it are not loaded) or, when the frontier is small and `push` (the
/// transpose of `pull`) is available, top-down (frontier vertices OR their words into their `push`
/// neighbours with atomic fetch_or); the choice follows S. Beamer, K. Asanovic, D. Patterson,
/// "Direction-optimizing breadth-first search", SC 2012 (top-down while the frontier's arcs are
/// below 1/14 of all arcs).
///
/// Determinism: in every level each vertex is updated by exactly one thread, and its sums advance
/// in (batch, level) order, so all sums, the floating-point ones included, are identical for any
/// thread count. The top-down/bottom-up choice depends on frontier sizes only.
/// Cost per batch: O(levels * (n * W + arcs scanned)); memory 3 * 64 bytes per vertex (64-byte
/// aligned arrays: one cache line per vertex and array at W = 8) + 1 byte + 1 bit.
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "algorithms/centrality/detail/paths.hpp"
#include "engine/run_context.hpp"

namespace peerscout::centrality::detail {

/// Per-vertex sums over the sources processed so far; a source never counts for itself (d = 0),
/// and a source listed twice counts twice.
struct DistanceSums {
  std::vector<std::uint64_t> reached;  ///< sources s != u with d(u, s) finite
  std::vector<std::uint64_t> sum;      ///< sum of d(u, s) over those
  std::vector<std::uint64_t> sum_sq;   ///< sum of d(u, s)^2 (only when track_squares)
  std::vector<double> inv;             ///< sum of 1 / d(u, s), added per level as count / level
  std::vector<double> inv_sq;          ///< sum of 1 / d(u, s)^2 (only when track_squares)
  std::vector<std::uint32_t> nearest;  ///< min d(u, s) over sources s != u; kFar when none (only when track_squares)
  std::vector<std::uint64_t> at_one;   ///< sources at distance exactly 1 (only when track_squares)
  /// by_level[L-1][u] = number of sources at distance exactly L from u (only when track_levels):
  /// lets the exact harmonic sum be formed in one canonical order, sum over L of count / L.
  std::vector<std::vector<std::uint32_t>> by_level;
  std::uint32_t max_level = 0;         ///< largest distance found (max eccentricity of a source)
  bool track_squares = false;
  bool track_levels = false;

  static constexpr std::uint32_t kFar = std::numeric_limits<std::uint32_t>::max();
  /// Zeroed sums for n vertices.
  DistanceSums(VertexId n, bool squares, bool levels = false);
};

/// Multi-source BFS state, reusable across calls (allocated once for n vertices).
class MultiSourceBfs {
 public:
  /// Sources per traversal: run() processes its sources in consecutive batches of this size.
  static constexpr std::size_t kBatchSources = 512;
  /// `pull`: for a vertex u, the arcs u -> w with d(u, s) = 1 + d(w, s) candidates (the out-arcs
  /// when distances run along the arcs from u). `push`: the transpose of `pull`, or a null offsets
  /// pointer when unavailable (bottom-up only).
  MultiSourceBfs(VertexId n, EdgeIndex arcs, Adjacency pull, Adjacency push);
  ~MultiSourceBfs();
  MultiSourceBfs(const MultiSourceBfs&) = delete;
  MultiSourceBfs& operator=(const MultiSourceBfs&) = delete;

  /// Adds the distances of every vertex to each source in `sources` (processed in batches of up to
  /// 512, in order) to `acc`. Calls ctx.check_cancelled() between batches.
  void run(std::span<const VertexId> sources, DistanceSums& acc, RunContext& ctx);

  /// Vertices (plus arcs) touched so far: a work counter for diagnostics.
  std::uint64_t work() const noexcept { return work_; }

 private:
  template <int W>
  void batch(std::span<const VertexId> sources, DistanceSums& acc);

  // W words per vertex, the array 64-byte aligned so that a vertex's 8 words (512 lanes) are one
  // cache line, not two.
  struct Words {
    struct Free {
      void operator()(std::uint64_t* p) const noexcept;
    };
    std::unique_ptr<std::uint64_t[], Free> p;
    std::uint64_t* data() const noexcept { return p.get(); }
  };
  static Words words(std::size_t count);

  VertexId n_;
  EdgeIndex arcs_;
  Adjacency pull_, push_;
  Words seen_, front_, next_;
  std::vector<std::uint64_t> in_front_;  // bit per vertex: in the current frontier (bottom-up filter)
  std::vector<std::uint8_t> touched_;
  std::uint64_t work_ = 0;
};

}  // namespace peerscout::centrality::detail
