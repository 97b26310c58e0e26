#pragma once
/// Diffusion models and the diffusion graph for influence maximization (docs/algorithms/influence.md).
///
/// Direction. The input is the follows layer: an arc u -> v means "u follows v". A message spreads
/// AGAINST the follow direction, from the followed person v to the follower u, so the diffusion
/// graph has an arc v -> u ("v can activate u") with probability p(v, u) for every follow u -> v.
/// Self-loops are dropped (a person cannot activate themselves); parallel follow arcs
/// (Duplicates::kKeepAll) stay parallel diffusion arcs.
///
/// Probabilities (per diffusion arc v -> u; u is the RECEIVER, the follower):
///   weighted cascade  p(v, u) = 1 / f(u), f(u) = number of (non-loop) follow arcs of u, i.e. the
///                     in-degree of the receiver in the diffusion graph (Kempe, Kleinberg & Tardos,
///                     KDD 2003). Incoming probabilities of every receiver sum to exactly 1.
///   constant c        p(v, u) = c for every arc, c in [0, 1].
///   trivalency        p(v, u) = {0.1, 0.01, 0.001}[h mod 3], h = hash_item(seed, Stream::kGenerator,
///                     v * 2^32 + u): uniform over the three values, a pure function of the arc and
///                     the seed (Chen, Wang & Wang, KDD 2010).
///   interactions      p(v, u) = I(u -> v) / I(u), where I(u -> v) is the total interaction weight
///                     from u to v in the interactions layer (u liked/commented/shared v's content;
///                     parallel arcs add up) and I(u) = sum of u's interaction weights to everybody
///                     (self-loops excluded). A follow without interactions gets p = 0; a receiver
///                     without any interaction gets p = 0 on all its arcs. Because I(u) counts all of
///                     u's interactions, sum_v p(v, u) <= 1 for every receiver. Weights must be finite
///                     and >= 0 (an unweighted interactions graph counts 1 per arc). To let the
///                     interactions alone carry the spread, pass the interactions layer as `follows`
///                     too.
/// Probabilities are stored as 32-bit floats beside the arcs.
///
/// Models (both triggering models, Kempe et al. 2003; live-edge view):
///   Independent Cascade (IC): every arc v -> u is live independently with probability p(v, u).
///   Linear Threshold (LT): every receiver u picks at most one incoming arc, arc v -> u with
///     probability p(v, u) and none with probability 1 - sum_v p(v, u). Requires the incoming
///     probabilities of every receiver to sum to <= 1 (weighted cascade and interactions satisfy
///     it; a constant p satisfies it only when every in-degree is <= 1/p). lt_violation() finds the
///     first receiver that breaks it (with a tolerance of 1e-5 for float rounding).
/// The spread of a seed set S is the expected number of vertices reachable from S over live arcs.
///
/// Storage: two CSR arrays, both with 64-bit offsets, 32-bit ids and float probabilities:
/// the reverse direction (receiver u -> its senders, used to sample reverse-reachable sets) and the
/// forward direction (sender v -> its receivers, used by the Monte Carlo simulator and the
/// heuristics). 16 bytes per arc + 24 bytes per vertex. Building is parallel, O(n + m) (plus a
/// binary search per arc for `interactions`), and the result is identical for any thread count.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::influence {

enum class Model { kIndependentCascade, kLinearThreshold };

/// "ic" / "lt" (also "independent-cascade", "linear-threshold"); InvalidArgument otherwise.
Model parse_model(std::string_view text);
std::string_view model_name(Model m);

struct Probabilities {
  enum class Kind { kWeightedCascade, kConstant, kTrivalency, kInteractions } kind = Kind::kWeightedCascade;
  double constant = 0.01;  ///< for kConstant, in [0, 1]
};

/// "wc" | "constant:P" (P in [0, 1]) | "trivalency" | "interactions"; InvalidArgument with the
/// accepted forms otherwise.
Probabilities parse_probabilities(std::string_view text);
/// The text form accepted by parse_probabilities ("wc", "constant:0.05", ...).
std::string probabilities_name(const Probabilities& p);

class DiffusionGraph {
 public:
  DiffusionGraph() = default;

