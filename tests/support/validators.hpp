#pragma once
// Validators that re-derive a definition from scratch (serial, simple, independent of the
// implementations they check).
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "algorithms/centrality/kcore.hpp"
#include "engine/csr_builder.hpp"
#include "tests/support/shared_data.hpp"

namespace peerscout::test {

/// True when `core` are the core numbers of g under `mode` (degree conventions of
/// centrality::core_numbers: undirected loops count twice, directed loops once per direction).
/// Checks (1) every v with core k has >= k incident arcs to vertices of core >= k, and (2) for
/// every k, peeling the subgraph induced by {core >= k} at threshold k+1 leaves exactly
/// {core >= k+1}; by induction from the 0-core (= V), {core >= k} is then the k-core for all k.
/// On failure, `why` (when given) names the first violation.
bool is_valid_core_numbers(const CsrGraph& g, const std::vector<std::uint32_t>& core,
                           centrality::DegreeMode mode = centrality::DegreeMode::kAll, std::string* why = nullptr);

/// True when the two labelings define the same partition (equal up to renaming the labels).
template <class A, class B>
bool same_partition(const std::vector<A>& a, const std::vector<B>& b) {
  if (a.size() != b.size()) return false;
  std::unordered_map<A, B> ab;
  std::unordered_map<B, A> ba;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto [it1, new1] = ab.emplace(a[i], b[i]);
    const auto [it2, new2] = ba.emplace(b[i], a[i]);
    if (it1->second != b[i] || it2->second != a[i]) return false;
  }
  return true;
}

/// Max |a[i] - b[i]| (infinity when the sizes differ).
double max_abs_diff(const std::vector<double>& a, const std::vector<double>& b);

// ---- inputs for validator and oracle tests ------------------------------------------------------

/// A heavy-tailed random graph: R-MAT (a, b, c = 0.57, 0.19, 0.19) on 2^scale vertices with
/// edge_factor * 2^scale edge draws, ids scrambled by a fixed bijection, generated with
/// Rng::for_item(seed, Stream::kGenerator, i) per draw (identical for any thread count).
/// Duplicates and self-loops per `opts` (default: merged / dropped).
CsrGraph skewed_random_graph(int scale, int edge_factor, std::uint64_t seed, BuildOptions opts = {});

/// One variant of a shared dataset handed to for_each_shared_graph.
struct SharedGraph {
  const SharedDataset& dataset;
  const CsrGraph& graph;
  bool self_loops_kept;
  std::string label() const;  ///< "name" or "name (self-loops kept)"
};

/// Calls f for every network of ../shared/datasets: once with the default preprocessing
/// (self-loops dropped, duplicates merged) and, when the dataset has self-loops, once more with
/// them kept. `weights`: attach the weight column of weighted datasets. Returns false (and calls
/// nothing) when the datasets are absent.
bool for_each_shared_graph(bool weights, const std::function<void(const SharedGraph&)>& f);

}  // namespace peerscout::test
