#pragma once
// Internal: lets the builder hand finished arrays to CsrGraph without re-validating them.
#include <vector>

#include "engine/csr_graph.hpp"

namespace peerscout {

class CsrAssembler {
 public:
  static CsrGraph assemble(bool directed, std::vector<EdgeIndex> offsets, std::vector<VertexId> targets,
                           std::vector<Weight> weights, std::vector<EdgeIndex> in_offsets,
                           std::vector<VertexId> in_sources, std::vector<Weight> in_weights);
};

}  // namespace peerscout
