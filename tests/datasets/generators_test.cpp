// R-MAT, G(n, m) and the small-graph zoo. Oracles: exact counts, the quadrant probabilities of the
// R-MAT definition (binomial confidence bounds), the G(n, m) degree distribution (Poisson limit),
// hand-checked fixture graphs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <set>
#include <vector>

#include "datasets/embedded/small_graphs.hpp"
#include "datasets/generators/erdos_renyi.hpp"
#include "datasets/generators/rmat.hpp"
#include "engine/error.hpp"
#include "engine/run_context.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/thread_sweep.hpp"

using namespace peerscout;
using datasets::GeneratedEdges;
using test::to_vec;
using V = std::vector<VertexId>;

namespace {

// |observed share - p| within `sigmas` binomial standard deviations for `trials` draws.
bool share_close(std::size_t hits, std::size_t trials, double p, double sigmas = 5.0) {
  const double share = static_cast<double>(hits) / static_cast<double>(trials);
  const double sd = std::sqrt(p * (1.0 - p) / static_cast<double>(trials));
  return std::abs(share - p) <= sigmas * sd;
}

std::vector<std::uint64_t> out_degrees(const GeneratedEdges& g) {
  std::vector<std::uint64_t> d(g.num_vertices, 0);
  for (VertexId u : g.edges.src) ++d[u];
  return d;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// R-MAT

TEST_CASE("rmat: vertex and edge counts, ids in range", "[generators]") {
  const auto g = datasets::rmat({.scale = 12, .edge_factor = 8, .seed = 3});
  CHECK(g.num_vertices == 4096);
  REQUIRE(g.edges.size() == 8 * 4096);
  CHECK(g.edges.dst.size() == g.edges.size());
  CHECK_FALSE(g.edges.weighted());
  CHECK(*std::max_element(g.edges.src.begin(), g.edges.src.end()) < 4096);
  CHECK(*std::max_element(g.edges.dst.begin(), g.edges.dst.end()) < 4096);

  const auto w = datasets::rmat({.scale = 8, .edge_factor = 4, .weighted = true});
  REQUIRE(w.edges.weight.size() == 1024);
  CHECK(*std::min_element(w.edges.weight.begin(), w.edges.weight.end()) >= 1.0f);
  CHECK(*std::max_element(w.edges.weight.begin(), w.edges.weight.end()) <= 255.0f);
  for (Weight x : w.edges.weight) REQUIRE(x == std::floor(x));

  const auto one = datasets::rmat({.scale = 0, .edge_factor = 5});  // a single vertex with 5 loops
  CHECK(one.num_vertices == 1);
  CHECK(one.edges.src == V(5, 0));
  CHECK(one.edges.dst == V(5, 0));
  CHECK(datasets::rmat({.scale = 5, .edge_factor = 0}).edges.empty());
}

TEST_CASE("generators: phases are recorded and cancellation is honoured", "[generators]") {
  RunContext ctx;
  datasets::rmat({.scale = 6}, ctx);
  datasets::erdos_renyi({.n = 100, .m = 200}, ctx);
  REQUIRE(ctx.stages().size() == 2);
  CHECK(ctx.stages()[0].name == "rmat");
  CHECK(ctx.stages()[1].name == "erdos_renyi");
  std::atomic<bool> stop{true};
  RunContext cancelled;
  cancelled.set_cancel_flag(&stop);
  CHECK_THROWS_AS(datasets::rmat({.scale = 6}, cancelled), Cancelled);
  CHECK_THROWS_AS(datasets::erdos_renyi({.n = 100, .m = 200}, cancelled), Cancelled);
}

TEST_CASE("rmat: options are validated", "[generators]") {
  CHECK_THROWS_AS(datasets::rmat({.scale = 32}), InvalidArgument);
  CHECK_THROWS_AS(datasets::rmat({.scale = -1}), InvalidArgument);
  CHECK_THROWS_AS(datasets::rmat({.scale = 4, .edge_factor = -1}), InvalidArgument);
  CHECK_THROWS_AS(datasets::rmat({.scale = 4, .a = 0.6, .b = 0.3, .c = 0.2}), InvalidArgument);
  CHECK_THROWS_WITH(datasets::rmat({.scale = 4, .a = -0.1}), Catch::Contains("rmat: a must be in [0, 1]"));
}

TEST_CASE("rmat: quadrant probabilities at every level", "[generators]") {
  // Asymmetric b != c, so a swapped row/column would be caught. Unpermuted ids: bit `level` of the
  // source is 1 with probability c + d, of the target with probability b + d, independently per level.
  const double a = 0.5, b = 0.3, c = 0.1;
  const int scale = 14;
  const auto g = datasets::rmat({.scale = scale, .edge_factor = 16, .a = a, .b = b, .c = c, .seed = 11, .permute = false});
  const std::size_t m = g.edges.size();
  for (int level : {scale - 1, scale / 2, 0}) {
    std::size_t src_zero = 0, dst_zero = 0, both_zero = 0;
    for (std::size_t e = 0; e < m; ++e) {
      const bool s0 = ((g.edges.src[e] >> level) & 1U) == 0;
      const bool d0 = ((g.edges.dst[e] >> level) & 1U) == 0;
      src_zero += s0;
      dst_zero += d0;
      both_zero += s0 && d0;
    }
    INFO("bit " << level);
    CHECK(share_close(src_zero, m, a + b));  // top-left or top-right
    CHECK(share_close(dst_zero, m, a + c));  // top-left or bottom-left
    CHECK(share_close(both_zero, m, a));
  }
  // Graph500 defaults: the source's top bit is 0 with probability a + b = 0.76.
  const auto d = datasets::rmat({.scale = scale, .edge_factor = 16, .seed = 5, .permute = false});
  std::size_t top_zero = 0;
  for (VertexId u : d.edges.src) top_zero += (u >> (scale - 1)) == 0;
  CHECK(share_close(top_zero, d.edges.size(), 0.57 + 0.19));
}

TEST_CASE("rmat: heavy-tailed degrees, permutation scatters the hubs", "[generators]") {
  const int scale = 14;
  const auto plain = datasets::rmat({.scale = scale, .edge_factor = 16, .seed = 9, .permute = false});
  const auto perm = datasets::rmat({.scale = scale, .edge_factor = 16, .seed = 9});
  const auto dp = out_degrees(plain);
  const double mean = 16.0;
  // Heavy tail: the hub has hundreds of times the mean (G(n, m) would be within ~mean + 6 sqrt(mean)).
  CHECK(static_cast<double>(*std::max_element(dp.begin(), dp.end())) > 50 * mean);
  // Many isolated vertices, as in Graph500 graphs (G(n, m) with mean 16 has almost none).
  CHECK(std::count(dp.begin(), dp.end(), 0U) > static_cast<long>(dp.size() / 10));
  // Unpermuted, vertex 0 is the hub; permuted, the same graph relabelled by P.
  CHECK(std::max_element(dp.begin(), dp.end()) - dp.begin() == 0);
  for (std::size_t e = 0; e < plain.edges.size(); ++e) {
    REQUIRE(perm.edges.src[e] == datasets::rmat_permute_id(plain.edges.src[e], scale, 9));
    REQUIRE(perm.edges.dst[e] == datasets::rmat_permute_id(plain.edges.dst[e], scale, 9));
  }
  // The 1% highest-degree vertices are spread over the id range after permutation.
  auto dq = out_degrees(perm);
  std::vector<VertexId> ids(dq.size());
  for (VertexId i = 0; i < ids.size(); ++i) ids[i] = i;
  std::sort(ids.begin(), ids.end(), [&](VertexId x, VertexId y) { return dq[x] > dq[y]; });
  double mean_id = 0;
  const std::size_t top = ids.size() / 100;
  for (std::size_t i = 0; i < top; ++i) mean_id += ids[i];
  mean_id /= static_cast<double>(top);
  CHECK(mean_id > 0.3 * static_cast<double>(ids.size()));
  CHECK(mean_id < 0.7 * static_cast<double>(ids.size()));
}

TEST_CASE("rmat: the id permutation is a bijection", "[generators]") {
  for (int scale : {1, 2, 5, 10, 13}) {
    const VertexId n = VertexId{1} << scale;
    std::vector<char> hit(n, 0);
    for (VertexId x = 0; x < n; ++x) {
      const VertexId y = datasets::rmat_permute_id(x, scale, 77);
      REQUIRE(y < n);
      REQUIRE_FALSE(hit[y]);
      hit[y] = 1;
    }
  }
  CHECK(datasets::rmat_permute_id(0, 0, 77) == 0);
  CHECK(datasets::rmat_permute_id(5, 20, 1) != datasets::rmat_permute_id(5, 20, 2));  // seeded
}

TEST_CASE("rmat: identical for 1 and 2 threads, seed matters", "[generators][threads]") {
  const datasets::RmatOptions opts{.scale = 15, .edge_factor = 8, .seed = 21, .weighted = true};
  const auto one = test::with_threads(1, [&] { return datasets::rmat(opts); });
  const auto two = test::with_threads(2, [&] { return datasets::rmat(opts); });
  CHECK(one.edges.src == two.edges.src);
  CHECK(one.edges.dst == two.edges.dst);
  CHECK(one.edges.weight == two.edges.weight);
  auto other = opts;
  other.seed = 22;
  CHECK(datasets::rmat(other).edges.src != one.edges.src);
}

// ---------------------------------------------------------------------------------------------
// G(n, m)

TEST_CASE("erdos_renyi: exact m, no loops, no duplicates", "[generators]") {
  for (bool directed : {false, true}) {
    INFO("directed " << directed);
    const auto g = datasets::erdos_renyi({.n = 2000, .m = 30000, .directed = directed, .seed = 4});
    CHECK(g.num_vertices == 2000);
    REQUIRE(g.edges.size() == 30000);
    std::set<std::pair<VertexId, VertexId>> seen;
    for (std::size_t e = 0; e < g.edges.size(); ++e) {
      const VertexId u = g.edges.src[e], v = g.edges.dst[e];
      REQUIRE(u < 2000);
      REQUIRE(v < 2000);
      REQUIRE(u != v);
      if (!directed) REQUIRE(u < v);
      REQUIRE(seen.insert({u, v}).second);
    }
    CHECK(std::is_sorted(seen.begin(), seen.end()));
  }
}

TEST_CASE("erdos_renyi: degree distribution and uniform placement", "[generators]") {
  const VertexId n = 20000;
  const EdgeIndex m = 40000;  // mean degree 4
  const auto g = datasets::erdos_renyi({.n = n, .m = m, .seed = 12});
  std::vector<std::uint32_t> deg(n, 0);
  std::size_t low_low = 0;
  for (std::size_t e = 0; e < g.edges.size(); ++e) {
    ++deg[g.edges.src[e]];
    ++deg[g.edges.dst[e]];
    low_low += g.edges.src[e] < n / 2 && g.edges.dst[e] < n / 2;
  }
  double sum = 0;
  for (auto d : deg) sum += d;
  CHECK(sum / n == Approx(4.0));
  // Isolated vertices: P(deg = 0) ~ e^-4 (Poisson limit of the binomial degree).
  const auto isolated = static_cast<std::size_t>(std::count(deg.begin(), deg.end(), 0U));
  CHECK(share_close(isolated, n, std::exp(-4.0)));
  // Max degree of 20000 Poisson(4) draws is about 13; far below R-MAT's hubs.
  CHECK(*std::max_element(deg.begin(), deg.end()) < 25);
  // Both endpoints in the lower half: probability (n/2 choose 2) / (n choose 2) ~ 1/4.
  const double p = (n / 2.0) * (n / 2.0 - 1) / (static_cast<double>(n) * (n - 1));
  CHECK(share_close(low_low, m, p));
}

TEST_CASE("erdos_renyi: dense graphs, complete graphs, edge cases", "[generators]") {
  // m > N/2: the absent pairs are sampled instead.
  const auto dense = datasets::erdos_renyi({.n = 50, .m = 1000, .seed = 2});
  REQUIRE(dense.edges.size() == 1000);
  std::set<std::pair<VertexId, VertexId>> seen;
  for (std::size_t e = 0; e < dense.edges.size(); ++e) {
    REQUIRE(dense.edges.src[e] < dense.edges.dst[e]);
    REQUIRE(seen.insert({dense.edges.src[e], dense.edges.dst[e]}).second);
  }
  const auto full = datasets::erdos_renyi({.n = 30, .m = 30 * 29, .directed = true});
  REQUIRE(full.edges.size() == 870);
  CHECK(datasets::to_graph(full).num_edges() == 870);
  const auto kn = datasets::erdos_renyi({.n = 30, .m = 435});
  CHECK(datasets::to_graph(kn, {.directed = false}).num_edges() == 435);
  CHECK(datasets::erdos_renyi({.n = 1, .m = 0}).edges.empty());
  CHECK(datasets::erdos_renyi({.n = 0, .m = 0}).num_vertices == 0);
  CHECK_THROWS_AS(datasets::erdos_renyi({.n = 30, .m = 436}), InvalidArgument);
  CHECK_THROWS_AS(datasets::erdos_renyi({.n = 1, .m = 1}), InvalidArgument);
}

TEST_CASE("erdos_renyi: identical for 1 and 2 threads", "[generators][threads]") {
  for (EdgeIndex m : {EdgeIndex{300000}, EdgeIndex{1500}}) {
    const datasets::ErdosRenyiOptions opts{.n = m > 2000 ? 100000U : 60U, .m = m, .seed = 5};
    const auto one = test::with_threads(1, [&] { return datasets::erdos_renyi(opts); });
    const auto two = test::with_threads(2, [&] { return datasets::erdos_renyi(opts); });
    CHECK(one.edges.src == two.edges.src);
    CHECK(one.edges.dst == two.edges.dst);
  }
}

// ---------------------------------------------------------------------------------------------
// Small-graph zoo (hand-checked)

TEST_CASE("small graphs: counts and degrees", "[generators]") {
  CHECK(datasets::to_graph(datasets::null_graph()).num_vertices() == 0);
  const auto one = datasets::to_graph(datasets::singleton(), {.directed = false});
  CHECK(one.num_vertices() == 1);
  CHECK(one.num_edges() == 0);

  const auto p = datasets::to_graph(datasets::path(5), {.directed = false});  // 0-1-2-3-4
  CHECK(p.num_edges() == 4);
  CHECK(to_vec(p.out_neighbors(0)) == V{1});
  CHECK(to_vec(p.out_neighbors(2)) == V{1, 3});
  CHECK(datasets::path(1).edges.empty());
  CHECK(datasets::path(0).num_vertices == 0);

  const auto s = datasets::to_graph(datasets::star(6), {.directed = false});
  CHECK(s.num_edges() == 5);
  CHECK(s.out_degree(0) == 5);
  for (VertexId v = 1; v < 6; ++v) CHECK(to_vec(s.out_neighbors(v)) == V{0});
  const auto sd = datasets::to_graph(datasets::star(6));  // directed: hub -> leaves
  CHECK(sd.out_degree(0) == 5);
  CHECK(sd.in_degree(0) == 0);

  const auto c = datasets::to_graph(datasets::cycle(4), {.directed = false});
  CHECK(c.num_edges() == 4);
  CHECK(to_vec(c.out_neighbors(0)) == V{1, 3});
  CHECK_THROWS_AS(datasets::cycle(2), InvalidArgument);

  const auto k = datasets::to_graph(datasets::complete(5), {.directed = false});
  CHECK(k.num_edges() == 10);
  for (VertexId v = 0; v < 5; ++v) CHECK(k.out_degree(v) == 4);

  const auto tc = datasets::to_graph(datasets::two_cliques_bridge(4), {.directed = false});
  CHECK(tc.num_vertices() == 8);
  CHECK(tc.num_edges() == 13);  // 6 + 6 + bridge
  CHECK(to_vec(tc.out_neighbors(3)) == V{0, 1, 2, 4});
  CHECK(to_vec(tc.out_neighbors(4)) == V{3, 5, 6, 7});
  CHECK(tc.out_degree(0) == 3);
}

TEST_CASE("small graphs: self-loops and multi-edges under the builder's policies", "[generators]") {
  const auto raw = datasets::loops_and_multi_edges();
  CHECK(raw.edges.size() == 8);
  const auto u = datasets::to_graph(raw, {.directed = false});  // drop loops, sum weights
  CHECK(u.num_edges() == 3);
  CHECK(to_vec(u.out_neighbors(1)) == V{0, 2});
  CHECK(test::to_vec(u.out_weights(0)) == std::vector<Weight>{9});
  CHECK(test::to_vec(u.out_weights(2)) == std::vector<Weight>{5, 8});
  const auto d = datasets::to_graph(raw);  // directed
  CHECK(d.num_edges() == 4);
  CHECK(test::to_vec(d.out_weights(0)) == std::vector<Weight>{6});
  CHECK(test::to_vec(d.out_weights(1)) == std::vector<Weight>{3, 5});
  const auto all = datasets::to_graph(raw, {.directed = false, .duplicates = Duplicates::kKeepAll,
                                            .self_loops = SelfLoops::kKeep});
  CHECK(all.num_edges() == 8);
  CHECK(all.num_self_loops() == 3);
}

// ---------------------------------------------------------------------------------------------
// Timing (not run by default; figures in datasets/README.md):
//   build/release/tests/peerscout_tests "[bench-rmat]"

TEST_CASE("rmat: generation time at scale 21", "[.][bench-rmat]") {
  for (int threads : {1, 2}) {
    for (int rep = 0; rep < 3; ++rep) {
      const auto t0 = std::chrono::steady_clock::now();
      const auto c0 = std::clock();
      const auto g = test::with_threads(threads, [] { return datasets::rmat({.scale = 21, .edge_factor = 16}); });
      const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::printf("rmat scale 21 x 16: %zu edges, %d thread(s): %.3f s wall (%.1f M edges/s), %.3f s cpu, %.0f MB\n",
                  g.edges.size(), threads, s, static_cast<double>(g.edges.size()) / s / 1e6, cpu,
                  static_cast<double>(g.edges.memory_bytes()) / 1e6);
    }
  }
}
