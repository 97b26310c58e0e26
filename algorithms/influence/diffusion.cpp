#include "algorithms/influence/diffusion.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <string>

#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "engine/random.hpp"

namespace peerscout::influence {

namespace {

constexpr double kLtTolerance = 1e-5;
constexpr float kTrivalency[3] = {0.1F, 0.01F, 0.001F};

inline std::int64_t as_i64(std::size_t x) { return static_cast<std::int64_t>(x); }

// Number of self-loop arcs v->v in v's sorted out-list.
inline EdgeIndex loops_at(const CsrGraph& g, VertexId v) {
  const auto nb = g.out_neighbors(v);
  const auto range = std::equal_range(nb.begin(), nb.end(), v);
  return static_cast<EdgeIndex>(range.second - range.first);
}

// Forward CSR (sender -> receivers) from the reverse one by a counting sort over the receivers in
// id order: every forward list comes out sorted by receiver id, parallel arcs in reverse-list order.
void transpose_into(VertexId n, const std::vector<EdgeIndex>& roff, const std::vector<VertexId>& rsrc,
                    const std::vector<float>& rp, std::vector<EdgeIndex>& foff, std::vector<VertexId>& fdst,
                    std::vector<float>& fp) {
  foff.assign(static_cast<std::size_t>(n) + 1, 0);
  for (VertexId v : rsrc) ++foff[v + 1];
  for (VertexId v = 0; v < n; ++v) foff[v + 1] += foff[v];
  fdst.resize(rsrc.size());
  fp.resize(rsrc.size());
  std::vector<EdgeIndex> cursor(foff.begin(), foff.end() - 1);
  for (VertexId u = 0; u < n; ++u) {
    for (EdgeIndex e = roff[u]; e < roff[u + 1]; ++e) {
      const EdgeIndex pos = cursor[rsrc[e]]++;
      fdst[pos] = u;
      fp[pos] = rp[e];
    }
  }
}

}  // namespace

Model parse_model(std::string_view text) {
  if (text == "ic" || text == "IC" || text == "independent-cascade") return Model::kIndependentCascade;
  if (text == "lt" || text == "LT" || text == "linear-threshold") return Model::kLinearThreshold;
  throw InvalidArgument("diffusion model: expected 'ic' (independent cascade) or 'lt' (linear threshold), found " +
                        quote_for_message(text));
}

std::string_view model_name(Model m) {
  return m == Model::kIndependentCascade ? "independent-cascade" : "linear-threshold";
}

Probabilities parse_probabilities(std::string_view text) {
  const auto fail = [&]() -> Probabilities {
    throw InvalidArgument(
        "edge probabilities: expected 'wc' (weighted cascade), 'constant:P' with P in [0, 1], 'trivalency' or "
        "'interactions', found " +
        quote_for_message(text));
  };
  Probabilities p;
  if (text == "wc" || text == "weighted-cascade") {
    p.kind = Probabilities::Kind::kWeightedCascade;
  } else if (text == "trivalency") {
    p.kind = Probabilities::Kind::kTrivalency;
  } else if (text == "interactions") {
    p.kind = Probabilities::Kind::kInteractions;
  } else if (text.starts_with("constant:")) {
    const std::string num(text.substr(9));
    if (num.empty()) return fail();
    std::size_t used = 0;
    double c = 0;
    try {
      c = std::stod(num, &used);
    } catch (const std::exception&) {
      return fail();
    }
    if (used != num.size() || !(c >= 0.0 && c <= 1.0)) return fail();
    p.kind = Probabilities::Kind::kConstant;
    p.constant = c;
  } else {
    return fail();
  }
  return p;
}

std::string probabilities_name(const Probabilities& p) {
  switch (p.kind) {
    case Probabilities::Kind::kWeightedCascade: return "wc";
    case Probabilities::Kind::kTrivalency: return "trivalency";
    case Probabilities::Kind::kInteractions: return "interactions";
    case Probabilities::Kind::kConstant: {
      char buf[64];
      const auto r = std::to_chars(buf, buf + sizeof buf, p.constant);
      return "constant:" + std::string(buf, r.ptr);
    }
  }
  return "?";
}

std::size_t DiffusionGraph::memory_bytes() const noexcept {
  return rev_offsets_.capacity() * sizeof(EdgeIndex) + rev_sources_.capacity() * sizeof(VertexId) +
         rev_p_.capacity() * sizeof(float) + fwd_offsets_.capacity() * sizeof(EdgeIndex) +
         fwd_targets_.capacity() * sizeof(VertexId) + fwd_p_.capacity() * sizeof(float) +
         uniform_in_p_.capacity() * sizeof(float) + in_sum_.capacity() * sizeof(float);
}

void DiffusionGraph::finish() {
  const VertexId n = num_vertices();
  if (fwd_offsets_.size() != static_cast<std::size_t>(n) + 1)
    transpose_into(n, rev_offsets_, rev_sources_, rev_p_, fwd_offsets_, fwd_targets_, fwd_p_);
  uniform_in_p_.assign(n, -1.0F);
  in_sum_.assign(n, 0.0F);
  const auto nn = static_cast<std::int64_t>(n);
  VertexId violation = kNoVertex;
#pragma omp parallel for schedule(dynamic, 1024) reduction(min : violation) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto u = static_cast<VertexId>(i);
    const auto ps = sender_probabilities(u);
    double s = 0.0;
    bool uniform = true;
    for (float p : ps) {
      s += static_cast<double>(p);
      uniform = uniform && p == ps[0];
    }
    in_sum_[u] = static_cast<float>(s);
    uniform_in_p_[u] = ps.empty() ? 0.0F : (uniform ? ps[0] : -1.0F);
    if (s > 1.0 + kLtTolerance) violation = std::min(violation, u);
  }
  lt_violation_ = violation;
  const double total = deterministic_sum(as_i64(rev_p_.size()),
                                         [&](std::int64_t e) { return static_cast<double>(rev_p_[static_cast<std::size_t>(e)]); });
  mean_p_ = rev_p_.empty() ? 0.0 : total / static_cast<double>(rev_p_.size());
}

