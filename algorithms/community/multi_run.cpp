#include "algorithms/community/multi_run.hpp"

#include <string>

#include "algorithms/community/compare.hpp"
#include "engine/error.hpp"
#include "engine/random.hpp"

namespace peerscout::community {

MultiRunResult run_several(const CsrGraph& g, Method method, const MethodOptions& opts, int runs, std::uint64_t seed,
                           RunContext& ctx) {
  if (runs < 1) throw InvalidArgument("run_several: runs must be >= 1, got " + std::to_string(runs));
  MultiRunResult r;
  std::vector<Partition> parts;
  std::vector<std::vector<Partition>> levels;
  for (int run = 0; run < runs; ++run) {
    ctx.check_cancelled();
    const std::uint64_t s = mix64(seed ^ mix64(static_cast<std::uint64_t>(run) + 1));
    double q = 0;
    switch (method) {
      case Method::kLeiden: {
        LeidenOptions o = opts.leiden;
        o.seed = s;
        auto res = leiden(g, o, ctx);
        q = res.quality;
        parts.push_back(std::move(res.partition));
        levels.push_back(std::move(res.levels));
        break;
      }
      case Method::kLouvain: {
        LouvainOptions o = opts.louvain;
        o.seed = s;
        auto res = louvain(g, o, ctx);
        q = res.quality;
        parts.push_back(std::move(res.partition));
        levels.push_back(std::move(res.levels));
        break;
      }
      case Method::kLabelPropagation: {
        LabelPropagationOptions o = opts.label_propagation;
        o.seed = s;
        auto res = label_propagation(g, o, ctx);
        q = modularity(g, res.partition.membership, 1.0, o.use_weights);
        levels.push_back({res.partition});
        parts.push_back(std::move(res.partition));
        break;
      }
    }
    r.qualities.push_back(q);
    ctx.report("community runs", static_cast<double>(run + 1) / static_cast<double>(runs));
  }
  std::size_t best = 0;
  for (std::size_t i = 1; i < r.qualities.size(); ++i)
    if (r.qualities[i] > r.qualities[best]) best = i;
  r.best_run = best;
  r.best_quality = r.qualities[best];
  // Pairwise stability; each pair computed independently, combined in pair order.
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0; i < parts.size(); ++i)
    for (std::size_t j = i + 1; j < parts.size(); ++j) pairs.emplace_back(i, j);
  std::vector<Comparison> cmp(pairs.size());
  const auto np = static_cast<std::int64_t>(pairs.size());
#pragma omp parallel for schedule(dynamic, 1) if (np > 1 && g.num_vertices() > 10000)
  for (std::int64_t k = 0; k < np; ++k) {
    const auto& pr = pairs[static_cast<std::size_t>(k)];
    cmp[static_cast<std::size_t>(k)] = compare(parts[pr.first].membership, parts[pr.second].membership);
  }
  if (!cmp.empty()) {
    double nmi = 0, ari = 0;
    for (const auto& c : cmp) {
      nmi += c.nmi;
      ari += c.ari;
    }
    r.stability_nmi = nmi / static_cast<double>(cmp.size());
    r.stability_ari = ari / static_cast<double>(cmp.size());
  }
  r.best = std::move(parts[best]);
  r.best_levels = std::move(levels[best]);
  return r;
}

}  // namespace peerscout::community
