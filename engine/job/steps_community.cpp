// Analysis steps: communities (Leiden, Louvain, label propagation) with descriptions and profiles.
#include <fmt/format.h>

#include <algorithm>

#include "algorithms/community/describe.hpp"
#include "algorithms/community/multi_run.hpp"
#include "engine/job/detail/steps.hpp"
#include "engine/symmetrize.hpp"

namespace peerscout::job::detail {

// ---- communities ----------------------------------------------------------------------------------

bool community_layer(LayerKind layer, const LayeredGraph& lg, const JobSpec& spec) {
  const auto& want = spec.community.layers;
  if (!want.empty()) return std::find(want.begin(), want.end(), layer) != want.end();
  if (lg.get(LayerKind::kTrust)) return layer == LayerKind::kTrust;  // niche audiences: people who trust each other
  return true;
}

namespace {

AnalysisOutput run_community(community::Method method, const std::string& name, const AnalysisInput& in) {
  const LayerKind layer = in.layer;
  const CsrGraph& g = in.graph;
  const LayeredGraph& lg = in.lg;
  const JobSpec& spec = in.spec;
  RunContext& ctx = in.ctx;
  const auto t0 = Clock::now();
  const auto& cs = spec.community;
  CsrGraph symmetric;
  const CsrGraph* ug = &g;
  if (g.directed()) {
    symmetric = symmetrize(g, cs.symmetrize);
    ug = &symmetric;
  }
  community::MethodOptions mo;
  mo.leiden.objective = cs.objective;
  mo.leiden.resolution = cs.resolution;
  mo.leiden.randomness = cs.randomness;
  mo.louvain.objective = cs.objective;
  mo.louvain.resolution = cs.resolution;
  const auto r = community::run_several(*ug, method, mo, cs.runs, spec.seed, ctx);
  const auto stats = community::describe(*ug, r.best, cs.top_members, ctx);
  const auto profiles = community::profiles(r.best, lg.attributes);
  const double seconds = since(t0);

  const bool lpa = method == community::Method::kLabelPropagation;
  const std::string objective(lpa ? "modularity" : objective_name(cs.objective));
  const double resolution = lpa ? 1.0 : cs.resolution;
  const std::string base = "/community/" + std::string(layer_name(layer)) + "/" + name;
  AnalysisOutput out;
  io::Group grp{base, {}};
  grp.attributes = {{"algorithm", name},
                    {"objective", objective},
                    {"resolution", resolution},
                    {"runs", std::int64_t{cs.runs}},
                    {"quality", r.best_quality},
                    {"stability", r.stability_nmi},
                    {"stability_ari", r.stability_ari},
                    {"count", std::int64_t{r.best.count}},
                    {"best_run", static_cast<std::int64_t>(r.best_run)},
                    {"symmetrized", std::int64_t{g.directed() ? 1 : 0}},
                    {"parameters", fmt::format(R"({{"objective":"{}","resolution":{},"randomness":{},"runs":{},"symmetrize":"{}"}})",
                                               objective, resolution, cs.randomness, cs.runs,
                                               cs.symmetrize == SymmetrizeWeights::kSum   ? "sum"
                                               : cs.symmetrize == SymmetrizeWeights::kMax ? "max"
                                                                                          : "mean")},
                    {"seconds", seconds}};
  out.groups.push_back(std::move(grp));
  out.datasets.push_back({base + "/membership", to_int64(r.best.membership), {}});
  out.datasets.push_back({base + "/qualities", r.qualities, {}});
  for (std::size_t k = 0; k < r.best_levels.size(); ++k)
    out.datasets.push_back({base + "/levels/" + std::to_string(k), to_int64(r.best_levels[k].membership),
                            {{"count", std::int64_t{r.best_levels[k].count}}}});

  // Per-community table.
  const std::uint32_t count = r.best.count;
  const std::string table = base + "/communities";
  out.groups.push_back({table, {{"kind", std::string("table")}}});
  std::vector<std::int64_t> id(count), size(count), internal(count), components(count);
  StringColumn top;
  for (std::uint32_t c = 0; c < count; ++c) {
    id[c] = c;
    size[c] = static_cast<std::int64_t>(stats.size[c]);
    internal[c] = static_cast<std::int64_t>(stats.internal_edges[c]);
    components[c] = stats.components[c];
    top.push_back(join_handles(lg, stats.top_members[c]));
  }
  out.datasets.push_back({table + "/id", std::move(id), {}});
  out.datasets.push_back({table + "/size", std::move(size), {}});
  out.datasets.push_back({table + "/internal_edges", std::move(internal), {}});
  out.datasets.push_back({table + "/density", stats.density, {}});
  out.datasets.push_back({table + "/conductance", stats.conductance, {}});
  out.datasets.push_back({table + "/components", std::move(components), {}});
  out.datasets.push_back({table + "/top_members", std::move(top), {}});
  for (const auto& p : profiles) {
    StringColumn values;
    for (const auto& v : p.dominant_value) values.push_back(v);
    out.datasets.push_back({table + "/profile_" + p.attribute, std::move(values), {}});
    out.datasets.push_back({table + "/profile_" + p.attribute + "_share", p.dominant_share, {}});
  }
  out.summary = fmt::format("{} communities, {} {:.4f}, stability NMI {:.3f} over {} runs", count, objective,
                            r.best_quality, r.stability_nmi, cs.runs);
  return out;
}

}  // namespace

AnalysisOutput run_leiden(const AnalysisInput& in) { return run_community(community::Method::kLeiden, "leiden", in); }
AnalysisOutput run_louvain(const AnalysisInput& in) { return run_community(community::Method::kLouvain, "louvain", in); }
AnalysisOutput run_label_propagation(const AnalysisInput& in) {
  return run_community(community::Method::kLabelPropagation, "label_propagation", in);
}


}  // namespace peerscout::job::detail
