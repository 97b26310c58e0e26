#pragma once
// Access to ../shared/datasets (beside the repository). Tests that need it skip cleanly when it is
// absent (a user's fresh clone): `auto dir = test::shared_datasets_dir(); if (!dir) { WARN(...); return; }`.
// PEERSCOUT_SHARED_DATASETS overrides the location.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/csr_graph.hpp"

namespace peerscout::test {

std::optional<std::filesystem::path> shared_datasets_dir();

/// One network of ../shared/datasets as described by its README.
struct SharedDataset {
  std::string name;
  bool directed;
  bool weighted;   ///< edges.el has a third (weight) column
  VertexId vertices;
};

/// Every network in ../shared/datasets (names, direction and size from its README).
const std::vector<SharedDataset>& shared_datasets();

/// Loads <dir>/<name>/edges.el (0-based ids; third column = weight when `weighted`) as a CsrGraph
/// with the dataset's direction. Self-loops and duplicates per `opts` (default: dropped / merged).
CsrGraph load_shared(const SharedDataset& d, bool use_weights = false, bool keep_self_loops = false);

/// Ground-truth labels (node label per line; first label wins for overlapping sets), -1 = none.
std::vector<std::int64_t> load_shared_labels(const SharedDataset& d);

}  // namespace peerscout::test
