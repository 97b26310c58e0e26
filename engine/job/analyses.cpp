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
      {"coreness", "k-core numbers (the trusted core of a scene)", "trust, friends (undirected layers)", true,
       undirected_layer, run_coreness},
      {"components", "weakly (and, on directed layers, strongly) connected components", "every layer", true, any_layer,
       run_components},
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
