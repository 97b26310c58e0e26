// peerscout_bench_mpi: MPI scaling of the distributed analyses (docs/hpc.md). Run it under
// mpirun; rank 0 prints one Markdown row per analysis:
//   | ranks | threads/rank | graph | analysis | seconds (best of N) | result checksum | peak RSS rank 0 |
// The checksum (FNV-1a over the result's bytes) must be the same for every ranks x threads
// combination: the distributed results are bit-identical to the single-process ones.
//   mpirun -np 2 --bind-to none build/release/bin/peerscout_bench_mpi --scale 18 --threads 1
//   build/release/bin/peerscout_bench_mpi --scale 18 --threads 2
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "algorithms/centrality/pagerank.hpp"
#include "algorithms/influence/imm.hpp"
#include "bench/bench_util.hpp"
#include "datasets/generators/generated_edges.hpp"
#include "datasets/generators/rmat.hpp"
#include "engine/memory.hpp"
#include "engine/mpi.hpp"
#include "engine/parallel.hpp"

using namespace peerscout;

namespace {

template <class T>
std::uint64_t checksum(const std::vector<T>& v) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  const auto* p = reinterpret_cast<const unsigned char*>(v.data());
  for (std::size_t i = 0; i < v.size() * sizeof(T); ++i) h = (h ^ p[i]) * 0x100000001b3ULL;
  return h;
}

// Best of `repeat` runs; each run starts together on every rank and ends when the slowest ends.
template <class F>
double timed(const mpi::Comm& comm, int repeat, F&& f) {
  return bench::best_of(repeat, [&] {
    comm.barrier();
    f();
    comm.barrier();
  });
}

}  // namespace

int main(int argc, char** argv) {
  mpi::Environment env(argc, argv);
  const mpi::Comm& comm = mpi::Comm::world();
  CLI::App app{"peerscout_bench_mpi: distributed IMM and PageRank on R-MAT"};
  int scale = 18, edge_factor = 16, threads = 1, repeat = 3, k = 50;
  double epsilon = 0.1;
  std::string only;
  app.add_option("--scale", scale, "R-MAT scale (2^scale vertices; default 18)");
  app.add_option("--edge-factor", edge_factor, "edges per vertex (default 16)");
  app.add_option("--threads", threads, "OpenMP threads per rank (default 1)");
  app.add_option("--repeat", repeat, "best of N runs (default 3)");
  app.add_option("--k", k, "IMM seeds (default 50)");
  app.add_option("--epsilon", epsilon, "IMM epsilon (default 0.1)");
  app.add_option("--only", only, "imm or pagerank (default both)");
  CLI11_PARSE(app, argc, argv);
  ThreadScope scope(threads);

  RunContext ctx;
  ctx.set_comm(comm);
  const auto t0 = bench::Clock::now();
  const CsrGraph g = datasets::to_graph(datasets::rmat({.scale = scale, .edge_factor = edge_factor, .seed = 1}));
  const double build = bench::seconds_since(t0);
  const std::string graph = fmt::format("rmat-s{}-e{}", scale, edge_factor);
  auto row = [&](const std::string& what, double secs, std::uint64_t sum, const std::string& note) {
    if (comm.is_root())
      fmt::print("| {} | {} | {} | {} | {:.3f} | {:016x} | {} | {} |\n", comm.size(), threads, graph, what, secs, sum,
                 human_bytes(peak_rss_bytes()), note);
    std::fflush(stdout);
  };
  if (comm.is_root())
    fmt::print("# {} vertices, {} arcs, built in {:.2f} s per rank (replicated)\n", g.num_vertices(), g.num_arcs(), build);

  if (only.empty() || only == "pagerank") {
    centrality::PageRankResult r;
    const double secs = timed(comm, repeat, [&] { r = centrality::pagerank(g, {}, ctx); });
    row("pagerank", secs, checksum(r.score), fmt::format("{} iterations", r.iterations));
  }
  if (only.empty() || only == "imm") {
    const auto dg = influence::make_diffusion_graph(g, {});
    influence::SeedOptions o;
    o.k = static_cast<std::size_t>(k);
    o.epsilon = epsilon;
    influence::SeedResult r;
    const double secs = timed(comm, repeat, [&] { r = influence::imm(dg, o, ctx); });
    std::vector<double> all(r.marginal_gain);
    for (VertexId v : r.seeds) all.push_back(v);
    // Phases of the last run (rank 0): sampling = phase 1 (RR sets + coverage rounds), selection = phase 2.
    std::string phases;
    const auto& st = ctx.stages();
    for (std::size_t i = st.size() >= 2 ? st.size() - 2 : 0; i < st.size(); ++i)
      phases += fmt::format("{}{} {:.2f} s", phases.empty() ? "" : ", ", st[i].name, st[i].seconds);
    row("imm", secs, checksum(all), fmt::format("k {} eps {} -> {} RR sets, {} RR memory on rank 0; {}", k, epsilon,
                                                r.rr_sets, human_bytes(r.rr_memory_bytes), phases));
  }
  return 0;
}
