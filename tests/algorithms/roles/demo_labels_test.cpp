// Marketing labels on the demo network against its planted ground truth: precision@k of the
// planted micro-influencers and brokers among the people labelled so (k = number planted).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>

#include "tests/algorithms/roles/demo_fixture.hpp"

using namespace peerscout;
using namespace peerscout::roles;

namespace {

const test::RolesDemo& demo() { return test::roles_demo(); }

struct Precision {
  std::size_t planted = 0, labelled = 0, hits = 0, recalled = 0;  // recalled: planted and labelled
  double value() const { return planted == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(planted); }
};

// precision@k: the k = |planted| best-scored people carrying the label, share of planted ones
// (fewer than k labelled people count as misses).
Precision precision_at_k(const LabelResult& r, Label l, const std::vector<datasets::Role>& truth, datasets::Role want) {
  Precision p;
  for (auto role : truth) p.planted += role == want;
  const auto ranked = ranked_by_label(r, l);
  p.labelled = ranked.size();
  for (std::size_t i = 0; i < std::min(p.planted, ranked.size()); ++i) p.hits += truth[ranked[i]] == want;
  for (VertexId v : ranked) p.recalled += truth[v] == want;
  return p;
}

}  // namespace

TEST_CASE("labels: planted micro-influencers and brokers of the demo network", "[roles][demo]") {
  const auto& d = demo();
  for (const auto& t : d.timings) INFO(t);
  const auto r = label_people(test::label_inputs(d));
  const auto micro = precision_at_k(r, Label::kMicroInfluencer, d.net.role, datasets::Role::kMicroInfluencer);
  const auto broker = precision_at_k(r, Label::kBroker, d.net.role, datasets::Role::kBroker);
  const auto celeb = precision_at_k(r, Label::kCelebrity, d.net.role, datasets::Role::kCelebrity);
  std::string timing;
  for (const auto& t : d.timings) timing += t + "; ";
  WARN(fmt::format("demo network (50,000 people, seed 42), Leiden on the trust layer: {} communities. "
                   "precision@k micro-influencer {:.3f} ({}/{} planted, {} labelled, recall {:.3f}), broker {:.3f} "
                   "({}/{}, {} labelled, recall {:.3f}), celebrity {:.3f} ({}/{}, {} labelled); {}",
                   d.leiden.partition.count, micro.value(), micro.hits, micro.planted, micro.labelled,
                   static_cast<double>(micro.recalled) / static_cast<double>(micro.planted), broker.value(), broker.hits,
                   broker.planted, broker.labelled,
                   static_cast<double>(broker.recalled) / static_cast<double>(broker.planted), celeb.value(), celeb.hits,
                   celeb.planted, celeb.labelled, timing));
  CHECK(micro.value() >= 0.8);
  CHECK(broker.value() >= 0.8);

  // Variants of the definitions, for docs/roles.md (reported, not asserted): the broker rule
  // without betweenness and constraint; z and P on the follows layer (followers from one's own
  // community) instead of the weighted trust layer.
  auto in = test::label_inputs(d);
  in.betweenness = {};
  in.constraint = {};
  const auto no_struct = precision_at_k(label_people(in), Label::kBroker, d.net.role, datasets::Role::kBroker);
  const auto fp = participation(d.follows, d.leiden.partition.membership, {.direction = TieDirection::kIn});
  in = test::label_inputs(d);
  in.z = fp.z;
  in.participation = fp.participation;
  in.communities_reached = fp.communities_reached;
  const auto on_follows = label_people(in);
  const auto micro_f = precision_at_k(on_follows, Label::kMicroInfluencer, d.net.role, datasets::Role::kMicroInfluencer);
  const auto broker_f = precision_at_k(on_follows, Label::kBroker, d.net.role, datasets::Role::kBroker);
  WARN(fmt::format("variants: broker without betweenness/constraint {:.3f} ({} labelled); z and P on the follows "
                   "layer (followers): micro-influencer {:.3f} ({} labelled), broker {:.3f} ({} labelled)",
                   no_struct.value(), no_struct.labelled, micro_f.value(), micro_f.labelled, broker_f.value(),
                   broker_f.labelled));
}