  /// A diffusion graph given directly by its arcs v -> u (diffusion direction) and their
  /// probabilities (tests, custom models). Every id < n, every p in [0, 1] (InvalidArgument
  /// otherwise). Self-loops are dropped.
  static DiffusionGraph from_arcs(VertexId n, const std::vector<VertexId>& from, const std::vector<VertexId>& to,
                                  const std::vector<float>& p);

  VertexId num_vertices() const noexcept { return static_cast<VertexId>(rev_offsets_.size() - 1); }
  EdgeIndex num_arcs() const noexcept { return rev_sources_.size(); }

  /// Reverse direction: the senders of receiver u (the people u follows) and p(v, u).
  std::span<const VertexId> senders(VertexId u) const noexcept {
    return {rev_sources_.data() + rev_offsets_[u], rev_sources_.data() + rev_offsets_[u + 1]};
  }
  std::span<const float> sender_probabilities(VertexId u) const noexcept {
    return {rev_p_.data() + rev_offsets_[u], rev_p_.data() + rev_offsets_[u + 1]};
  }
  /// Forward direction: the receivers of sender v (v's followers) and p(v, u).
  std::span<const VertexId> receivers(VertexId v) const noexcept {
    return {fwd_targets_.data() + fwd_offsets_[v], fwd_targets_.data() + fwd_offsets_[v + 1]};
  }
  std::span<const float> receiver_probabilities(VertexId v) const noexcept {
    return {fwd_p_.data() + fwd_offsets_[v], fwd_p_.data() + fwd_offsets_[v + 1]};
  }
  /// Index of the first forward arc of v: forward arc e (global index) is receivers(v)[e - first].
  EdgeIndex first_forward_arc(VertexId v) const noexcept { return fwd_offsets_[v]; }

  EdgeIndex in_degree(VertexId u) const noexcept { return rev_offsets_[u + 1] - rev_offsets_[u]; }
  EdgeIndex out_degree(VertexId v) const noexcept { return fwd_offsets_[v + 1] - fwd_offsets_[v]; }

  /// p when every incoming arc of u has the same probability p (weighted cascade, constant), else
  /// a negative value. Lets the RR sampler skip ahead geometrically.
  float uniform_in_probability(VertexId u) const noexcept { return uniform_in_p_[u]; }
  /// sum_v p(v, u) (as a float sum of the stored floats, accumulated in double).
  double in_probability_sum(VertexId u) const noexcept { return in_sum_[u]; }
  /// Mean probability over all arcs (0 without arcs): the `p` of degree_discount on heterogeneous
  /// probabilities.
  double mean_probability() const noexcept { return mean_p_; }

  /// The first receiver whose incoming probabilities sum to more than 1 + 1e-5 (LT is undefined
  /// there), or kNoVertex.
  VertexId lt_violation() const noexcept { return lt_violation_; }

  std::size_t memory_bytes() const noexcept;

 private:
  friend DiffusionGraph make_diffusion_graph(const CsrGraph&, const Probabilities&, const CsrGraph*, std::uint64_t,
                                             RunContext&);
  void finish();  // forward arrays from reverse ones when absent; per-receiver summaries

  std::vector<EdgeIndex> rev_offsets_{0};
  std::vector<VertexId> rev_sources_;
  std::vector<float> rev_p_;
  std::vector<EdgeIndex> fwd_offsets_{0};
  std::vector<VertexId> fwd_targets_;
  std::vector<float> fwd_p_;
  std::vector<float> uniform_in_p_;
  std::vector<float> in_sum_;
  double mean_p_ = 0.0;
  VertexId lt_violation_ = kNoVertex;
};

/// The diffusion graph of the follows layer `follows` (directed: u -> v = u follows v; undirected
/// graphs work too: every edge carries diffusion both ways). `interactions` is required for
/// Kind::kInteractions (same vertex count, directed), ignored otherwise. `seed` keys trivalency.
/// Throws InvalidArgument on inconsistent inputs (named).
DiffusionGraph make_diffusion_graph(const CsrGraph& follows, const Probabilities& p,
                                    const CsrGraph* interactions = nullptr, std::uint64_t seed = 1,
                                    RunContext& ctx = RunContext::none());

/// Throws InvalidArgument naming the receiver when `m` is LT and g.lt_violation() != kNoVertex.
void check_model(const DiffusionGraph& g, Model m);

}  // namespace peerscout::influence
