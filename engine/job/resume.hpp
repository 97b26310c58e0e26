#pragma once
/// Resumable runs (issue 7; docs/job_file.md "Interrupted and resumed runs").
///
/// Every analysis stage ("pagerank/follows") gets a key: a 64-bit fingerprint of what its result
/// depends on: the analysis name and layer, the layer's graph (CSR arrays), the people (handles),
/// the node attributes, the customer list, the parameters of its family (e.g. [pagerank] for
/// pagerank, [community] and the seed for leiden; engine/job/resume.cpp lists them), the
/// contents of the files it reads (exclude list, audience file), the peerscout version, and, for
/// stages that read earlier results (imm/opim audiences, the shortlist), the keys of every stage
/// before them. The output file records, per stage, its key and the HDF5 objects it wrote
/// (/run/resume). With --resume, a stage whose key equals a recorded one is not run again: its
/// objects are read back from the checkpoint (or the previous results file) bit for bit.
///
/// SIGINT/SIGTERM stop the run at the next safe point; the completed stages are written to the
/// checkpoint file (checkpoint_path) and the run exits with code 130. A later run with --resume
/// continues from there and, when complete, writes the results file and deletes the checkpoint.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/job/job_spec.hpp"
#include "engine/layered_graph.hpp"
#include "io/hdf5/results_writer.hpp"

namespace peerscout::job {

/// Fingerprints of the inputs, computed once per run.
struct InputFingerprints {
  std::uint64_t people = 0;      ///< handles, in vertex order
  std::uint64_t attributes = 0;  ///< node attribute names and values
  std::uint64_t customers = 0;   ///< resolved customer ids (sorted)
  std::uint64_t layer[kNumLayers] = {};  ///< CSR arrays per layer (0 when absent)
};

InputFingerprints fingerprint_inputs(const LayeredGraph& lg, const std::vector<VertexId>& customers);

/// The key of stage `analysis` on `layer`; `earlier` combines the keys of the stages run before
/// it (used by the stages that read earlier results).
std::uint64_t stage_key(const std::string& analysis, LayerKind layer, const InputFingerprints& in, const JobSpec& spec,
                        std::uint64_t earlier);

/// A stage as recorded in /run/resume.
struct ResumeRecord {
  std::string stage;
  std::string key;                     ///< 16 hex digits
  std::vector<std::string> datasets;   ///< HDF5 paths written by the stage
  std::vector<std::string> groups;
};

/// "<out stem>.checkpoint.h5" next to the results file.
std::filesystem::path checkpoint_path(const JobSpec& spec);

/// The file a resumed run reads: the checkpoint if present, else the results file if present.
struct ResumeSource {
  std::filesystem::path file;
  std::map<std::string, ResumeRecord> stages;  ///< by stage name
};
std::optional<ResumeSource> open_resume_source(const JobSpec& spec);

/// Reads a recorded stage's objects back (datasets with their attributes, groups' attributes).
void load_stage(const ResumeSource& src, const ResumeRecord& rec, std::vector<io::Dataset>& datasets,
                std::vector<io::Group>& groups);

/// /run/resume as a table (group + columns stage, key, datasets, groups; lists joined with ';').
void add_resume_table(io::ResultsDocument& doc, const std::vector<ResumeRecord>& records);

}  // namespace peerscout::job
