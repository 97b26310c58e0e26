#pragma once
// Internal: helpers shared by the analysis steps (engine/job/steps_*.cpp) and their declarations.
// The registry in analyses.cpp lists the steps; each step turns one algorithm's result into HDF5
// datasets (docs/hdf5_schema.md).
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/job/analyses.hpp"

namespace peerscout::job::detail {

using Clock = std::chrono::steady_clock;
inline double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

template <class T>
std::vector<std::int64_t> to_int64(const std::vector<T>& v) {
  return {v.begin(), v.end()};
}

/// A vertex-indexed result with the standard attributes (algorithm, parameters as JSON, seconds).
io::Dataset dataset(std::string path, ColumnData data, std::string algorithm, std::string parameters, double seconds);

/// "@anna; @ben" for a list of vertices.
std::string join_handles(const LayeredGraph& lg, const std::vector<VertexId>& vs);

/// The dataset at `path` among earlier results (nullptr if absent or of another type).
const std::vector<double>* find_double(const std::vector<io::Dataset>& ds, const std::string& path);
const std::vector<std::int64_t>* find_int(const std::vector<io::Dataset>& ds, const std::string& path);

bool any_layer(LayerKind, const LayeredGraph&, const JobSpec&);
bool undirected_layer(LayerKind layer, const LayeredGraph&, const JobSpec&);

// steps_centrality.cpp
AnalysisOutput run_degree(const AnalysisInput& in);
AnalysisOutput run_pagerank(const AnalysisInput& in);
AnalysisOutput run_coreness(const AnalysisInput& in);
AnalysisOutput run_components(const AnalysisInput& in);
// steps_measures.cpp
bool path_layer(LayerKind layer, const LayeredGraph& lg, const JobSpec& spec);
bool directed_layer(LayerKind layer, const LayeredGraph& lg, const JobSpec& spec);
bool customers_given(LayerKind layer, const LayeredGraph& lg, const JobSpec& spec);
AnalysisOutput run_personalized_pagerank(const AnalysisInput& in);
AnalysisOutput run_katz(const AnalysisInput& in);
AnalysisOutput run_eigenvector(const AnalysisInput& in);
AnalysisOutput run_hits(const AnalysisInput& in);
AnalysisOutput run_betweenness(const AnalysisInput& in);
AnalysisOutput run_betweenness_approx(const AnalysisInput& in);
AnalysisOutput run_closeness(const AnalysisInput& in);
AnalysisOutput run_harmonic(const AnalysisInput& in);
AnalysisOutput run_clustering(const AnalysisInput& in);
AnalysisOutput run_reciprocity(const AnalysisInput& in);
AnalysisOutput run_structural_holes(const AnalysisInput& in);
// steps_community.cpp
bool community_layer(LayerKind layer, const LayeredGraph& lg, const JobSpec& spec);
AnalysisOutput run_leiden(const AnalysisInput& in);
AnalysisOutput run_louvain(const AnalysisInput& in);
AnalysisOutput run_label_propagation(const AnalysisInput& in);
// steps_influence.cpp
bool influence_layer(LayerKind layer, const LayeredGraph& lg, const JobSpec& spec);
AnalysisOutput run_imm(const AnalysisInput& in);
AnalysisOutput run_opim(const AnalysisInput& in);

}  // namespace peerscout::job::detail
