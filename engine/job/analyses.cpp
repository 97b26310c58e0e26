#include "engine/job/analyses.hpp"

#include <fmt/format.h>

#include <chrono>

#include "algorithms/centrality/degree.hpp"
#include "algorithms/centrality/kcore.hpp"
#include "algorithms/centrality/pagerank.hpp"
#include "algorithms/structure/components.hpp"

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

bool any_layer(LayerKind, const JobSpec&) { return true; }
bool undirected_layer(LayerKind layer, const JobSpec&) { return !layer_directed(layer); }

}  // namespace

const std::vector<AnalysisSpec>& analysis_registry() {
  static const std::vector<AnalysisSpec> registry = {
      {"degree", "in/out degree and weighted strength", "every layer", any_layer, run_degree},
      {"pagerank", "PageRank (reach on follows, engagement on interactions)", "every layer", any_layer, run_pagerank},
      {"coreness", "k-core numbers (the trusted core of a scene)", "trust, friends (undirected layers)", undirected_layer,
       run_coreness},
      {"components", "weakly (and, on directed layers, strongly) connected components", "every layer", any_layer,
       run_components},
  };
  return registry;
}

}  // namespace peerscout::job
