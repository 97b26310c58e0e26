#pragma once
/// The analysis registry: name -> which layers it applies to -> how to run it and which HDF5
/// datasets it produces (docs/hdf5_schema.md). The pipeline runs every selected analysis on every
/// layer it applies to, in registry order.
#include <string>
#include <vector>

#include "engine/job/job_spec.hpp"
#include "engine/layered_graph.hpp"
#include "engine/run_context.hpp"
#include "io/hdf5/results_writer.hpp"

namespace peerscout::job {

struct AnalysisOutput {
  std::vector<io::Group> groups;  ///< groups with attributes (e.g. /community/<layer>/<method>)
  std::vector<io::Dataset> datasets;
  std::string summary;  ///< one line for the progress report, e.g. "62 iterations, converged"
};

/// Everything an analysis may read.
struct AnalysisInput {
  LayerKind layer;
  const CsrGraph& graph;                       ///< the layer's graph
  const LayeredGraph& lg;                      ///< all layers, ids, node attributes
  const JobSpec& spec;
  const std::vector<io::Dataset>& previous;    ///< results of the analyses run before this one
  const std::vector<VertexId>& customers;      ///< --customers, resolved (empty when not given)
  RunContext& ctx;
};

struct AnalysisSpec {
  std::string name;
  std::string description;  ///< for --help and docs/cli.md
  std::string layers_doc;   ///< which layers it runs on by default
  bool by_default;          ///< run when --analyses is not given
  bool (*applies)(LayerKind layer, const LayeredGraph& lg, const JobSpec& spec);
  AnalysisOutput (*run)(const AnalysisInput& in);
};

/// In execution order; known_analyses() lists their names.
const std::vector<AnalysisSpec>& analysis_registry();

/// "/centrality/<layer>/<measure>".
std::string centrality_path(LayerKind layer, const std::string& measure);

}  // namespace peerscout::job
