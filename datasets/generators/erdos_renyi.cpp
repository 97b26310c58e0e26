#include "datasets/generators/erdos_renyi.hpp"

#include <parallel/algorithm>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "engine/random.hpp"

namespace peerscout::datasets {

namespace {

constexpr std::uint64_t kErTag = 0x45524e4d;  // "ERNM"
constexpr std::int64_t kBlock = std::int64_t{1} << 16;

std::uint64_t num_pairs(VertexId n, bool directed) {
  const std::uint64_t nn = n;
  if (nn < 2) return 0;
  return directed ? nn * (nn - 1) : nn * (nn - 1) / 2;
}

// Draws `target` distinct pair keys (u * n + v; undirected: u < v), uniformly among all subsets of
// that size. Returns them sorted.
std::vector<std::uint64_t> sample_distinct_pairs(VertexId n, bool directed, std::uint64_t total_pairs,
                                                 std::uint64_t target, std::uint64_t seed, const RunContext& ctx) {
  std::vector<std::uint64_t> have;
  const std::uint64_t nn = n;
  const std::uint64_t ordered = nn * (nn - 1);
  for (std::uint64_t round = 0; have.size() < target; ++round) {
    ctx.check_cancelled();
    const std::uint64_t need = target - have.size();
    const std::uint64_t free = total_pairs - have.size();
    // Expected fresh fraction of a draw is free / total: over-draw by 5% so one round usually suffices.
    const double expect = static_cast<double>(need) * static_cast<double>(total_pairs) / static_cast<double>(free);
    const auto draws = static_cast<std::uint64_t>(std::ceil(expect * 1.05)) + 16;
    std::vector<std::uint64_t> cand(draws);
    const auto num_blocks = static_cast<std::int64_t>((draws + kBlock - 1) / kBlock);
#pragma omp parallel for schedule(static) if (num_blocks > 1)
    for (std::int64_t blk = 0; blk < num_blocks; ++blk) {
      Rng rng = Rng::for_item(seed, Stream::kGenerator, static_cast<std::uint64_t>(blk), (round << 32) | kErTag);
      const auto begin = static_cast<std::uint64_t>(blk * kBlock);
      const std::uint64_t end = std::min(draws, begin + static_cast<std::uint64_t>(kBlock));
      for (std::uint64_t i = begin; i < end; ++i) {
        const std::uint64_t k = rng.below(ordered);  // uniform ordered pair u != v
        std::uint64_t u = k / (nn - 1);
        const std::uint64_t r = k % (nn - 1);
        std::uint64_t v = r + (r >= u ? 1 : 0);
        if (!directed && v < u) std::swap(u, v);  // each unordered pair has probability 2/ordered
        cand[i] = u * nn + v;
      }
    }
    __gnu_parallel::sort(cand.begin(), cand.end());
    cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
    std::vector<std::uint64_t> merged;
    merged.reserve(have.size() + cand.size());
    std::set_union(have.begin(), have.end(), cand.begin(), cand.end(), std::back_inserter(merged));
    have.swap(merged);
  }
  if (have.size() > target) {
    // A uniform target-subset of a uniform set: the keys with the smallest seeded hash.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ranked(have.size());
    const auto size = static_cast<std::int64_t>(have.size());
#pragma omp parallel for schedule(static) if (size > kParallelMin)
    for (std::int64_t i = 0; i < size; ++i) {
      const auto key = have[static_cast<std::size_t>(i)];
      ranked[static_cast<std::size_t>(i)] = {hash_item(seed, Stream::kGenerator, key ^ (kErTag << 40)), key};
    }
    std::nth_element(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(target), ranked.end());
    have.resize(target);
    for (std::uint64_t i = 0; i < target; ++i) have[i] = ranked[i].second;
    __gnu_parallel::sort(have.begin(), have.end());
  }
  return have;
}

}  // namespace

void ErdosRenyiOptions::validate() const {
  const std::uint64_t total = num_pairs(n, directed);
  if (m > total)
    throw InvalidArgument("erdos_renyi: m = " + std::to_string(m) + " exceeds the " + std::to_string(total) +
                          (directed ? " ordered" : " unordered") + " pairs of " + std::to_string(n) + " vertices");
}

GeneratedEdges erdos_renyi(const ErdosRenyiOptions& opts, RunContext& ctx) {
  opts.validate();
  auto phase = ctx.phase("erdos_renyi");
  const VertexId n = opts.n;
  const std::uint64_t nn = n;
  const std::uint64_t total = num_pairs(n, opts.directed);
  GeneratedEdges out;
  out.num_vertices = n;
  if (opts.m == 0) return out;
  const bool complement = opts.m > total / 2;
  const auto keys = sample_distinct_pairs(n, opts.directed, total, complement ? total - opts.m : opts.m, opts.seed, ctx);
  out.edges.src.resize(opts.m);
  out.edges.dst.resize(opts.m);
  VertexId* src = out.edges.src.data();
  VertexId* dst = out.edges.dst.data();

  if (!complement) {
    const auto m = static_cast<std::int64_t>(opts.m);
#pragma omp parallel for schedule(static) if (m > kParallelMin)
    for (std::int64_t i = 0; i < m; ++i) {
      const auto k = keys[static_cast<std::size_t>(i)];
      src[i] = static_cast<VertexId>(k / nn);
      dst[i] = static_cast<VertexId>(k % nn);
    }
    return out;
  }

  // Dense case: enumerate every pair except the sampled absent ones. Row u holds the pairs with
  // source u (v != u; undirected: v > u); its output offset is a prefix sum of the row sizes.
  std::vector<std::uint64_t> row(nn + 1, 0);
  const auto rows = static_cast<std::int64_t>(nn);
  const bool parallel = total > static_cast<std::uint64_t>(kParallelMin);
#pragma omp parallel for schedule(static) if (parallel)
  for (std::int64_t u = 0; u < rows; ++u) {
    const auto uu = static_cast<std::uint64_t>(u);
    const std::uint64_t all = opts.directed ? nn - 1 : nn - 1 - uu;
    const auto lo = std::lower_bound(keys.begin(), keys.end(), uu * nn);
    const auto hi = std::lower_bound(keys.begin(), keys.end(), (uu + 1) * nn);
    row[uu] = all - static_cast<std::uint64_t>(hi - lo);
  }
  exclusive_scan_inplace(row);
#pragma omp parallel for schedule(dynamic, 64) if (parallel)
  for (std::int64_t u = 0; u < rows; ++u) {
    const auto uu = static_cast<std::uint64_t>(u);
    auto it = std::lower_bound(keys.begin(), keys.end(), uu * nn);
    std::uint64_t pos = row[uu];
    for (std::uint64_t v = opts.directed ? 0 : uu + 1; v < nn; ++v) {
      if (v == uu) continue;
      if (it != keys.end() && *it == uu * nn + v) {
        ++it;
        continue;
      }
      src[pos] = static_cast<VertexId>(uu);
      dst[pos] = static_cast<VertexId>(v);
      ++pos;
    }
  }
  return out;
}

}  // namespace peerscout::datasets