DiffusionGraph DiffusionGraph::from_arcs(VertexId n, const std::vector<VertexId>& from, const std::vector<VertexId>& to,
                                         const std::vector<float>& p) {
  if (from.size() != to.size() || from.size() != p.size())
    throw InvalidArgument("DiffusionGraph::from_arcs: from, to and p must have the same length");
  if (n == kNoVertex) throw InvalidArgument("DiffusionGraph::from_arcs: too many vertices");
  for (std::size_t e = 0; e < from.size(); ++e) {
    if (from[e] >= n || to[e] >= n)
      throw InvalidArgument("DiffusionGraph::from_arcs: arc " + std::to_string(e) + " has an endpoint >= n = " +
                            std::to_string(n));
    if (!(p[e] >= 0.0F && p[e] <= 1.0F))
      throw InvalidArgument("DiffusionGraph::from_arcs: probability of arc " + std::to_string(e) +
                            " must be in [0, 1], got " + std::to_string(p[e]));
  }
  // Group by receiver; within a receiver, by sender id (stable for parallel arcs).
  std::vector<std::size_t> order;
  for (std::size_t e = 0; e < from.size(); ++e)
    if (from[e] != to[e]) order.push_back(e);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return to[a] != to[b] ? to[a] < to[b] : from[a] < from[b];
  });
  DiffusionGraph g;
  g.rev_offsets_.assign(static_cast<std::size_t>(n) + 1, 0);
  g.rev_sources_.reserve(order.size());
  g.rev_p_.reserve(order.size());
  for (std::size_t e : order) {
    ++g.rev_offsets_[to[e] + 1];
    g.rev_sources_.push_back(from[e]);
    g.rev_p_.push_back(p[e]);
  }
  for (VertexId u = 0; u < n; ++u) g.rev_offsets_[u + 1] += g.rev_offsets_[u];
  g.fwd_offsets_.clear();
  g.finish();
  return g;
}

