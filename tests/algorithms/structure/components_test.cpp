#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>

#include "algorithms/structure/components.hpp"
#include "datasets/embedded/karate.hpp"
#include "engine/error.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/igraph_oracle.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;
using structure::strong_components;
using structure::weak_components;

namespace {

using Ids = std::vector<VertexId>;
const BuildOptions kKeepLoops{.self_loops = SelfLoops::kKeep};

// The numbering contract: ids appear in increasing order of first occurrence (smallest vertex),
// sizes and count agree with membership.
bool numbered_by_smallest(const structure::ComponentsResult& r) {
  VertexId next = 0;
  std::vector<VertexId> sizes(r.count, 0);
  for (VertexId c : r.membership) {
    if (c > next || c >= r.count) return false;
    if (c == next) ++next;
    ++sizes[c];
  }
  return next == r.count && sizes == r.sizes;
}

}  // namespace

TEST_CASE("weak_components: drawn undirected graph", "[components]") {
  //  0 - 3     1 - 4 - 6     2     5 - 7
  //                 \ /
  //                  8
  const auto g = test::undirected(9, {{0, 3}, {1, 4}, {4, 6}, {4, 8}, {6, 8}, {5, 7}});
  const auto r = weak_components(g);
  CHECK(r.membership == Ids{0, 1, 2, 0, 1, 3, 1, 3, 1});
  CHECK(r.count == 4);
  CHECK(r.sizes == Ids{2, 4, 1, 2});
}

TEST_CASE("strong_components: drawn directed graph", "[components]") {
  //  0 -> 1 -> 2 -> 0 (cycle)   2 -> 3 -> 4 -> 3 (cycle {3,4})   4 -> 5 (sink)   6 -> 0 (source)
  //  7 isolated, 8 -> 8 (loop, kept)
  const auto g = test::directed(9, {{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}, {4, 3}, {4, 5}, {6, 0}, {8, 8}}, kKeepLoops);
  const auto s = strong_components(g);
  CHECK(s.membership == Ids{0, 0, 0, 1, 1, 2, 3, 4, 5});
  CHECK(s.count == 6);
  CHECK(s.sizes == Ids{3, 2, 1, 1, 1, 1});
  const auto w = weak_components(g);
  CHECK(w.membership == Ids{0, 0, 0, 0, 0, 0, 0, 1, 2});
  CHECK(w.sizes == Ids{7, 1, 1});
}

TEST_CASE("components: edge cases", "[components]") {
  CHECK(weak_components(test::undirected(0, {})).count == 0);
  CHECK(weak_components(test::undirected(0, {})).membership.empty());
  CHECK(strong_components(test::directed(0, {})).count == 0);
  const auto one = weak_components(test::undirected(1, {}));
  CHECK(one.membership == Ids{0});
  CHECK(one.sizes == Ids{1});
  CHECK(strong_components(test::directed(3, {})).membership == Ids{0, 1, 2});
  CHECK(weak_components(test::undirected(3, {{1, 1}, {2, 2}}, kKeepLoops)).membership == Ids{0, 1, 2});
  // A numbering that is not the discovery order of a search from vertex 0: 2 - 0, 3 - 1.
  CHECK(weak_components(test::undirected(4, {{2, 0}, {3, 1}})).membership == Ids{0, 1, 0, 1});
  // Directed: arcs point to smaller ids only, weak components still join them.
  CHECK(weak_components(test::directed(4, {{3, 1}, {2, 0}})).membership == Ids{0, 1, 0, 1});
  CHECK_THROWS_AS(strong_components(test::undirected(2, {{0, 1}})), InvalidArgument);
  std::atomic<bool> flag{true};
  RunContext ctx;
  ctx.set_cancel_flag(&flag);
  CHECK_THROWS_AS(weak_components(test::undirected(2, {{0, 1}}), ctx), Cancelled);
  CHECK_THROWS_AS(strong_components(test::directed(2, {{0, 1}}), ctx), Cancelled);
}

TEST_CASE("strong_components: long paths and cycles need no recursion", "[components]") {
  constexpr VertexId n = 1'000'000;
  EdgeList path, cycle;
  for (VertexId v = 0; v + 1 < n; ++v) {
    path.add(v, v + 1);
    cycle.add(v + 1, v);
  }
  cycle.add(0, n - 1);
  const auto p = strong_components(build_csr(std::move(path), n).graph);
  CHECK(p.count == n);
  CHECK(p.membership[n - 1] == n - 1);
  const auto c = strong_components(build_csr(std::move(cycle), n).graph);
  CHECK(c.count == 1);
  CHECK(c.sizes == Ids{n});
}

TEST_CASE("components agree with igraph on karate", "[components][oracle]") {
  const auto u = datasets::karate();
  CHECK(test::same_partition(weak_components(u).membership, test::igraph_components(u, false)));
  CHECK(weak_components(u).count == 1);
  const auto d = datasets::karate(true);  // a DAG: every vertex is its own strong component
  const auto s = strong_components(d);
  CHECK(s.count == 34);
  CHECK(test::same_partition(s.membership, test::igraph_components(d, true)));
}

TEST_CASE("components agree with igraph on the shared datasets", "[components][oracle][shared-data]") {
  int checked = 0;
  const bool found = test::for_each_shared_graph(false, [&](const test::SharedGraph& s) {
    CAPTURE(s.label());
    const auto w = weak_components(s.graph);
    CHECK(numbered_by_smallest(w));
    // igraph numbers weak components by searches from increasing start vertices: the same ids.
    CHECK(test::as_int64(w.membership) == test::igraph_components(s.graph, false));
    if (s.graph.directed()) {
      const auto st = strong_components(s.graph);
      CHECK(numbered_by_smallest(st));
      CHECK(test::same_partition(st.membership, test::igraph_components(s.graph, true)));
      CHECK(st.count >= w.count);
    }
    ++checked;
  });
  if (!found) {
    WARN("skipped: ../shared/datasets not found");
    return;
  }
  CHECK(checked >= static_cast<int>(test::shared_datasets().size()));
}

TEST_CASE("components on a skewed random graph agree with igraph and each other", "[components][oracle]") {
  const auto g = test::skewed_random_graph(14, 2, 5);  // sparse: many components
  const auto w = weak_components(g);
  const auto s = strong_components(g);
  CHECK(w.count > 100);
  CHECK(numbered_by_smallest(w));
  CHECK(numbered_by_smallest(s));
  CHECK(test::same_partition(w.membership, test::igraph_components(g, false)));
  CHECK(test::same_partition(s.membership, test::igraph_components(g, true)));
  // Every strong component lies inside one weak component.
  std::vector<VertexId> weak_of_strong(s.count, kNoVertex);
  bool nested = true;
  for (VertexId v = 0; v < g.num_vertices(); ++v) {
    auto& x = weak_of_strong[s.membership[v]];
    if (x == kNoVertex) x = w.membership[v];
    nested = nested && x == w.membership[v];
  }
  CHECK(nested);
}

TEST_CASE("weak_components does not depend on the thread count", "[components][threads]") {
  const bool directed = GENERATE(false, true);
  const auto g = test::skewed_random_graph(16, 3, 8, {.directed = directed});
  REQUIRE(g.num_arcs() > 100000);
  const auto one = test::with_threads(1, [&] { return weak_components(g); });
  const auto two = test::with_threads(2, [&] { return weak_components(g); });
  CHECK(one.membership == two.membership);
  CHECK(one.sizes == two.sizes);
  CHECK(one.count == two.count);
  CHECK(one.count > 1);
}
