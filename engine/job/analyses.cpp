#include "engine/job/analyses.hpp"

#include <fmt/format.h>

#include <chrono>

#include "algorithms/centrality/degree.hpp"
#include "algorithms/centrality/kcore.hpp"
#include "algorithms/centrality/pagerank.hpp"
#include "algorithms/community/describe.hpp"
#include "algorithms/community/multi_run.hpp"
#include "algorithms/structure/components.hpp"
#include "engine/symmetrize.hpp"

namespace peerscout::job {

std::string centrality_path(LayerKind layer, const std::string& measure) {
  return "/centrality/" + std::string(layer_name(layer)) + "/" + measure;
}

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

template <class T>
std::vector<std::int64_t> to_int64(const std::vector<T>& v) {
  return {v.begin(), v.end()};
}

io::Dataset dataset(std::string path, ColumnData data, std::string algorithm, std::string parameters, double seconds) {
  io::Dataset d{std::move(path), std::move(data), {}};
  d.attributes.push_back({"algorithm", std::move(algorithm)});
  d.attributes.push_back({"parameters", std::move(parameters)});
  d.attributes.push_back({"seconds", seconds});
  return d;
}

// ---- degree ----------------------------------------------------------------------------------------

AnalysisOutput run_degree(LayerKind layer, const CsrGraph& g, const LayeredGraph&, const JobSpec&, RunContext&) {
  const auto t0 = Clock::now();
  auto r = centrality::degrees(g);
  const double s = since(t0);
  AnalysisOutput out;
  const std::string params = fmt::format(R"({{"weighted":{}}})", g.weighted());
  if (g.directed()) {
    out.datasets.push_back(dataset(centrality_path(layer, "in_degree"), std::move(r.in_degree), "in-degree", params, s));
    out.datasets.push_back(dataset(centrality_path(layer, "out_degree"), std::move(r.out_degree), "out-degree", params, s));
    if (g.weighted()) {
      out.datasets.push_back(dataset(centrality_path(layer, "in_strength"), std::move(r.in_strength), "in-strength", params, s));
      out.datasets.push_back(dataset(centrality_path(layer, "out_strength"), std::move(r.out_strength), "out-strength", params, s));
    }
  } else {
    out.datasets.push_back(dataset(centrality_path(layer, "degree"), std::move(r.out_degree), "degree", params, s));
    if (g.weighted())
      out.datasets.push_back(dataset(centrality_path(layer, "strength"), std::move(r.out_strength), "strength", params, s));
  }
  out.summary = g.weighted() ? "degrees and strengths" : "degrees";
  return out;
}

// ---- pagerank --------------------------------------------------------------------------------------

AnalysisOutput run_pagerank(LayerKind layer, const CsrGraph& g, const LayeredGraph&, const JobSpec& spec, RunContext& ctx) {
  const auto t0 = Clock::now();
  auto opts = spec.pagerank;
  auto r = centrality::pagerank(g, opts, ctx);
  const double s = since(t0);
  const bool weights = opts.use_weights && g.weighted();
  const std::string params = fmt::format(R"({{"damping":{},"tolerance":{},"max_iterations":{},"weights":{}}})",
                                         opts.damping, opts.tolerance, opts.max_iterations, weights);
  auto d = dataset(centrality_path(layer, "pagerank"), std::move(r.score), "PageRank (power iteration, pull)", params, s);
  d.attributes.push_back({"iterations", std::int64_t{r.iterations}});
  d.attributes.push_back({"converged", std::int64_t{r.converged ? 1 : 0}});
  d.attributes.push_back({"residual", r.residual});
  AnalysisOutput out;
  out.datasets.push_back(std::move(d));
  out.summary = fmt::format("{} iterations, {} (L1 change {:.2e})", r.iterations, r.converged ? "converged" : "NOT converged",
                            r.residual);
  return out;
}

// ---- coreness --------------------------------------------------------------------------------------

AnalysisOutput run_coreness(LayerKind layer, const CsrGraph& g, const LayeredGraph&, const JobSpec& spec, RunContext& ctx) {
  const auto t0 = Clock::now();
  auto r = centrality::core_numbers(g, spec.coreness, ctx);
  const double s = since(t0);
  const char* mode = spec.coreness.mode == centrality::DegreeMode::kIn    ? "in"
                     : spec.coreness.mode == centrality::DegreeMode::kOut ? "out"
                                                                          : "all";
  auto d = dataset(centrality_path(layer, "coreness"), to_int64(r.core), "k-core decomposition (core numbers)",
                   g.directed() ? fmt::format(R"({{"mode":"{}"}})", mode) : std::string("{}"), s);
  d.attributes.push_back({"max_core", std::int64_t{r.max_core}});
  AnalysisOutput out;
  out.datasets.push_back(std::move(d));
  out.summary = fmt::format("max core {}", r.max_core);
  return out;
}

// ---- components ------------------------------------------------------------------------------------

io::Dataset components_dataset(LayerKind layer, const char* kind, structure::ComponentsResult r, double s) {
  VertexId largest = 0;
  for (VertexId size : r.sizes) largest = std::max(largest, size);
  io::Dataset d{"/components/" + std::string(layer_name(layer)) + "/" + kind, to_int64(r.membership), {}};
  d.attributes.push_back({"count", std::int64_t{r.count}});
  d.attributes.push_back({"largest", std::int64_t{largest}});
  d.attributes.push_back({"seconds", s});
  return d;
}

AnalysisOutput run_components(LayerKind layer, const CsrGraph& g, const LayeredGraph&, const JobSpec&, RunContext& ctx) {
  AnalysisOutput out;
  auto t0 = Clock::now();
  auto weak = structure::weak_components(g, ctx);
  const auto weak_count = weak.count;
  out.datasets.push_back(components_dataset(layer, "weak", std::move(weak), since(t0)));
  out.summary = fmt::format("{} weak", weak_count);
  if (g.directed()) {
    t0 = Clock::now();
    auto strong = structure::strong_components(g, ctx);
    out.summary += fmt::format(", {} strong", strong.count);
    out.datasets.push_back(components_dataset(layer, "strong", std::move(strong), since(t0)));
  }
  return out;
}

// ---- communities ----------------------------------------------------------------------------------

bool community_layer(LayerKind layer, const LayeredGraph& lg, const JobSpec& spec) {
  const auto& want = spec.community.layers;
  if (!want.empty()) return std::find(want.begin(), want.end(), layer) != want.end();
  if (lg.get(LayerKind::kTrust)) return layer == LayerKind::kTrust;  // niche audiences: people who trust each other
  return true;
}

std::string join_handles(const LayeredGraph& lg, const std::vector<VertexId>& vs) {
  std::string out;
  for (VertexId v : vs) out += (out.empty() ? "" : "; ") + lg.ids.handle(v);
  return out;
}

AnalysisOutput run_community(community::Method method, const std::string& name, LayerKind layer, const CsrGraph& g,
                             const LayeredGraph& lg, const JobSpec& spec, RunContext& ctx) {
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

AnalysisOutput run_leiden(LayerKind layer, const CsrGraph& g, const LayeredGraph& lg, const JobSpec& spec, RunContext& ctx) {
  return run_community(community::Method::kLeiden, "leiden", layer, g, lg, spec, ctx);
}
AnalysisOutput run_louvain(LayerKind layer, const CsrGraph& g, const LayeredGraph& lg, const JobSpec& spec, RunContext& ctx) {
  return run_community(community::Method::kLouvain, "louvain", layer, g, lg, spec, ctx);
}
AnalysisOutput run_label_propagation(LayerKind layer, const CsrGraph& g, const LayeredGraph& lg, const JobSpec& spec,
                                     RunContext& ctx) {
  return run_community(community::Method::kLabelPropagation, "label_propagation", layer, g, lg, spec, ctx);
}

bool any_layer(LayerKind, const LayeredGraph&, const JobSpec&) { return true; }
bool undirected_layer(LayerKind layer, const LayeredGraph&, const JobSpec&) { return !layer_directed(layer); }

}  // namespace

const std::vector<AnalysisSpec>& analysis_registry() {
  static const std::vector<AnalysisSpec> registry = {
      {"degree", "in/out degree and weighted strength", "every layer", true, any_layer, run_degree},
      {"pagerank", "PageRank (reach on follows, engagement on interactions)", "every layer", true, any_layer, run_pagerank},
      {"coreness", "k-core numbers (the trusted core of a scene)", "trust, friends (undirected layers)", true,
       undirected_layer, run_coreness},
      {"components", "weakly (and, on directed layers, strongly) connected components", "every layer", true, any_layer,
       run_components},
      {"leiden", "Leiden communities: niche audiences (default community method)", "trust if present, else every layer",
       true, community_layer, run_leiden},
      {"louvain", "Louvain communities (multi-level)", "as leiden", false, community_layer, run_louvain},
      {"label_propagation", "label propagation communities (fast, for very large graphs)", "as leiden", false,
       community_layer, run_label_propagation},
  };
  return registry;
}

}  // namespace peerscout::job
