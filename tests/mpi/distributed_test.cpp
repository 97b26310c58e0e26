// Distributed (mpirun -np N) results must be bit-identical to the single-process ones for the same
// seed. Every rank computes both (serial communicator, then MPI_COMM_WORLD) and compares; the
// oracle is the serial code path, itself validated against igraph / brute force / published values
// in peerscout_tests. Run by ctest with -np 2 and -np 3 (tests/CMakeLists.txt).
#include <catch2/catch.hpp>

#include <array>
#include <cstdlib>
#include <numeric>
#include <string>

#include "algorithms/centrality/betweenness_approx.hpp"
#include "algorithms/centrality/closeness.hpp"
#include "algorithms/centrality/pagerank.hpp"
#include "algorithms/community/label_propagation.hpp"
#include "algorithms/influence/imm.hpp"
#include "algorithms/influence/max_coverage.hpp"
#include "algorithms/influence/opim.hpp"
#include "algorithms/influence/rr_sets.hpp"
#include "algorithms/influence/spread.hpp"
#include "datasets/embedded/karate.hpp"
#include "datasets/generators/generated_edges.hpp"
#include "datasets/generators/rmat.hpp"
#include "engine/csr_builder.hpp"
#include "tests/mpi/support.hpp"

using namespace peerscout;

namespace {

const mpi::Comm& world() { return mpi::Comm::world(); }

CsrGraph rmat_graph(int scale, int edge_factor, std::uint64_t seed, bool directed = true, bool weighted = false) {
  BuildOptions b;
  b.directed = directed;
  return datasets::to_graph(datasets::rmat({.scale = scale, .edge_factor = edge_factor, .seed = seed, .weighted = weighted}), b);
}

bool same(const influence::SeedResult& a, const influence::SeedResult& b) {
  return a.seeds == b.seeds && test::same_bits(a.marginal_gain, b.marginal_gain) &&
         test::same_bits(a.estimated_spread, b.estimated_spread) && a.rr_sets == b.rr_sets &&
         test::same_bits(a.approximation, b.approximation) && test::same_bits(a.opt_lower, b.opt_lower) &&
         test::same_bits(a.opt_upper, b.opt_upper) && a.selection_rule == b.selection_rule &&
         test::same_bits(a.total_cost, b.total_cost) && test::same_bits(a.effective_ell, b.effective_ell);
}

bool same(const influence::SpreadEstimate& a, const influence::SpreadEstimate& b) {
  return test::same_bits(a.mean, b.mean) && test::same_bits(a.stddev, b.stddev) && test::same_bits(a.ci_low, b.ci_low) &&
         test::same_bits(a.ci_high, b.ci_high) && a.simulations == b.simulations;
}

}  // namespace

TEST_CASE("mpi: the world has the ranks mpirun started", "[mpi][comm]") {
  if (const char* s = std::getenv("OMPI_COMM_WORLD_SIZE")) {
    CHECK(world().size() == std::atoi(s));
    CHECK(world().rank() == std::atoi(std::getenv("OMPI_COMM_WORLD_RANK")));
  } else {
    WARN("not launched by mpirun: a 1-rank world (the distributed checks compare serial with serial)");
    CHECK(world().size() == 1);
  }
  CHECK(mpi::built_with_mpi());
}

TEST_CASE("mpi: collectives against hand-computed values", "[mpi][comm]") {
  const auto& c = world();
  const auto r = static_cast<std::uint64_t>(c.rank()), p = static_cast<std::uint64_t>(c.size());
  CHECK(c.sum(r + 1) == p * (p + 1) / 2);
  CHECK(c.max(r * 10) == (p - 1) * 10);
  CHECK(c.any(c.rank() == c.size() - 1));
  CHECK_FALSE(c.any(false));
  std::vector<std::uint64_t> v{r, 1, std::uint64_t{1} << 40};
  c.allreduce_sum(std::span<std::uint64_t>(v));
  CHECK(v == std::vector<std::uint64_t>{p * (p - 1) / 2, p, p << 40});
  std::vector<std::uint32_t> w{static_cast<std::uint32_t>(r)};
  c.allreduce_sum(std::span<std::uint32_t>(w));
  CHECK(w[0] == p * (p - 1) / 2);
  std::vector<double> d{0.1 * static_cast<double>(r), -1.0};
  c.allreduce_sum(std::span<double>(d));
  double expect = 0.0;
  for (std::uint64_t k = 0; k < p; ++k) expect += 0.1 * static_cast<double>(k);  // rank order
  CHECK(test::same_bits(d[0], expect));
  CHECK(d[1] == -static_cast<double>(p));
  std::vector<double> mx{static_cast<double>(r)}, mn{static_cast<double>(r)};
  c.allreduce_max(std::span<double>(mx));
  c.allreduce_min(std::span<double>(mn));
  CHECK(mx[0] == static_cast<double>(p - 1));
  CHECK(mn[0] == 0.0);
  // Rank r contributes r + 1 copies of r (rank 0: one entry, ...).
  const std::vector<int> mine(r + 1, static_cast<int>(r));
  const auto all = c.allgatherv(std::span<const int>(mine));
  std::vector<int> want;
  for (std::uint64_t k = 0; k < p; ++k) want.insert(want.end(), k + 1, static_cast<int>(k));
  CHECK(all == want);
  std::array<std::byte, 3> bytes{};
  if (c.is_root()) bytes = {std::byte{1}, std::byte{2}, std::byte{3}};
  c.broadcast(std::span<std::byte>(bytes));
  CHECK(bytes[2] == std::byte{3});
  // Shares tile the range in rank order.
  for (std::uint64_t count : {0ULL, 1ULL, 2ULL, 7ULL, 1000ULL}) {
    const auto counts = c.share_counts(count);
    CHECK(std::accumulate(counts.begin(), counts.end(), std::uint64_t{0}) == count);
    const auto [lo, hi] = c.share(5, count);
    CHECK(hi - lo == counts[r]);
    CHECK(lo == 5 + std::accumulate(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(r), std::uint64_t{0}));
  }
}

