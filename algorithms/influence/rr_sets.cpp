#include "algorithms/influence/rr_sets.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <string>

#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "engine/random.hpp"

namespace peerscout::influence {

namespace {

constexpr std::uint64_t kBlockSets = 256;  // RR sets per parallel work item
constexpr EdgeIndex kCoinFlipMax = 8;       // receivers with at most this many arcs flip coins

// Per-thread visited marks (a stamp per vertex, no clearing between sets) and BFS queue.
struct Scratch {
  explicit Scratch(VertexId n) : mark(n, 0) {}
  std::vector<std::uint32_t> mark;
  std::uint32_t tag = 0;
  std::vector<VertexId> queue;

  void next() {
    if (++tag == 0) {
      std::fill(mark.begin(), mark.end(), 0U);
      tag = 1;
    }
  }
  bool visit(VertexId v) {
    if (mark[v] == tag) return false;
    mark[v] = tag;
    return true;
  }
};

// Number of failures before the first success of Bernoulli(p) trials, capped at `cap`;
// log1mp = ln(1 - p) < 0.
inline EdgeIndex geometric_skip(Rng& rng, double log1mp, EdgeIndex cap) {
  const double u = 1.0 - rng.uniform01();  // (0, 1]
  const double k = std::floor(std::log(u) / log1mp);
  return k >= static_cast<double>(cap) ? cap : static_cast<EdgeIndex>(k);
}

void sample_ic(const DiffusionGraph& g, VertexId root, Rng& rng, Scratch& s, const std::uint8_t* keep,
               std::vector<VertexId>& out) {
  s.next();
  s.queue.clear();
  s.visit(root);
  s.queue.push_back(root);
  for (std::size_t head = 0; head < s.queue.size(); ++head) {
    const VertexId u = s.queue[head];
    if (keep == nullptr || keep[u] != 0) out.push_back(u);
    const auto src = g.senders(u);
    const EdgeIndex d = src.size();
    if (d == 0) continue;
    const float pu = g.uniform_in_probability(u);
    if (pu >= 0.0F) {
      if (pu <= 0.0F) continue;
      if (pu >= 1.0F) {
        for (VertexId v : src)
          if (s.visit(v)) s.queue.push_back(v);
      } else if (d <= kCoinFlipMax) {
        const double p = static_cast<double>(pu);
        for (VertexId v : src)
          if (s.mark[v] != s.tag && rng.uniform01() < p) {
            s.visit(v);
            s.queue.push_back(v);
          }
      } else {
        const double log1mp = std::log1p(-static_cast<double>(pu));
        for (EdgeIndex i = geometric_skip(rng, log1mp, d); i < d; i += 1 + geometric_skip(rng, log1mp, d)) {
          const VertexId v = src[i];
          if (s.visit(v)) s.queue.push_back(v);
        }
      }
    } else {
      const auto ps = g.sender_probabilities(u);
      for (EdgeIndex j = 0; j < d; ++j) {
        const VertexId v = src[j];
        if (s.mark[v] != s.tag && rng.uniform01() < static_cast<double>(ps[j])) {
          s.visit(v);
          s.queue.push_back(v);
        }
      }
    }
  }
}

void sample_lt(const DiffusionGraph& g, VertexId root, Rng& rng, Scratch& s, const std::uint8_t* keep,
               std::vector<VertexId>& out) {
  s.next();
  VertexId cur = root;
  s.visit(cur);
  while (true) {
    if (keep == nullptr || keep[cur] != 0) out.push_back(cur);
    const auto src = g.senders(cur);
    const EdgeIndex d = src.size();
    if (d == 0) break;
    const double r = rng.uniform01();
    EdgeIndex idx = d;  // none
    const float pu = g.uniform_in_probability(cur);
    if (pu >= 0.0F) {
      if (pu > 0.0F && r < g.in_probability_sum(cur))
        idx = std::min<EdgeIndex>(d - 1, static_cast<EdgeIndex>(r / static_cast<double>(pu)));
    } else {
      const auto ps = g.sender_probabilities(cur);
      double acc = 0.0;
      for (EdgeIndex j = 0; j < d; ++j) {
        acc += static_cast<double>(ps[j]);
        if (r < acc) {
          idx = j;
          break;
        }
      }
    }
    if (idx == d) break;
    const VertexId v = src[idx];
    if (!s.visit(v)) break;
    cur = v;
  }
}

}  // namespace

RRSampler::RRSampler(const DiffusionGraph& g, Model model, std::uint64_t seed, std::vector<VertexId> audience,
                     std::vector<std::uint8_t> keep)
    : g_(&g), model_(model), seed_(seed), roots_(std::move(audience)), keep_(std::move(keep)) {
  const VertexId n = g.num_vertices();
  check_model(g, model);
  for (VertexId v : roots_)
    if (v >= n)
      throw InvalidArgument("influence: audience vertex " + std::to_string(v) + " is out of range (n = " +
                            std::to_string(n) + ")");
  std::sort(roots_.begin(), roots_.end());
  roots_.erase(std::unique(roots_.begin(), roots_.end()), roots_.end());
  if (!keep_.empty() && keep_.size() != n)
    throw InvalidArgument("influence: the candidate mask must have one entry per vertex");
}

void RRSampler::append(RRSets& out, std::uint64_t first_index, std::uint64_t count, RunContext& ctx) const {
  if (count == 0) return;
  const VertexId n = g_->num_vertices();
  PS_ASSERT(n > 0, "RR sets need at least one vertex");
  const std::uint64_t num_blocks = (count + kBlockSets - 1) / kBlockSets;
  std::vector<std::vector<VertexId>> block_members(num_blocks);
  std::vector<std::vector<std::uint32_t>> block_sizes(num_blocks);
  std::atomic<bool> stop{false};
  const std::uint8_t* keep = keep_.empty() ? nullptr : keep_.data();
  const auto nb = static_cast<std::int64_t>(num_blocks);
#pragma omp parallel if (nb > 1)
  {
    Scratch s(n);
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t b = 0; b < nb; ++b) {
      if (stop.load(std::memory_order_relaxed) || ctx.cancelled()) {
        stop.store(true, std::memory_order_relaxed);
        continue;
      }
      const auto ub = static_cast<std::uint64_t>(b);
      const std::uint64_t begin = ub * kBlockSets;
      const std::uint64_t end = std::min(count, begin + kBlockSets);
      auto& mem = block_members[ub];
      auto& sizes = block_sizes[ub];
      sizes.reserve(end - begin);
      for (std::uint64_t i = begin; i < end; ++i) {
        Rng rng = Rng::for_item(seed_, Stream::kRRSets, first_index + i);
        const VertexId root = roots_.empty() ? static_cast<VertexId>(rng.below(n))
                                             : roots_[static_cast<std::size_t>(rng.below(roots_.size()))];
        const std::size_t before = mem.size();
        if (model_ == Model::kIndependentCascade)
          sample_ic(*g_, root, rng, s, keep, mem);
        else
          sample_lt(*g_, root, rng, s, keep, mem);
        sizes.push_back(static_cast<std::uint32_t>(mem.size() - before));
      }
    }
  }
  ctx.check_cancelled();
  PS_ASSERT(!stop.load(), "RR sampling stopped without a cancellation");

  // Concatenate the blocks in index order.
  std::vector<EdgeIndex> member_start(num_blocks + 1, 0);
  for (std::uint64_t b = 0; b < num_blocks; ++b) member_start[b + 1] = member_start[b] + block_members[b].size();
  const std::uint64_t old_sets = out.size();
  const EdgeIndex old_members = out.members.size();
  out.members.resize(old_members + member_start[num_blocks]);
  out.offsets.resize(old_sets + count + 1);
#pragma omp parallel for schedule(dynamic, 1) if (nb > 1)
  for (std::int64_t b = 0; b < nb; ++b) {
    const auto ub = static_cast<std::uint64_t>(b);
    auto& mem = block_members[ub];
    std::copy(mem.begin(), mem.end(), out.members.begin() + static_cast<std::ptrdiff_t>(old_members + member_start[ub]));
    EdgeIndex pos = old_members + member_start[ub];
    std::uint64_t set = old_sets + ub * kBlockSets;
    for (std::uint32_t sz : block_sizes[ub]) {
      pos += sz;
      out.offsets[++set] = pos;
    }
    std::vector<VertexId>().swap(mem);
  }
}

}  // namespace peerscout::influence
