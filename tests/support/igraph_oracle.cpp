#include "tests/support/igraph_oracle.hpp"

#include "engine/igraph_bridge.hpp"

namespace peerscout::test {

namespace {

igraph_neimode_t to_igraph(centrality::DegreeMode mode) {
  switch (mode) {
    case centrality::DegreeMode::kIn: return IGRAPH_IN;
    case centrality::DegreeMode::kOut: return IGRAPH_OUT;
    case centrality::DegreeMode::kAll: break;
  }
  return IGRAPH_ALL;
}

}  // namespace

std::vector<double> igraph_pagerank(const CsrGraph& g, double damping, bool weights, const std::vector<double>* reset) {
  ig::Graph ig(g);
  ig::Vector result;
  igraph_real_t value = 0;
  const igraph_vector_t* w = weights ? ig.weights() : nullptr;
  if (reset == nullptr) {
    ig::check(::igraph_pagerank(ig.get(), IGRAPH_PAGERANK_ALGO_PRPACK, result.get(), &value, igraph_vss_all(),
                                g.directed(), damping, w, nullptr),
              "igraph_pagerank");
  } else {
    ig::Vector r(*reset);
    ig::check(::igraph_personalized_pagerank(ig.get(), IGRAPH_PAGERANK_ALGO_PRPACK, result.get(), &value,
                                             igraph_vss_all(), g.directed(), damping, r.get(), w, nullptr),
              "igraph_personalized_pagerank");
  }
  return result.to_std();
}

std::vector<std::int64_t> igraph_coreness(const CsrGraph& g, centrality::DegreeMode mode) {
  ig::Graph ig(g);
  ig::VectorInt cores;
  ig::check(::igraph_coreness(ig.get(), cores.get(), to_igraph(mode)), "igraph_coreness");
  return cores.to_std();
}

std::vector<std::int64_t> igraph_components(const CsrGraph& g, bool strong) {
  ig::Graph ig(g);
  ig::VectorInt membership, sizes;
  igraph_integer_t count = 0;
  ig::check(::igraph_connected_components(ig.get(), membership.get(), sizes.get(), &count,
                                          strong ? IGRAPH_STRONG : IGRAPH_WEAK),
            "igraph_connected_components");
  return membership.to_std();
}

std::vector<std::int64_t> igraph_degree(const CsrGraph& g, centrality::DegreeMode mode, bool loops) {
  ig::Graph ig(g);
  ig::VectorInt deg;
  ig::check(::igraph_degree(ig.get(), deg.get(), igraph_vss_all(), to_igraph(mode), loops ? IGRAPH_LOOPS : IGRAPH_NO_LOOPS),
            "igraph_degree");
  return deg.to_std();
}

std::vector<double> igraph_strength(const CsrGraph& g, centrality::DegreeMode mode, bool loops) {
  ig::Graph ig(g);
  ig::Vector s;
  ig::check(::igraph_strength(ig.get(), s.get(), igraph_vss_all(), to_igraph(mode), loops ? IGRAPH_LOOPS : IGRAPH_NO_LOOPS,
                              ig.weights()),
            "igraph_strength");
  return s.to_std();
}

}  // namespace peerscout::test
