#include "algorithms/community/louvain.hpp"

#include <cmath>
#include <string>

#include "algorithms/community/leiden.hpp"
#include "engine/error.hpp"

namespace peerscout::community {

void LouvainOptions::validate() const {
  if (!(resolution >= 0.0) || !std::isfinite(resolution))
    throw InvalidArgument("louvain: resolution must be a finite number >= 0, got " + std::to_string(resolution));
}

LouvainResult louvain(const CsrGraph& g, const LouvainOptions& opts, RunContext& ctx) {
  opts.validate();
  detail::MultilevelConfig cfg;
  cfg.objective = opts.objective;
  cfg.resolution = opts.resolution;
  cfg.max_iterations = 1;
  cfg.use_weights = opts.use_weights;
  cfg.refine = false;
  cfg.seed = opts.seed;
  cfg.name = "louvain";
  LeidenResult lr = detail::multilevel(g, cfg, ctx);
  LouvainResult r;
  r.partition = std::move(lr.partition);
  r.quality = lr.quality;
  r.levels = std::move(lr.levels);
  return r;
}

}  // namespace peerscout::community
