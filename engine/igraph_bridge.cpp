#include "engine/igraph_bridge.hpp"

#include <omp.h>

#include <cstdio>
#include <memory>
#include <mutex>

#include "engine/error.hpp"

namespace peerscout::ig {

namespace {

// The last error reported by igraph on this (the only igraph) thread.
std::string& last_reason() {
  static std::string reason;
  return reason;
}

void record_error(const char* reason, const char* file, int line, igraph_error_t code) {
  std::string msg = reason ? reason : "unknown error";
  msg += " (";
  msg += igraph_strerror(code);
  msg += ", ";
  msg += file ? file : "?";
  msg += ":" + std::to_string(line) + ")";
  last_reason() = std::move(msg);
  IGRAPH_FINALLY_FREE();  // free igraph's temporaries, then return: never abort the process
}

void record_warning(const char*, const char*, int) {}

void require_serial(const char* what) {
  if (omp_in_parallel()) {
    assertion_failed("!omp_in_parallel()", what, __FILE__, __LINE__);
  }
}

}  // namespace

void install_handlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    igraph_set_error_handler(record_error);
    igraph_set_warning_handler(record_warning);
    igraph_set_attribute_table(&igraph_cattribute_table);
  });
}

void check(igraph_error_t code, std::string_view what) {
  if (code == IGRAPH_SUCCESS) return;
  std::string reason = last_reason().empty() ? igraph_strerror(code) : last_reason();
  last_reason().clear();
  throw Error(std::string(what) + ": " + reason);
}

// ---- vectors -------------------------------------------------------------------------------------

Vector::Vector(igraph_integer_t size) { check(igraph_vector_init(&v_, size), "igraph_vector_init"); }
Vector::Vector(const std::vector<double>& values) : Vector(static_cast<igraph_integer_t>(values.size())) {
  for (std::size_t i = 0; i < values.size(); ++i) VECTOR(v_)[i] = values[i];
}
Vector::~Vector() { igraph_vector_destroy(&v_); }
std::vector<double> Vector::to_std() const {
  const auto n = igraph_vector_size(&v_);
  std::vector<double> out(static_cast<std::size_t>(n));
  for (igraph_integer_t i = 0; i < n; ++i) out[static_cast<std::size_t>(i)] = VECTOR(v_)[i];
  return out;
}

VectorInt::VectorInt(igraph_integer_t size) { check(igraph_vector_int_init(&v_, size), "igraph_vector_int_init"); }
VectorInt::VectorInt(const std::vector<std::int64_t>& values) : VectorInt(static_cast<igraph_integer_t>(values.size())) {
  for (std::size_t i = 0; i < values.size(); ++i) VECTOR(v_)[i] = values[i];
}
VectorInt::~VectorInt() { igraph_vector_int_destroy(&v_); }
std::vector<std::int64_t> VectorInt::to_std() const {
  const auto n = igraph_vector_int_size(&v_);
  std::vector<std::int64_t> out(static_cast<std::size_t>(n));
  for (igraph_integer_t i = 0; i < n; ++i) out[static_cast<std::size_t>(i)] = VECTOR(v_)[i];
  return out;
}

// ---- graphs --------------------------------------------------------------------------------------

Graph::Graph(const CsrGraph& g) {
  require_serial("igraph is not thread-safe here: build ig::Graph outside parallel regions");
  const VertexId n = g.num_vertices();
  std::vector<std::int64_t> ends;
  std::vector<double> w;
  ends.reserve(2 * g.num_edges());
  for (VertexId u = 0; u < n; ++u) {
    const auto nb = g.out_neighbors(u);
    const auto ws = g.out_weights(u);
    for (std::size_t k = 0; k < nb.size(); ++k) {
      if (!g.directed() && nb[k] < u) continue;  // each undirected edge once
      ends.push_back(u);
      ends.push_back(nb[k]);
      if (!ws.empty()) w.push_back(static_cast<double>(ws[k]));
    }
  }
  VectorInt edges(ends);
  check(igraph_create(&g_, edges.get(), static_cast<igraph_integer_t>(n), g.directed() ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED),
        "igraph_create");
  owned_ = true;
  if (g.weighted()) {
    has_weights_ = true;
    check(igraph_vector_resize(weights_.get(), static_cast<igraph_integer_t>(w.size())), "igraph_vector_resize");
    for (std::size_t i = 0; i < w.size(); ++i) VECTOR(*weights_.get())[i] = w[i];
  }
}

Graph Graph::adopt(igraph_t& g) {
  Graph out;
  out.g_ = g;
  out.owned_ = true;
  return out;
}

Graph::Graph(Graph&& other) noexcept : g_(other.g_), has_weights_(other.has_weights_), owned_(other.owned_) {
  igraph_vector_swap(weights_.get(), other.weights_.get());
  other.owned_ = false;
}

