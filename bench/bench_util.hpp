#pragma once
// Shared helpers for the benchmark programs: best-of-N timing, one printed row per comparison
// (peerscout time, peer time, ratio, note), and the locations of the inputs.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "datasets/generators/rmat.hpp"
#include "io/text_writer.hpp"

namespace peerscout::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// Best wall time of `repeat` runs of f (at least one).
template <class F>
double best_of(int repeat, F&& f) {
  double best = 1e300;
  for (int r = 0; r < std::max(1, repeat); ++r) {
    const auto t0 = Clock::now();
    f();
    best = std::min(best, seconds_since(t0));
  }
  return best;
}

/// One comparison row: "graph  what  peerscout X s  <peer> Y s  ratio Y/X  note".
inline void report(const std::string& graph, const std::string& what, double ours, double theirs,
                   const std::string& note, const char* peer = "igraph") {
  fmt::print("{:<22} {:<30} peerscout {:9.3f} s   {} {:9.3f} s   ratio {:7.2f}x   {}\n", graph, what, ours, peer,
             theirs, ours > 0 ? theirs / ours : 0.0, note);
  std::fflush(stdout);
}

/// ../shared/datasets next to the source tree (may not exist).
inline std::filesystem::path shared_datasets_dir() {
  return std::filesystem::path(PEERSCOUT_SOURCE_DIR) / ".." / "shared" / "datasets";
}

/// The R-MAT text file used by every benchmark (generated on first use, seed 1).
inline std::filesystem::path rmat_file(const std::filesystem::path& tmp, int scale, int edge_factor) {
  const auto file = tmp / fmt::format("peerscout-rmat-s{}-e{}.el", scale, edge_factor);
  if (!std::filesystem::exists(file)) {
    const auto t0 = Clock::now();
    auto g = datasets::rmat({.scale = scale, .edge_factor = edge_factor, .seed = 1});
    io::write_edge_list_text(file, g.edges, ' ');
    fmt::print("generated {} ({} edges) in {:.1f} s\n", file.string(), g.edges.size(), seconds_since(t0));
  }
  return file;
}

}  // namespace peerscout::bench
