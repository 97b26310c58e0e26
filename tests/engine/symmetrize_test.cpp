// symmetrize(): hand-computed rules, and kSum / kMax against build_csr's duplicate policies on the
// arcs read as undirected edges (an independent construction).
#include <catch2/catch.hpp>

#include "engine/csr_builder.hpp"
#include "engine/symmetrize.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/validators.hpp"

using namespace peerscout;

namespace {

std::vector<Weight> weights_of(const CsrGraph& g, VertexId u) { return test::to_vec(g.out_weights(u)); }

}  // namespace

TEST_CASE("symmetrize: reciprocal pairs under each rule", "[community][symmetrize]") {
  // 0->1, 1->0 (reciprocal), 1->2 (one way), 3->3 (loop)
  const auto d = test::directed(4, {{0, 1}, {1, 0}, {1, 2}, {3, 3}}, {.self_loops = SelfLoops::kKeep});
  const auto s = symmetrize(d);  // kSum: reciprocal pair weighs 2
  REQUIRE_FALSE(s.directed());
  REQUIRE(s.weighted());
  CHECK(test::to_vec(s.out_neighbors(1)) == std::vector<VertexId>{0, 2});
  CHECK(weights_of(s, 1) == std::vector<Weight>{2, 1});
  CHECK(weights_of(s, 0) == std::vector<Weight>{2});
  CHECK(test::to_vec(s.out_neighbors(3)) == std::vector<VertexId>{3});
  CHECK(weights_of(s, 3) == std::vector<Weight>{1});
  CHECK(s.num_edges() == 3);
  const auto mx = symmetrize(d, SymmetrizeWeights::kMax);
  CHECK_FALSE(mx.weighted());
  CHECK(test::to_vec(mx.out_neighbors(1)) == std::vector<VertexId>{0, 2});
  CHECK_FALSE(symmetrize(d, SymmetrizeWeights::kMean).weighted());
  // weighted: 0->1 (3), 1->0 (5), 1->2 (2)
  const auto w = test::weighted(true, 3, {{0, 1, 3}, {1, 0, 5}, {1, 2, 2}});
  CHECK(weights_of(symmetrize(w, SymmetrizeWeights::kSum), 0) == std::vector<Weight>{8});
  CHECK(weights_of(symmetrize(w, SymmetrizeWeights::kMax), 0) == std::vector<Weight>{5});
  CHECK(weights_of(symmetrize(w, SymmetrizeWeights::kMean), 0) == std::vector<Weight>{4});
  CHECK(weights_of(symmetrize(w, SymmetrizeWeights::kMean), 2) == std::vector<Weight>{2});
  // no in-adjacency: same result through the transpose
  const auto d2 = test::directed(4, {{0, 1}, {1, 0}, {1, 2}, {3, 3}},
                                 {.build_in_edges = false, .self_loops = SelfLoops::kKeep});
  const auto s2 = symmetrize(d2);
  CHECK(test::to_vec(s2.targets()) == test::to_vec(s.targets()));
  CHECK(test::to_vec(s2.weights()) == test::to_vec(s.weights()));
  // undirected input: a copy
  const auto u = test::undirected(3, {{0, 1}, {1, 2}});
  CHECK(test::to_vec(symmetrize(u).targets()) == test::to_vec(u.targets()));
}

TEST_CASE("symmetrize equals build_csr of the arcs as undirected edges", "[community][symmetrize][threads]") {
  const auto d = test::skewed_random_graph(14, 8, 3, {.directed = true});
  auto as_undirected = [&](Duplicates dup) {
    EdgeList el;
    for (VertexId u = 0; u < d.num_vertices(); ++u)
      for (VertexId v : d.out_neighbors(u)) el.add(u, v, 1.0F);
    return build_csr(std::move(el), d.num_vertices(), {.directed = false, .duplicates = dup}).graph;
  };
  const auto sum_ref = as_undirected(Duplicates::kSumWeights);
  const auto s1 = test::with_threads(1, [&] { return symmetrize(d, SymmetrizeWeights::kSum); });
  const auto s2 = test::with_threads(2, [&] { return symmetrize(d, SymmetrizeWeights::kSum); });
  CHECK(test::to_vec(s1.offsets().size() ? s1.targets() : s1.targets()) == test::to_vec(sum_ref.targets()));
  CHECK(std::vector<EdgeIndex>(s1.offsets().begin(), s1.offsets().end()) ==
        std::vector<EdgeIndex>(sum_ref.offsets().begin(), sum_ref.offsets().end()));
  CHECK(test::to_vec(s1.weights()) == test::to_vec(sum_ref.weights()));
  CHECK(test::to_vec(s2.targets()) == test::to_vec(s1.targets()));
  CHECK(test::to_vec(s2.weights()) == test::to_vec(s1.weights()));
  const auto mx = symmetrize(d, SymmetrizeWeights::kMax);
  const auto mx_ref = as_undirected(Duplicates::kMaxWeight);
  CHECK(test::to_vec(mx.targets()) == test::to_vec(mx_ref.targets()));
}