TEST_CASE("mpi: RR-set shares partition the serial collection", "[mpi][influence]") {
  const auto g = influence::make_diffusion_graph(rmat_graph(9, 8, 3), {});
  const influence::RRSampler sampler(g, influence::Model::kIndependentCascade, 11);
  influence::RRSets full, mine;
  sampler.append(full, 100, 1001);
  sampler.append_share(mine, 100, 1001, world());
  const auto [lo, hi] = world().share(100, 1001);
  REQUIRE(mine.size() == hi - lo);
  bool equal = true;
  for (std::uint64_t i = 0; i < mine.size(); ++i) {
    const auto a = mine[i], b = full[lo - 100 + i];
    equal = equal && std::equal(a.begin(), a.end(), b.begin(), b.end());
  }
  CHECK(equal);
  CHECK(world().sum(mine.size()) == full.size());
  // Coverage over the shares equals coverage over the whole collection (seeds, gains, bound).
  influence::CoverageOptions o;
  o.k = 5;
  o.upper_bound = true;
  const auto a = influence::max_coverage(full, g.num_vertices(), o);
  const auto b = influence::max_coverage(mine, g.num_vertices(), o, world(), RunContext::none());
  CHECK(a.seeds == b.seeds);
  CHECK(a.gains == b.gains);
  CHECK(a.covered == b.covered);
  CHECK(test::same_bits(a.upper_bound, b.upper_bound));
  CHECK(influence::prefix_gains(full, a.seeds, g.num_vertices()) ==
        influence::prefix_gains(mine, a.seeds, g.num_vertices(), world()));
}

TEST_CASE("mpi: IMM and OPIM-C seeds and estimates equal the single-process run", "[mpi][influence][imm]") {
  const auto rmat = influence::make_diffusion_graph(rmat_graph(11, 8, 5), {});
  const auto karate = influence::make_diffusion_graph(datasets::karate(), {});
  const bool lt = GENERATE(false, true);
  const bool opim = GENERATE(false, true);
  for (const auto* g : {&rmat, &karate}) {
    influence::SeedOptions o;
    o.k = 10;
    o.epsilon = 0.3;
    o.seed = 42;
    o.model = lt ? influence::Model::kLinearThreshold : influence::Model::kIndependentCascade;
    auto select = [&](RunContext& ctx) { return opim ? influence::opim_c(*g, o, ctx) : influence::imm(*g, o, ctx); };
    const auto [serial, distributed] = test::serial_and_distributed(select);
    INFO("lt " << lt << ", opim " << opim << ", n " << g->num_vertices() << ", rank " << world().rank());
    CHECK(serial.seeds.size() == 10);
    CHECK(same(serial, distributed));
    // Variants: the regeneration fix, targeting + exclusions, budget mode.
    o.imm_fix = influence::ImmFix::kRegenerate;
    o.audience = {1, 2, 3, 5, 8, 13, 21, 33};
    o.excluded = {0, 33};
    const auto [s2, d2] = test::serial_and_distributed(select);
    CHECK(same(s2, d2));
    o.cost.assign(g->num_vertices(), 1.0);
    for (VertexId v = 0; v < g->num_vertices(); v += 3) o.cost[v] = 2.5;
    o.budget = 9.0;
    const auto [s3, d3] = test::serial_and_distributed(select);
    CHECK(!s3.seeds.empty());
    CHECK(same(s3, d3));
  }
}

TEST_CASE("mpi: Monte Carlo spread and spread curve equal the single-process run", "[mpi][influence][spread]") {
  const auto g = influence::make_diffusion_graph(rmat_graph(11, 8, 9), {});
  const std::vector<VertexId> seeds{1, 17, 300, 1024, 2000};
  const bool lt = GENERATE(false, true);
  influence::SpreadOptions o;
  o.simulations = 1001;  // not a multiple of 2 or 3: uneven shares
  o.seed = 5;
  o.model = lt ? influence::Model::kLinearThreshold : influence::Model::kIndependentCascade;
  const auto [s, d] = test::serial_and_distributed([&](RunContext& ctx) { return influence::monte_carlo_spread(g, seeds, o, ctx); });
  CHECK(s.mean > 5.0);
  CHECK(same(s, d));
  o.audience = {1, 2, 3, 4, 5, 17, 18, 19};
  const auto [sc, dc] = test::serial_and_distributed([&](RunContext& ctx) { return influence::spread_curve(g, seeds, o, ctx); });
  REQUIRE(sc.size() == dc.size());
  for (std::size_t i = 0; i < sc.size(); ++i) CHECK(same(sc[i], dc[i]));
}

