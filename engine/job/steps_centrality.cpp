// Analysis steps: degree, PageRank, core numbers, components.
#include <fmt/format.h>

#include "algorithms/centrality/degree.hpp"
#include "algorithms/centrality/kcore.hpp"
#include "algorithms/centrality/pagerank.hpp"
#include "algorithms/structure/components.hpp"
#include "engine/job/detail/steps.hpp"

namespace peerscout::job::detail {

// ---- degree ----------------------------------------------------------------------------------------

AnalysisOutput run_degree(const AnalysisInput& in) {
  const LayerKind layer = in.layer;
  const CsrGraph& g = in.graph;
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

AnalysisOutput run_pagerank(const AnalysisInput& in) {
  const LayerKind layer = in.layer;
  const CsrGraph& g = in.graph;
  const JobSpec& spec = in.spec;
  RunContext& ctx = in.ctx;
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

AnalysisOutput run_coreness(const AnalysisInput& in) {
  const LayerKind layer = in.layer;
  const CsrGraph& g = in.graph;
  const JobSpec& spec = in.spec;
  RunContext& ctx = in.ctx;
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

namespace {

io::Dataset components_dataset(LayerKind layer, const char* kind, structure::ComponentsResult r, double s) {
  VertexId largest = 0;
  for (VertexId size : r.sizes) largest = std::max(largest, size);
  io::Dataset d{"/components/" + std::string(layer_name(layer)) + "/" + kind, to_int64(r.membership), {}};
  d.attributes.push_back({"count", std::int64_t{r.count}});
  d.attributes.push_back({"largest", std::int64_t{largest}});
  d.attributes.push_back({"seconds", s});
  return d;
}

}  // namespace

AnalysisOutput run_components(const AnalysisInput& in) {
  const LayerKind layer = in.layer;
  const CsrGraph& g = in.graph;
  RunContext& ctx = in.ctx;
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


}  // namespace peerscout::job::detail