Graph::~Graph() {
  if (owned_) igraph_destroy(&g_);
}

// ---- RNG -----------------------------------------------------------------------------------------

RngScope::RngScope(std::uint64_t seed) {
  check(igraph_rng_init(&rng_, &igraph_rngtype_pcg32), "igraph_rng_init");
  check(igraph_rng_seed(&rng_, static_cast<igraph_uint_t>(seed)), "igraph_rng_seed");
  previous_ = igraph_rng_default();
  igraph_rng_set_default(&rng_);
}

RngScope::~RngScope() {
  igraph_rng_set_default(previous_);
  igraph_rng_destroy(&rng_);
}

// ---- foreign formats -----------------------------------------------------------------------------

namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

std::vector<std::string> vertex_names(const igraph_t* g) {
  const igraph_integer_t n = igraph_vcount(g);
  std::vector<std::string> names(static_cast<std::size_t>(n));
  for (const char* attr : {"name", "id", "label"}) {
    if (!igraph_cattribute_has_attr(g, IGRAPH_ATTRIBUTE_VERTEX, attr)) continue;
    igraph_attribute_type_t type;
    check(igraph_cattribute_table.gettype(g, &type, IGRAPH_ATTRIBUTE_VERTEX, attr), "igraph attribute type");
    for (igraph_integer_t v = 0; v < n; ++v) {
      if (type == IGRAPH_ATTRIBUTE_STRING) {
        names[static_cast<std::size_t>(v)] = VAS(g, attr, v);
      } else if (type == IGRAPH_ATTRIBUTE_NUMERIC) {
        const double x = VAN(g, attr, v);
        char buf[64];
        if (x == static_cast<double>(static_cast<long long>(x))) {
          std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(x));
        } else {
          std::snprintf(buf, sizeof buf, "%.17g", x);
        }
        names[static_cast<std::size_t>(v)] = buf;
      } else {
        continue;
      }
    }
    if (type == IGRAPH_ATTRIBUTE_STRING || type == IGRAPH_ATTRIBUTE_NUMERIC) return names;
  }
  for (igraph_integer_t v = 0; v < n; ++v) names[static_cast<std::size_t>(v)] = std::to_string(v);
  return names;
}

}  // namespace

ForeignGraph read_foreign(const std::filesystem::path& path, ForeignFormat format) {
  require_serial("igraph readers run outside parallel regions");
  install_handlers();
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
  if (!f) throw InputError(path.string(), 0, "cannot open file");
  igraph_t g;
  igraph_error_t rc = IGRAPH_SUCCESS;
  switch (format) {
    case ForeignFormat::kGraphML: rc = igraph_read_graph_graphml(&g, f.get(), 0); break;
    case ForeignFormat::kGml: rc = igraph_read_graph_gml(&g, f.get()); break;
    case ForeignFormat::kPajek: rc = igraph_read_graph_pajek(&g, f.get()); break;
  }
  if (rc != IGRAPH_SUCCESS) {
    std::string reason = last_reason().empty() ? igraph_strerror(rc) : last_reason();
    last_reason().clear();
    throw InputError(path.string(), 0, "igraph could not read it: " + reason);
  }
  Graph owner = Graph::adopt(g);
  ForeignGraph out;
  out.directed = igraph_is_directed(owner.get());
  out.names = vertex_names(owner.get());
  const igraph_integer_t m = igraph_ecount(owner.get());
  out.from.resize(static_cast<std::size_t>(m));
  out.to.resize(static_cast<std::size_t>(m));
  for (igraph_integer_t e = 0; e < m; ++e) {
    out.from[static_cast<std::size_t>(e)] = IGRAPH_FROM(owner.get(), e);
    out.to[static_cast<std::size_t>(e)] = IGRAPH_TO(owner.get(), e);
  }
  if (igraph_cattribute_has_attr(owner.get(), IGRAPH_ATTRIBUTE_EDGE, "weight")) {
    igraph_attribute_type_t type;
    check(igraph_cattribute_table.gettype(owner.get(), &type, IGRAPH_ATTRIBUTE_EDGE, "weight"), "igraph attribute type");
    if (type == IGRAPH_ATTRIBUTE_NUMERIC) {
      out.weights.resize(static_cast<std::size_t>(m));
      for (igraph_integer_t e = 0; e < m; ++e) out.weights[static_cast<std::size_t>(e)] = EAN(owner.get(), "weight", e);
    }
  }
  return out;
}

std::string version() {
  const char* s = nullptr;
  int major = 0, minor = 0, sub = 0;
  igraph_version(&s, &major, &minor, &sub);
  return s ? s : "unknown";
}

}  // namespace peerscout::ig
