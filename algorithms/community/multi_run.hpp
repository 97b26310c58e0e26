#pragma once
/// Several runs of one community method with different seeds: the best partition by quality and
/// the stability of the result across runs.
///
/// Run r (0-based) uses seed mix64(seed ^ mix64(r + 1)) (engine/random.hpp), so runs are
/// independent and the whole result depends only on (graph, options, runs, seed). Runs execute one
/// after another, each with the method's own parallelism. The quality of a run is the method's
/// objective (Leiden/Louvain: their objective and resolution; label propagation: modularity with
/// resolution 1), recomputed from scratch. The best run is the one with the highest quality (the
/// first such run on ties). Stability is the mean over all pairs of runs of compare() (NMI, ARI):
/// 1 when every run returns the same partition.
/// Complexity: runs x the method, plus runs*(runs-1)/2 comparisons of O(n log n) (run in parallel,
/// combined in pair order: identical for any thread count).
#include <cstdint>
#include <vector>

#include "algorithms/community/label_propagation.hpp"
#include "algorithms/community/leiden.hpp"
#include "algorithms/community/louvain.hpp"

namespace peerscout::community {

enum class Method { kLeiden, kLouvain, kLabelPropagation };

/// Options of each method; only the one selected by Method is used. Their `seed` fields are
/// ignored (run_several sets them).
struct MethodOptions {
  LeidenOptions leiden = {};
  LouvainOptions louvain = {};
  LabelPropagationOptions label_propagation = {};
};

struct MultiRunResult {
  Partition best;                      ///< partition of the best run (canonical)
  double best_quality = 0;             ///< its quality
  std::vector<double> qualities;       ///< quality of each run, in run order
  double stability_nmi = 1;            ///< mean pairwise NMI over runs (1 for a single run)
  double stability_ari = 1;            ///< mean pairwise adjusted Rand index over runs
  std::size_t best_run = 0;            ///< index of the best run
  std::vector<Partition> best_levels;  ///< hierarchy of the best run (finest first; LPA: {best})
};

/// Throws InvalidArgument when runs < 1 or the method's options are invalid.
MultiRunResult run_several(const CsrGraph& g, Method method, const MethodOptions& opts, int runs, std::uint64_t seed,
                           RunContext& ctx = RunContext::none());

}  // namespace peerscout::community