DiffusionGraph make_diffusion_graph(const CsrGraph& follows, const Probabilities& prob, const CsrGraph* interactions,
                                    std::uint64_t seed, RunContext& ctx) {
  using Kind = Probabilities::Kind;
  const VertexId n = follows.num_vertices();
  if (prob.kind == Kind::kConstant && !(prob.constant >= 0.0 && prob.constant <= 1.0))
    throw InvalidArgument("edge probabilities: constant must be in [0, 1], got " + std::to_string(prob.constant));
  std::vector<double> interaction_total;
  if (prob.kind == Kind::kInteractions) {
    if (interactions == nullptr)
      throw InvalidArgument("edge probabilities 'interactions' need an interactions layer");
    if (interactions->num_vertices() != n)
      throw InvalidArgument("edge probabilities 'interactions': the interactions layer has " +
                            std::to_string(interactions->num_vertices()) + " vertices, the follows layer " +
                            std::to_string(n));
    const auto w = interactions->weights();
    const auto nw = as_i64(w.size());
    std::int64_t bad = nw;
#pragma omp parallel for schedule(static) reduction(min : bad) if (nw > kParallelMin)
    for (std::int64_t e = 0; e < nw; ++e) {
      const float x = w[static_cast<std::size_t>(e)];
      if (!(std::isfinite(x) && x >= 0.0F)) bad = std::min(bad, e);
    }
    if (bad < nw)
      throw InvalidArgument("edge probabilities 'interactions': interaction weights must be finite and >= 0, found " +
                            std::to_string(w[static_cast<std::size_t>(bad)]));
    interaction_total.assign(n, 0.0);
    const auto nn = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
    for (std::int64_t i = 0; i < nn; ++i) {
      const auto u = static_cast<VertexId>(i);
      const auto nb = interactions->out_neighbors(u);
      const auto ws = interactions->out_weights(u);
      double s = 0.0;
      for (std::size_t j = 0; j < nb.size(); ++j)
        if (nb[j] != u) s += ws.empty() ? 1.0 : static_cast<double>(ws[j]);
      interaction_total[u] = s;
    }
  }
  ctx.check_cancelled();

  DiffusionGraph g;
  const auto nn = static_cast<std::int64_t>(n);
  // f(u): non-loop follow arcs of u = diffusion in-degree of receiver u.
  std::vector<EdgeIndex>& roff = g.rev_offsets_;
  roff.assign(static_cast<std::size_t>(n) + 1, 0);
#pragma omp parallel for schedule(static) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto u = static_cast<VertexId>(i);
    roff[u + 1] = follows.out_degree(u) - loops_at(follows, u);
  }
  std::vector<EdgeIndex> fdeg(roff.begin() + 1, roff.end());  // f(u)
  {
    std::vector<EdgeIndex> tmp(roff.begin() + 1, roff.end());
    exclusive_scan_inplace(tmp);
    for (VertexId u = 0; u < n; ++u) roff[u] = tmp[u];
    roff[n] = n == 0 ? 0 : roff[n - 1] + fdeg[n - 1];
  }
  const EdgeIndex m = roff[n];

  // p(v, u) for sender v, receiver u.
  auto probability = [&](VertexId v, VertexId u) -> float {
    switch (prob.kind) {
      case Kind::kWeightedCascade: return static_cast<float>(1.0 / static_cast<double>(fdeg[u]));
      case Kind::kConstant: return static_cast<float>(prob.constant);
      case Kind::kTrivalency: {
        const std::uint64_t key = (static_cast<std::uint64_t>(v) << 32) | u;
        return kTrivalency[hash_item(seed, Stream::kGenerator, key) % 3];
      }
      case Kind::kInteractions: {
        const double total = interaction_total[u];
        if (!(total > 0.0)) return 0.0F;
        const auto nb = interactions->out_neighbors(u);
        const auto ws = interactions->out_weights(u);
        const auto range = std::equal_range(nb.begin(), nb.end(), v);
        double w = 0.0;
        for (auto it = range.first; it != range.second; ++it)
          w += ws.empty() ? 1.0 : static_cast<double>(ws[static_cast<std::size_t>(it - nb.begin())]);
        return static_cast<float>(std::min(1.0, w / total));
      }
    }
    return 0.0F;
  };

  g.rev_sources_.resize(m);
  g.rev_p_.resize(m);
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
  for (std::int64_t i = 0; i < nn; ++i) {
    const auto u = static_cast<VertexId>(i);
    EdgeIndex pos = roff[u];
    for (VertexId v : follows.out_neighbors(u)) {
      if (v == u) continue;
      g.rev_sources_[pos] = v;
      g.rev_p_[pos] = probability(v, u);
      ++pos;
    }
  }
  ctx.check_cancelled();

  // Forward direction from the follows in-adjacency (v's followers, sorted by id) when present.
  if (follows.has_in_edges()) {
    auto& foff = g.fwd_offsets_;
    foff.assign(static_cast<std::size_t>(n) + 1, 0);
    std::vector<EdgeIndex> cnt(n);
#pragma omp parallel for schedule(static) if (nn > kParallelMin)
    for (std::int64_t i = 0; i < nn; ++i) {
      const auto v = static_cast<VertexId>(i);
      const auto nb = follows.in_neighbors(v);
      const auto range = std::equal_range(nb.begin(), nb.end(), v);
      cnt[v] = nb.size() - static_cast<EdgeIndex>(range.second - range.first);
    }
    std::vector<EdgeIndex> start(cnt);
    exclusive_scan_inplace(start);
    for (VertexId v = 0; v < n; ++v) foff[v] = start[v];
    foff[n] = m;
    PS_ASSERT(n == 0 || start[n - 1] + cnt[n - 1] == m, "forward and reverse arc counts differ");
    g.fwd_targets_.resize(m);
    g.fwd_p_.resize(m);
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
    for (std::int64_t i = 0; i < nn; ++i) {
      const auto v = static_cast<VertexId>(i);
      EdgeIndex pos = foff[v];
      for (VertexId u : follows.in_neighbors(v)) {
        if (u == v) continue;
        g.fwd_targets_[pos] = u;
        g.fwd_p_[pos] = probability(v, u);
        ++pos;
      }
    }
  } else {
    g.fwd_offsets_.clear();
  }
  ctx.check_cancelled();
  g.finish();
  return g;
}

void check_model(const DiffusionGraph& g, Model m) {
  if (m != Model::kLinearThreshold) return;
  const VertexId u = g.lt_violation();
  if (u == kNoVertex) return;
  throw InvalidArgument("linear threshold model: the incoming probabilities of every vertex must sum to <= 1, but "
                        "vertex " + std::to_string(u) + " sums to " + std::to_string(g.in_probability_sum(u)) +
                        " (use weighted cascade or interaction probabilities, or a smaller constant)");
}

}  // namespace peerscout::influence
