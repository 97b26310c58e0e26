#include "engine/job/analyses.hpp"

#include "engine/job/detail/steps.hpp"

namespace peerscout::job {

std::string centrality_path(LayerKind layer, const std::string& measure) {
  return "/centrality/" + std::string(layer_name(layer)) + "/" + measure;
}

namespace detail {

io::Dataset dataset(std::string path, ColumnData data, std::string algorithm, std::string parameters, double seconds) {
  io::Dataset d{std::move(path), std::move(data), {}};
  d.attributes.push_back({"algorithm", std::move(algorithm)});
  d.attributes.push_back({"parameters", std::move(parameters)});
  d.attributes.push_back({"seconds", seconds});
  return d;
}

std::string join_handles(const LayeredGraph& lg, const std::vector<VertexId>& vs) {
  std::string out;
  for (VertexId v : vs) out += (out.empty() ? "" : "; ") + lg.ids.handle(v);
  return out;
}

const std::vector<double>* find_double(const std::vector<io::Dataset>& ds, const std::string& path) {
  for (const auto& d : ds)
    if (d.path == path) return std::get_if<std::vector<double>>(&d.data);
  return nullptr;
}

const std::vector<std::int64_t>* find_int(const std::vector<io::Dataset>& ds, const std::string& path) {
  for (const auto& d : ds)
    if (d.path == path) return std::get_if<std::vector<std::int64_t>>(&d.data);
  return nullptr;
}

bool any_layer(LayerKind, const LayeredGraph&, const JobSpec&) { return true; }
bool undirected_layer(LayerKind layer, const LayeredGraph&, const JobSpec&) { return !layer_directed(layer); }

}  // namespace detail

using namespace detail;

const std::vector<AnalysisSpec>& analysis_registry() {
  static const std::vector<AnalysisSpec> registry = {
      {"degree", "in/out degree and weighted strength", "every layer", true, any_layer, run_degree},
      {"pagerank", "PageRank (reach on follows, engagement on interactions)", "every layer", true, any_layer, run_pagerank},
      {"personalized_pagerank", "personalized PageRank from the customers (--customers): who they trust", "every layer",
       true, customers_given, run_personalized_pagerank},
      {"katz", "Katz centrality (reach through walks of every length)", "every layer", false, any_layer, run_katz},
      {"eigenvector", "eigenvector centrality (connected to the well connected)", "every layer", false, any_layer,
       run_eigenvector},
      {"hits", "HITS hub and authority scores", "follows, interactions (directed layers)", false, directed_layer, run_hits},
      {"reciprocity", "per person: share of follows returned", "follows, interactions (directed layers)", true,
       directed_layer, run_reciprocity},
      {"coreness", "k-core numbers (the trusted core of a scene)", "trust, friends (undirected layers)", true,
       undirected_layer, run_coreness},
      {"components", "weakly (and, on directed layers, strongly) connected components", "every layer", true, any_layer,
       run_components},
      {"clustering", "local clustering coefficient (how tight a person's circle is)", "trust if present, else every layer",
       true, path_layer, run_clustering},
      {"constraint", "Burt's constraint (low: a broker between unconnected contacts)", "as clustering", true, path_layer,
       run_structural_holes},
      {"effective_size", "Burt's effective size (non-redundant contacts)", "as clustering", false, path_layer,
       run_structural_holes},
      {"betweenness", "exact betweenness (Brandes): who sits on the shortest paths", "as clustering", false, path_layer,
       run_betweenness},
      {"betweenness_approx", "approximate betweenness, every score within epsilon w.p. 1-delta (KADABRA)", "as clustering",
       true, path_layer, run_betweenness_approx},
      {"closeness", "closeness (Wasserman-Faust; exact, or sampled with error bars on large graphs)", "as clustering",
       false, path_layer, run_closeness},
      {"harmonic", "harmonic centrality (exact, or sampled with error bars on large graphs)", "as clustering", false,
       path_layer, run_harmonic},
      {"leiden", "Leiden communities: niche audiences (default community method)", "trust if present, else every layer",
       true, community_layer, run_leiden},
      {"louvain", "Louvain communities (multi-level)", "as leiden", false, community_layer, run_louvain},
      {"label_propagation", "label propagation communities (fast, for very large graphs)", "as leiden", false,
       community_layer, run_label_propagation},
      {"imm", "influence maximization: k seeds with the largest expected spread (IMM, guarantee 1-1/e-eps)",
       "follows (else interactions)", true, influence_layer, run_imm},
      {"opim", "influence maximization with the achieved approximation reported (OPIM-C)", "as imm", false,
       influence_layer, run_opim},
  };
  return registry;
}

}  // namespace peerscout::job
