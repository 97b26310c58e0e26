#include "engine/csr_graph.hpp"

#include <cstdint>
#include <string>

#include "engine/detail/csr_assembler.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout {

CsrGraph::CsrGraph() : offsets_(1, 0) {}

std::size_t CsrGraph::memory_bytes() const noexcept {
  return offsets_.capacity() * sizeof(EdgeIndex) + targets_.capacity() * sizeof(VertexId) +
         weights_.capacity() * sizeof(Weight) + in_offsets_.capacity() * sizeof(EdgeIndex) +
         in_sources_.capacity() * sizeof(VertexId) + in_weights_.capacity() * sizeof(Weight);
}

void CsrGraph::count_self_loops() {
  const auto n = static_cast<std::int64_t>(num_vertices());
  EdgeIndex loops = 0;
#pragma omp parallel for schedule(dynamic, 1024) reduction(+ : loops) if (n > kParallelMin)
  for (std::int64_t i = 0; i < n; ++i) {
    const auto v = static_cast<VertexId>(i);
    for (VertexId t : out_neighbors(v)) loops += (t == v) ? 1 : 0;
  }
  self_loops_ = loops;
}

CsrGraph CsrAssembler::assemble(bool directed, std::vector<EdgeIndex> offsets, std::vector<VertexId> targets,
                                std::vector<Weight> weights, std::vector<EdgeIndex> in_offsets,
                                std::vector<VertexId> in_sources, std::vector<Weight> in_weights) {
  CsrGraph g;
  g.directed_ = directed;
  g.offsets_ = std::move(offsets);
  g.targets_ = std::move(targets);
  g.weights_ = std::move(weights);
  g.in_offsets_ = std::move(in_offsets);
  g.in_sources_ = std::move(in_sources);
  g.in_weights_ = std::move(in_weights);
  g.count_self_loops();
  return g;
}

namespace {

void check_adjacency(const char* what, const std::vector<EdgeIndex>& off, const std::vector<VertexId>& adj,
                     const std::vector<Weight>& w, std::size_t n) {
  const std::string name(what);
  if (off.size() != n + 1) throw InvalidArgument("CsrGraph: " + name + " offsets must have num_vertices+1 entries");
  if (off.front() != 0 || off.back() != adj.size())
    throw InvalidArgument("CsrGraph: " + name + " offsets must start at 0 and end at the number of arcs");
  if (!w.empty() && w.size() != adj.size())
    throw InvalidArgument("CsrGraph: " + name + " weights must be empty or one per arc");
  for (std::size_t v = 0; v < n; ++v) {
    if (off[v] > off[v + 1]) throw InvalidArgument("CsrGraph: " + name + " offsets must be non-decreasing");
    for (EdgeIndex e = off[v]; e < off[v + 1]; ++e) {
      if (adj[e] >= n) throw InvalidArgument("CsrGraph: " + name + " neighbour id out of range");
      if (e > off[v] && adj[e] < adj[e - 1])
        throw InvalidArgument("CsrGraph: " + name + " neighbour lists must be sorted");
    }
  }
}

}  // namespace

CsrGraph CsrGraph::from_arrays(bool directed, std::vector<EdgeIndex> offsets, std::vector<VertexId> targets,
                               std::vector<Weight> weights, std::vector<EdgeIndex> in_offsets,
                               std::vector<VertexId> in_sources, std::vector<Weight> in_weights) {
  if (offsets.empty()) throw InvalidArgument("CsrGraph: offsets must have num_vertices+1 entries");
  if (offsets.size() - 1 > kNoVertex) throw InvalidArgument("CsrGraph: too many vertices for 32-bit ids");
  const std::size_t n = offsets.size() - 1;
  check_adjacency("out", offsets, targets, weights, n);
  if (!directed && !(in_offsets.empty() && in_sources.empty() && in_weights.empty()))
    throw InvalidArgument("CsrGraph: an undirected graph has no separate in-adjacency");
  if (!in_offsets.empty()) {
    check_adjacency("in", in_offsets, in_sources, in_weights, n);
    if (in_sources.size() != targets.size())
      throw InvalidArgument("CsrGraph: in-adjacency must have as many arcs as the out-adjacency");
    if (weights.empty() != in_weights.empty())
      throw InvalidArgument("CsrGraph: in-weights must be present exactly when weights are");
  }
  return CsrAssembler::assemble(directed, std::move(offsets), std::move(targets), std::move(weights),
                                std::move(in_offsets), std::move(in_sources), std::move(in_weights));
}

}  // namespace peerscout