TEST_CASE("mpi: PageRank equals the single-process run", "[mpi][pagerank]") {
  const bool weighted = GENERATE(false, true);
  const bool directed = GENERATE(true, false);
  const auto big = rmat_graph(14, 8, 7, directed, weighted);
  const auto small = datasets::karate(directed, weighted);
  for (const auto* g : {&big, &small}) {
    centrality::PageRankOptions o;
    const auto [s, d] = test::serial_and_distributed([&](RunContext& ctx) { return centrality::pagerank(*g, o, ctx); });
    CHECK(s.converged);
    CHECK(test::same_bits(s.score, d.score));
    CHECK(s.iterations == d.iterations);
    CHECK(test::same_bits(s.residual, d.residual));
    o.personalization.assign(g->num_vertices(), 0.0);
    o.personalization[3] = 1.0;
    o.personalization[10] = 2.0;
    const auto [sp, dp] = test::serial_and_distributed([&](RunContext& ctx) { return centrality::pagerank(*g, o, ctx); });
    CHECK(test::same_bits(sp.score, dp.score));
    CHECK(sp.iterations == dp.iterations);
  }
}

TEST_CASE("mpi: KADABRA and Riondato-Kornaropoulos betweenness equal the single-process run", "[mpi][betweenness]") {
  const bool directed = GENERATE(false, true);
  const bool adaptive = GENERATE(true, false);
  const auto big = rmat_graph(10, 8, 13, directed, true);
  const auto small = datasets::karate(directed, true);
  for (const auto* g : {&big, &small})
    for (bool weights : {false, true}) {
      centrality::BetweennessApproxOptions o;
      o.epsilon = 0.05;
      o.seed = 3;
      o.adaptive = adaptive;
      o.use_weights = weights;
      const auto [s, d] = test::serial_and_distributed([&](RunContext& ctx) { return centrality::betweenness_approx(*g, o, ctx); });
      INFO("directed " << directed << ", adaptive " << adaptive << ", weights " << weights << ", n " << g->num_vertices());
      CHECK(s.samples > 0);
      CHECK(test::same_bits(s.score, d.score));
      CHECK(s.samples == d.samples);
      CHECK(s.samples_total == d.samples_total);
      CHECK(s.omega == d.omega);
    }
}

TEST_CASE("mpi: sampled closeness and harmonic centrality equal the single-process run", "[mpi][closeness]") {
  const bool directed = GENERATE(false, true);
  const bool weights = GENERATE(false, true);
  const auto g = rmat_graph(11, 6, 17, directed, true);
  for (int variant = 0; variant < 4; ++variant) {
    const bool harmonic = variant % 2 == 1;
    centrality::SampledClosenessOptions o;
    o.epsilon = 0.01;  // adaptive: checkpoints 512, 1024, ... (one traversal batch each) ...
    o.seed = 9;
    o.measure.use_weights = weights;
    if (variant >= 2) o.samples = 1300;  // ... or one call spanning 3 traversal batches
    if (weights) o.samples = variant >= 2 ? 40 : 150;  // Dijkstra waves of 16: keep it short
    auto f = [&](RunContext& ctx) {
      return harmonic ? centrality::harmonic_sampled(g, o, ctx) : centrality::closeness_sampled(g, o, ctx);
    };
    const auto [s, d] = test::serial_and_distributed(f);
    INFO("directed " << directed << ", weights " << weights << ", harmonic " << harmonic << ", samples " << s.samples);
    CHECK(s.samples >= (weights ? 40U : 1024U));
    CHECK(test::same_bits(s.score, d.score));
    CHECK(test::same_bits(s.error_bar, d.error_bar));
    CHECK(s.samples == d.samples);
  }
}

TEST_CASE("mpi: label propagation equals the single-process run", "[mpi][label_propagation]") {
  const bool weighted = GENERATE(false, true);
  // n > 4096: the batched parallel path (smaller graphs run the serial sweep on every rank).
  const auto g = rmat_graph(13, 8, 21, false, weighted);
  community::LabelPropagationOptions o;
  o.seed = 4;
  const auto [s, d] = test::serial_and_distributed([&](RunContext& ctx) { return community::label_propagation(g, o, ctx); });
  CHECK(s.iterations > 1);
  CHECK(s.partition.membership == d.partition.membership);
  CHECK(s.partition.count == d.partition.count);
  CHECK(s.iterations == d.iterations);
  CHECK(s.converged == d.converged);
  CHECK(s.arcs_scanned == d.arcs_scanned);
  const auto k = datasets::karate();
  const auto [sk, dk] = test::serial_and_distributed([&](RunContext& ctx) { return community::label_propagation(k, o, ctx); });
  CHECK(sk.partition.membership == dk.partition.membership);
}
