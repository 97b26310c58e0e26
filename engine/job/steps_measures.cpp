// Analysis steps: the recommender centralities (issue 4): personalized PageRank, Katz, eigenvector,
// HITS, betweenness (exact and approximate), closeness and harmonic (exact, sampled, top-k),
// clustering, reciprocity, constraint and effective size. Datasets: /centrality/<layer>/<measure>
// with the parameters as attributes (docs/hdf5_schema.md).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "algorithms/centrality/betweenness.hpp"
#include "algorithms/centrality/betweenness_approx.hpp"
#include "algorithms/centrality/closeness.hpp"
#include "algorithms/centrality/clustering.hpp"
#include "algorithms/centrality/eigenvector.hpp"
#include "algorithms/centrality/hits.hpp"
#include "algorithms/centrality/katz.hpp"
#include "algorithms/centrality/personalized_pagerank.hpp"
#include "algorithms/centrality/reciprocity.hpp"
#include "algorithms/centrality/structural_holes.hpp"
#include "algorithms/centrality/top_closeness.hpp"
#include "engine/job/detail/steps.hpp"

namespace peerscout::job::detail {

bool path_layer(LayerKind layer, const LayeredGraph& lg, const JobSpec& spec) {
  const auto& want = spec.centrality.layers;
  if (!want.empty()) return std::find(want.begin(), want.end(), layer) != want.end();
  if (lg.get(LayerKind::kTrust)) return layer == LayerKind::kTrust;  // brokerage among people who trust each other
  return true;
}

bool directed_layer(LayerKind layer, const LayeredGraph&, const JobSpec&) { return layer_directed(layer); }

bool customers_given(LayerKind, const LayeredGraph&, const JobSpec& spec) { return spec.customers.has_value(); }

namespace {

bool weights_used(const CsrGraph& g, const JobSpec& spec) { return spec.centrality.use_weights && g.weighted(); }
bool path_weights_used(const CsrGraph& g, const JobSpec& spec) { return spec.centrality.path_weights && g.weighted(); }

io::Dataset iterative_dataset(LayerKind layer, const char* measure, std::vector<double> score, const char* algorithm,
                              const std::string& params, double s, int iterations, bool converged, double residual) {
  auto d = dataset(centrality_path(layer, measure), std::move(score), algorithm, params, s);
  d.attributes.push_back({"iterations", std::int64_t{iterations}});
  d.attributes.push_back({"converged", std::int64_t{converged ? 1 : 0}});
  d.attributes.push_back({"residual", residual});
  return d;
}

std::string converged_summary(int iterations, bool converged) {
  return fmt::format("{} iterations, {}", iterations, converged ? "converged" : "NOT converged");
}

}  // namespace

// ---- personalized PageRank ------------------------------------------------------------------------

AnalysisOutput run_personalized_pagerank(const AnalysisInput& in) {
  const CsrGraph& g = in.graph;
  const JobSpec& spec = in.spec;
  const auto& cs = spec.centrality;
  AnalysisOutput out;
  if (in.customers.empty()) {
    out.summary = "skipped: none of the customers is in the network";
    return out;
  }
  const bool weights = spec.pagerank.use_weights && g.weighted();
  const auto t0 = Clock::now();
  if (cs.ppr_mode == "push") {
    centrality::PushOptions o;
    o.damping = spec.pagerank.damping;
    o.epsilon = cs.push_epsilon;
    o.use_weights = spec.pagerank.use_weights;
    auto r = centrality::personalized_pagerank_push(g, in.customers, o, in.ctx);
    const double s = since(t0);
    const auto params = fmt::format(R"({{"mode":"push","damping":{},"epsilon":{},"weights":{},"customers":{}}})", o.damping,
                                    o.epsilon, weights, in.customers.size());
    auto d = dataset(centrality_path(in.layer, "personalized_pagerank"), std::move(r.score),
                     "personalized PageRank (forward push, Andersen-Chung-Lang)", params, s);
    d.attributes.push_back({"customers", static_cast<std::int64_t>(in.customers.size())});
    d.attributes.push_back({"error_bound", r.error_bound});
    d.attributes.push_back({"pushes", static_cast<std::int64_t>(r.pushes)});
    out.datasets.push_back(std::move(d));
    out.summary = fmt::format("push: {} rounds, L1 error <= {:.2e}", r.rounds, r.error_bound);
    return out;
  }
  auto o = spec.pagerank;
  o.personalization.clear();
  auto r = centrality::personalized_pagerank(g, in.customers, o, in.ctx);
  const double s = since(t0);
  const auto params = fmt::format(R"({{"mode":"exact","damping":{},"tolerance":{},"weights":{},"customers":{}}})", o.damping,
                                  o.tolerance, weights, in.customers.size());
  auto d = iterative_dataset(in.layer, "personalized_pagerank", std::move(r.score),
                             "personalized PageRank (power iteration, teleport to the customers)", params, s, r.iterations,
                             r.converged, r.residual);
  d.attributes.push_back({"customers", static_cast<std::int64_t>(in.customers.size())});
  out.datasets.push_back(std::move(d));
  out.summary = fmt::format("{} customers, ", in.customers.size()) + converged_summary(r.iterations, r.converged);
  return out;
}

// ---- Katz, eigenvector, HITS ----------------------------------------------------------------------

AnalysisOutput run_katz(const AnalysisInput& in) {
  const auto& cs = in.spec.centrality;
  centrality::KatzOptions o;
  o.alpha = cs.katz_alpha;
  o.beta = cs.katz_beta;
  o.use_weights = cs.use_weights;
  const auto t0 = Clock::now();
  auto r = centrality::katz(in.graph, o, in.ctx);
  const double s = since(t0);
  const auto params = fmt::format(R"({{"alpha":{},"beta":{},"tolerance":{},"weights":{},"normalized":true}})", r.alpha,
                                  o.beta, o.tolerance, weights_used(in.graph, in.spec));
  auto d = iterative_dataset(in.layer, "katz", std::move(r.score), "Katz centrality (Jacobi iteration)", params, s,
                             r.iterations, r.converged, r.residual);
  d.attributes.push_back({"alpha", r.alpha});
  AnalysisOutput out;
  out.datasets.push_back(std::move(d));
  out.summary = fmt::format("alpha {:.4g}, ", r.alpha) + converged_summary(r.iterations, r.converged);
  return out;
}

AnalysisOutput run_eigenvector(const AnalysisInput& in) {
  centrality::EigenvectorOptions o;
  o.use_weights = in.spec.centrality.use_weights;
  const auto t0 = Clock::now();
  auto r = centrality::eigenvector(in.graph, o, in.ctx);
  const double s = since(t0);
  const auto params = fmt::format(R"({{"tolerance":{},"weights":{},"scale":"max 1"}})", o.tolerance,
                                  weights_used(in.graph, in.spec));
  auto d = iterative_dataset(in.layer, "eigenvector", std::move(r.score),
                             in.graph.directed() ? "eigenvector centrality (shifted power iteration, in-arcs)"
                                                 : "eigenvector centrality (LOBPCG)",
                             params, s, r.iterations, r.converged, r.residual);
  d.attributes.push_back({"eigenvalue", r.eigenvalue});
  AnalysisOutput out;
  out.datasets.push_back(std::move(d));
  out.summary = fmt::format("eigenvalue {:.6g}, ", r.eigenvalue) + converged_summary(r.iterations, r.converged);
  return out;
}

AnalysisOutput run_hits(const AnalysisInput& in) {
  centrality::EigenvectorOptions o;
  o.use_weights = in.spec.centrality.use_weights;
  const auto t0 = Clock::now();
  auto r = centrality::hits(in.graph, o, in.ctx);
  const double s = since(t0);
  const auto params = fmt::format(R"({{"tolerance":{},"weights":{},"scale":"max 1"}})", o.tolerance,
                                  weights_used(in.graph, in.spec));
  AnalysisOutput out;
  auto h = iterative_dataset(in.layer, "hub", std::move(r.hub), "HITS hub score (LOBPCG on A A^T)", params, s, r.iterations,
                             r.converged, r.residual);
  auto a = iterative_dataset(in.layer, "authority", std::move(r.authority), "HITS authority score (A^T hub)", params, s,
                             r.iterations, r.converged, r.residual);
  h.attributes.push_back({"eigenvalue", r.eigenvalue});
  a.attributes.push_back({"eigenvalue", r.eigenvalue});
  out.datasets.push_back(std::move(h));
  out.datasets.push_back(std::move(a));
  out.summary = converged_summary(r.iterations, r.converged);
  return out;
}

// ---- betweenness ----------------------------------------------------------------------------------

AnalysisOutput run_betweenness(const AnalysisInput& in) {
  centrality::BetweennessOptions o;
  o.use_weights = in.spec.centrality.path_weights;
  o.normalized = false;
  const auto t0 = Clock::now();
  auto r = centrality::betweenness(in.graph, o, in.ctx);
  const double s = since(t0);
  const auto params = fmt::format(R"({{"weights":{},"length":"{}","normalized":false}})", path_weights_used(in.graph, in.spec),
                                  path_weights_used(in.graph, in.spec) ? "1/weight" : "hops");
  AnalysisOutput out;
  out.datasets.push_back(
      dataset(centrality_path(in.layer, "betweenness"), std::move(r.score), "betweenness (exact, Brandes)", params, s));
  out.summary = "exact";
  return out;
}

AnalysisOutput run_betweenness_approx(const AnalysisInput& in) {
  const auto& cs = in.spec.centrality;
  centrality::BetweennessApproxOptions o;
  o.epsilon = cs.betweenness_epsilon;
  o.delta = cs.betweenness_delta;
  o.seed = in.spec.seed;
  o.use_weights = cs.path_weights;
  const auto t0 = Clock::now();
  auto r = centrality::betweenness_approx(in.graph, o, in.ctx);
  const double s = since(t0);
  const auto params = fmt::format(R"({{"epsilon":{},"delta":{},"seed":{},"weights":{},"method":"{}","normalized":true}})",
                                  o.epsilon, o.delta, o.seed, path_weights_used(in.graph, in.spec), r.method);
  auto d = dataset(centrality_path(in.layer, "betweenness_approx"), std::move(r.score),
                   "approximate normalized betweenness (" + r.method + ")", params, s);
  d.attributes.push_back({"epsilon", r.epsilon});
  d.attributes.push_back({"delta", r.delta});
  d.attributes.push_back({"samples", static_cast<std::int64_t>(r.samples)});
  d.attributes.push_back({"vertex_diameter", static_cast<std::int64_t>(r.vertex_diameter)});
  AnalysisOutput out;
  out.datasets.push_back(std::move(d));
  out.summary = fmt::format("{} samples, every score within {} w.p. {}", r.samples, r.epsilon, 1.0 - r.delta);
  return out;
}

// ---- closeness and harmonic -----------------------------------------------------------------------

namespace {

AnalysisOutput run_distance_measure(const AnalysisInput& in, bool harmonic_measure) {
  const auto& cs = in.spec.centrality;
  const CsrGraph& g = in.graph;
  const char* name = harmonic_measure ? "harmonic" : "closeness";
  centrality::ClosenessOptions m;
  m.use_weights = cs.path_weights;
  m.reverse = g.directed();  // along the direction word of mouth travels: from v to its followers
  // One search per vertex; measured on the demo trust layer (50,000 people, 638,536 arcs, hops):
  // n x arcs = 3.2e10 took 13 CPU-seconds exact, 2.5 sampled.
  const double work = static_cast<double>(g.num_vertices()) * static_cast<double>(g.num_arcs());
  const bool exact = cs.closeness_mode == "exact" || (cs.closeness_mode == "auto" && work <= cs.exact_work_limit);
  const bool weights = path_weights_used(g, in.spec);
  AnalysisOutput out;
  const auto t0 = Clock::now();
  if (exact) {
    auto score = harmonic_measure ? centrality::harmonic(g, m, in.ctx) : centrality::closeness(g, m, in.ctx);
    const auto params = fmt::format(R"({{"mode":"exact","weights":{},"direction":"{}","normalized":true{}}})", weights,
                                    g.directed() ? "to v (reverse arcs)" : "undirected",
                                    harmonic_measure ? "" : R"(,"wasserman_faust":true)");
    out.datasets.push_back(dataset(centrality_path(in.layer, name), std::move(score),
                                   harmonic_measure ? "harmonic centrality (exact)" : "closeness (exact, Wasserman-Faust)",
                                   params, since(t0)));
    out.summary = "exact";
  } else {
    centrality::SampledClosenessOptions o;
    o.epsilon = cs.closeness_epsilon;
    o.delta = cs.closeness_delta;
    o.seed = in.spec.seed;
    o.measure = m;
    auto r = harmonic_measure ? centrality::harmonic_sampled(g, o, in.ctx) : centrality::closeness_sampled(g, o, in.ctx);
    const double s = since(t0);
    const auto params = fmt::format(R"({{"mode":"sampled","epsilon":{},"delta":{},"seed":{},"weights":{},"normalized":true}})",
                                    o.epsilon, o.delta, o.seed, weights);
    auto d = dataset(centrality_path(in.layer, name), std::move(r.score),
                     harmonic_measure ? "harmonic centrality (sampled sources)" : "closeness (sampled sources, Wasserman-Faust)",
                     params, s);
    d.attributes.push_back({"samples", static_cast<std::int64_t>(r.samples)});
    double worst = 0;
    for (double b : r.error_bar) worst = std::max(worst, b);
    out.datasets.push_back(std::move(d));
    auto e = dataset(centrality_path(in.layer, std::string(name) + "_error_bar"), std::move(r.error_bar),
                     "half-width of the confidence interval of each sampled value", params, s);
    out.datasets.push_back(std::move(e));
    out.summary = fmt::format("sampled: {} sources, error bars <= {:.3g}", r.samples, worst);
  }
  if (cs.top_k > 0) {
    const auto t1 = Clock::now();
    auto r = harmonic_measure ? centrality::top_k_harmonic(g, cs.top_k, m, in.ctx) : centrality::top_k_closeness(g, cs.top_k, m, in.ctx);
    const double s = since(t1);
    const auto params = fmt::format(R"({{"k":{},"weights":{}}})", cs.top_k, weights);
    io::Dataset v{centrality_path(in.layer, std::string(name) + "_top"), to_int64(r.vertices), {}};
    v.attributes.push_back({"algorithm", std::string("exact top-k (Bergamini et al., cut searches)")});
    v.attributes.push_back({"parameters", params});
    v.attributes.push_back({"seconds", s});
    out.datasets.push_back(std::move(v));
    io::Dataset sc{centrality_path(in.layer, std::string(name) + "_top_score"), std::move(r.score), {}};
    out.datasets.push_back(std::move(sc));
    out.summary += fmt::format(", exact top {}", cs.top_k);
  }
  return out;
}

}  // namespace

AnalysisOutput run_closeness(const AnalysisInput& in) { return run_distance_measure(in, false); }
AnalysisOutput run_harmonic(const AnalysisInput& in) { return run_distance_measure(in, true); }

// ---- clustering, reciprocity, structural holes ----------------------------------------------------

AnalysisOutput run_clustering(const AnalysisInput& in) {
  const auto t0 = Clock::now();
  auto c = centrality::local_clustering(in.graph, in.ctx);
  const double s = since(t0);
  double sum = 0;
  std::size_t defined = 0;
  for (VertexId v = 0; v < in.graph.num_vertices(); ++v)
    if (in.graph.out_degree(v) >= 2) sum += c[v], ++defined;
  AnalysisOutput out;
  out.datasets.push_back(dataset(centrality_path(in.layer, "clustering"), std::move(c),
                                 "local clustering coefficient (undirected tie graph; 0 below 2 contacts)", "{}", s));
  out.summary = fmt::format("mean {:.4f} over {} people with >= 2 contacts", defined ? sum / static_cast<double>(defined) : 0.0, defined);
  return out;
}

AnalysisOutput run_reciprocity(const AnalysisInput& in) {
  const auto t0 = Clock::now();
  auto r = centrality::reciprocity(in.graph, in.ctx);
  const double s = since(t0);
  AnalysisOutput out;
  out.datasets.push_back(dataset(centrality_path(in.layer, "reciprocity"), std::move(r),
                                 "share of follows returned (NaN: follows nobody)", "{}", s));
  out.summary = "per person";
  return out;
}

namespace {

bool selected(const JobSpec& spec, const std::string& name) {
  const auto& names = spec.analyses.empty() ? default_analyses() : spec.analyses;
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

// constraint and effective_size come from one pass; whichever runs first writes both when both are selected.
AnalysisOutput run_structural_holes(const AnalysisInput& in) {
  AnalysisOutput out;
  if (find_double(in.previous, centrality_path(in.layer, "constraint")) ||
      find_double(in.previous, centrality_path(in.layer, "effective_size"))) {
    out.summary = "computed with constraint";
    return out;
  }
  const bool weights = weights_used(in.graph, in.spec);
  const auto t0 = Clock::now();
  auto r = centrality::structural_holes(in.graph, in.spec.centrality.use_weights, in.ctx);
  const double s = since(t0);
  const auto params = fmt::format(R"({{"weights":{}}})", weights);
  if (selected(in.spec, "constraint"))
    out.datasets.push_back(dataset(centrality_path(in.layer, "constraint"), std::move(r.constraint),
                                   "Burt's constraint (low: brokers between unconnected contacts)", params, s));
  if (selected(in.spec, "effective_size"))
    out.datasets.push_back(dataset(centrality_path(in.layer, "effective_size"), std::move(r.effective_size),
                                   "Burt's effective size (non-redundant contacts)", params, s));
  out.summary = "Burt's structural holes";
  return out;
}

}  // namespace peerscout::job::detail
