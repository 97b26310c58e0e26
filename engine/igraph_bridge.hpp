#pragma once
/// The one adapter between peerscout and igraph's C core (0.10.x signatures).
///
/// Debian's igraph 0.10.2 is built without thread safety and its default error handler aborts the
/// process. Hence: call igraph from one thread only (never inside an OpenMP region), and call
/// install_handlers() once at start-up (CLI, tests, bench): it installs an error handler that frees
/// igraph's temporaries and returns, so check() can turn the error code into an exception.
/// Where igraph 1.0 differs, a comment in igraph_bridge.cpp says so: an upgrade touches this file.
#include <igraph/igraph.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "engine/csr_graph.hpp"

namespace peerscout::ig {

/// Non-aborting error handler, warnings recorded (not printed), C attribute table (readers need it).
/// Idempotent.
void install_handlers();

/// Throws peerscout::Error("<what>: <igraph's reason>") when code != IGRAPH_SUCCESS.
void check(igraph_error_t code, std::string_view what);

/// Owns an igraph_vector_t.
class Vector {
 public:
  explicit Vector(igraph_integer_t size = 0);
  explicit Vector(const std::vector<double>& values);
  ~Vector();
  Vector(const Vector&) = delete;
  Vector& operator=(const Vector&) = delete;
  igraph_vector_t* get() noexcept { return &v_; }
  const igraph_vector_t* get() const noexcept { return &v_; }
  std::vector<double> to_std() const;

 private:
  igraph_vector_t v_;
};

/// Owns an igraph_vector_int_t.
class VectorInt {
 public:
  explicit VectorInt(igraph_integer_t size = 0);
  explicit VectorInt(const std::vector<std::int64_t>& values);
  ~VectorInt();
  VectorInt(const VectorInt&) = delete;
  VectorInt& operator=(const VectorInt&) = delete;
  igraph_vector_int_t* get() noexcept { return &v_; }
  const igraph_vector_int_t* get() const noexcept { return &v_; }
  std::vector<std::int64_t> to_std() const;

 private:
  igraph_vector_int_t v_;
};

/// Owns an igraph_t built from a CsrGraph. Undirected graphs become one igraph edge per {u, v}
/// (a self-loop once); directed graphs one edge per arc. Edge order: by source, then target, so
/// weights() lines up with it.
class Graph {
 public:
  explicit Graph(const CsrGraph& g);
  /// Adopts an igraph_t initialised by an igraph constructor (takes ownership).
  static Graph adopt(igraph_t& g);
  ~Graph();
  Graph(Graph&& other) noexcept;
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;
  Graph& operator=(Graph&&) = delete;

  const igraph_t* get() const noexcept { return &g_; }
  igraph_t* get() noexcept { return &g_; }
  /// Edge weights in igraph's edge order; nullptr when the source graph is unweighted.
  const igraph_vector_t* weights() const noexcept { return has_weights_ ? weights_.get() : nullptr; }

 private:
  Graph() = default;
  igraph_t g_{};
  Vector weights_;
  bool has_weights_ = false;
  bool owned_ = false;
};

/// Seeds igraph's default RNG for a scope and restores the previous state afterwards.
class RngScope {
 public:
  explicit RngScope(std::uint64_t seed);
  ~RngScope();
  RngScope(const RngScope&) = delete;
  RngScope& operator=(const RngScope&) = delete;

 private:
  igraph_rng_t rng_{};
  igraph_rng_t* previous_ = nullptr;
};

/// A graph read with one of igraph's foreign-format readers.
struct ForeignGraph {
  bool directed = false;
  std::vector<std::string> names;     ///< vertex handles: "name", else "id", else "label", else the index
  std::vector<std::int64_t> from, to;  ///< edge endpoints (igraph vertex indices)
  std::vector<double> weights;        ///< "weight" edge attribute; empty when absent
};

enum class ForeignFormat { kGraphML, kGml, kPajek };

/// Reads path with igraph's reader. Throws InputError("path: <igraph's reason>") on failure.
ForeignGraph read_foreign(const std::filesystem::path& path, ForeignFormat format);

/// igraph's version string, e.g. "0.10.2".
std::string version();

}  // namespace peerscout::ig
