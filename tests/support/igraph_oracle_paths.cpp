#include "tests/support/igraph_oracle_paths.hpp"

#include <cmath>
#include <algorithm>
#include <limits>
#include <type_traits>

#include "engine/igraph_bridge.hpp"

namespace peerscout::test {

namespace {

// Lengths 1/w in igraph's edge order, or nothing.
struct Lengths {
  ig::Vector v;
  bool used = false;
  Lengths(const ig::Graph& ig, bool weights) {
    if (!weights || ig.weights() == nullptr) return;
    const igraph_vector_t* src = ig.weights();
    const auto m = igraph_vector_size(src);
    ig::check(igraph_vector_resize(v.get(), m), "igraph_vector_resize");
    for (igraph_integer_t e = 0; e < m; ++e) VECTOR(*v.get())[e] = 1.0 / VECTOR(*src)[e];
    used = true;
  }
  const igraph_vector_t* get() const { return used ? v.get() : nullptr; }
};

}  // namespace

std::vector<double> igraph_betweenness(const CsrGraph& g, bool weights) {
  ig::Graph ig(g);
  Lengths len(ig, weights);
  ig::Vector res;
  ig::check(::igraph_betweenness(ig.get(), res.get(), igraph_vss_all(), true, len.get()), "igraph_betweenness");
  return res.to_std();
}

IgraphCloseness igraph_closeness(const CsrGraph& g, bool reverse, bool weights, bool normalized) {
  ig::Graph ig(g);
  Lengths len(ig, weights);
  ig::Vector res;
  ig::VectorInt reach;
  igraph_bool_t all = false;
  ig::check(::igraph_closeness(ig.get(), res.get(), reach.get(), &all, igraph_vss_all(), reverse ? IGRAPH_IN : IGRAPH_OUT,
                               len.get(), normalized),
            "igraph_closeness");
  return {res.to_std(), reach.to_std()};
}

std::vector<double> igraph_closeness_wasserman_faust(const CsrGraph& g, bool reverse, bool weights) {
  const auto c = igraph_closeness(g, reverse, weights, /*normalized=*/true);
  const double n1 = static_cast<double>(g.num_vertices()) - 1.0;
  std::vector<double> wf(c.closeness.size(), 0.0);
  for (std::size_t v = 0; v < wf.size(); ++v) {
    if (c.reachable[v] > 0) wf[v] = c.closeness[v] * static_cast<double>(c.reachable[v]) / n1;
  }
  return wf;
}

std::vector<double> igraph_harmonic(const CsrGraph& g, bool reverse, bool weights, bool normalized) {
  ig::Graph ig(g);
  Lengths len(ig, weights);
  ig::Vector res;
  ig::check(::igraph_harmonic_centrality(ig.get(), res.get(), igraph_vss_all(), reverse ? IGRAPH_IN : IGRAPH_OUT,
                                         len.get(), normalized),
            "igraph_harmonic_centrality");
  return res.to_std();
}

std::vector<double> igraph_distances_from(const CsrGraph& g, VertexId source, bool weights, bool reverse) {
  ig::Graph ig(g);
  Lengths len(ig, weights);
  igraph_matrix_t m;
  ig::check(igraph_matrix_init(&m, 0, 0), "igraph_matrix_init");
  const auto mode = reverse ? IGRAPH_IN : IGRAPH_OUT;
  igraph_error_t code = len.get() != nullptr
                            ? igraph_distances_dijkstra(ig.get(), &m, igraph_vss_1(source), igraph_vss_all(), len.get(), mode)
                            : igraph_distances(ig.get(), &m, igraph_vss_1(source), igraph_vss_all(), mode);
  std::vector<double> out;
  if (code == IGRAPH_SUCCESS) {
    out.resize(g.num_vertices());
    for (VertexId v = 0; v < g.num_vertices(); ++v) {
      const double d = MATRIX(m, 0, v);
      out[v] = std::isfinite(d) ? d : std::numeric_limits<double>::infinity();
    }
  }
  igraph_matrix_destroy(&m);
  ig::check(code, "igraph_distances");
  return out;
}

}  // namespace peerscout::test

namespace peerscout::test {

CsrGraph with_positive_weights(const CsrGraph& g) {
  auto copy = [](auto span) { return std::vector<std::remove_const_t<typename decltype(span)::element_type>>(span.begin(), span.end()); };
  std::vector<Weight> w = copy(g.weights());
  std::vector<Weight> in_w = g.directed() ? copy(g.in_weights_all()) : std::vector<Weight>{};
  if (!w.empty()) {
    Weight lo = w[0];
    for (Weight x : w) lo = std::min(lo, x);
    if (lo <= 0.0F) {
      for (auto& x : w) x = x - lo + 1.0F;
      for (auto& x : in_w) x = x - lo + 1.0F;
    }
  }
  if (!g.directed()) {
    return CsrGraph::from_arrays(false, copy(g.offsets()), copy(g.targets()), std::move(w));
  }
  return CsrGraph::from_arrays(true, copy(g.offsets()), copy(g.targets()), std::move(w),
                               g.has_in_edges() ? copy(g.in_offsets()) : std::vector<EdgeIndex>{},
                               g.has_in_edges() ? copy(g.in_sources()) : std::vector<VertexId>{}, std::move(in_w));
}

double scaled_max_diff(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return std::numeric_limits<double>::infinity();
  double scale = 1.0, diff = 0.0;
  for (double x : b)
    if (std::isfinite(x)) scale = std::max(scale, std::fabs(x));
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) || std::isnan(b[i])) {
      if (std::isnan(a[i]) != std::isnan(b[i])) return std::numeric_limits<double>::infinity();
      continue;
    }
    diff = std::max(diff, std::fabs(a[i] - b[i]));
  }
  return diff / scale;
}

}  // namespace peerscout::test
