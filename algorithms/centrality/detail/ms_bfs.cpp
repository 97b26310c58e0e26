#include "algorithms/centrality/detail/ms_bfs.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdlib>
#include <new>

#include "engine/parallel.hpp"

namespace peerscout::centrality::detail {

namespace {

constexpr int kMaxWords = 8;  // 512 sources per traversal

// Per-thread vertex lists gathered in thread order (the order of a frontier list never affects a
// result: every vertex of a level is handled once, whatever its position).
class ThreadLists {
 public:
  ThreadLists() : lists_(static_cast<std::size_t>(max_threads())) {}
  std::vector<VertexId>& local() { return lists_[static_cast<std::size_t>(omp_get_thread_num())].v; }
  void gather(std::vector<VertexId>& out) {
    out.clear();
    for (auto& l : lists_) {
      out.insert(out.end(), l.v.begin(), l.v.end());
      l.v.clear();
    }
  }

 private:
  struct alignas(64) Padded {
    std::vector<VertexId> v;
  };
  std::vector<Padded> lists_;
};

}  // namespace

DistanceSums::DistanceSums(VertexId n, bool squares, bool levels)
    : reached(n, 0), sum(n, 0), inv(n, 0.0), track_squares(squares), track_levels(levels) {
  if (squares) {
    sum_sq.assign(n, 0);
    inv_sq.assign(n, 0.0);
    nearest.assign(n, kFar);
    at_one.assign(n, 0);
  }
}

MultiSourceBfs::MultiSourceBfs(VertexId n, EdgeIndex arcs, Adjacency pull, Adjacency push)
    : n_(n),
      arcs_(arcs),
      pull_(pull),
      push_(push),
      seen_(words(static_cast<std::size_t>(n) * kMaxWords)),
      front_(words(static_cast<std::size_t>(n) * kMaxWords)),
      next_(words(static_cast<std::size_t>(n) * kMaxWords)),
      in_front_((static_cast<std::size_t>(n) + 63) / 64, 0),
      touched_(n, 0) {}

void MultiSourceBfs::Words::Free::operator()(std::uint64_t* p) const noexcept { std::free(p); }

MultiSourceBfs::Words MultiSourceBfs::words(std::size_t count) {
  const std::size_t bytes = std::max<std::size_t>(64, (count * sizeof(std::uint64_t) + 63) / 64 * 64);
  auto* p = static_cast<std::uint64_t*>(std::aligned_alloc(64, bytes));
  if (p == nullptr) throw std::bad_alloc();
  return Words{std::unique_ptr<std::uint64_t[], Words::Free>(p)};
}

MultiSourceBfs::~MultiSourceBfs() = default;

void MultiSourceBfs::run(std::span<const VertexId> sources, DistanceSums& acc, RunContext& ctx) {
  constexpr std::size_t kBatch = 64 * kMaxWords;
  static_assert(kBatch == kBatchSources);
  for (std::size_t first = 0; first < sources.size(); first += kBatch) {
    ctx.check_cancelled();
    const auto part = sources.subspan(first, std::min(kBatch, sources.size() - first));
    if (part.size() <= 64) {
      batch<1>(part, acc);
    } else if (part.size() <= 128) {
      batch<2>(part, acc);
    } else if (part.size() <= 256) {
      batch<4>(part, acc);
    } else {
      batch<8>(part, acc);
    }
  }
}

template <int W>
void MultiSourceBfs::batch(std::span<const VertexId> sources, DistanceSums& acc) {
  const std::int64_t nn = n_;
  const auto k = sources.size();
  std::uint64_t active[W];
  for (int j = 0; j < W; ++j) {
    const std::size_t lo = static_cast<std::size_t>(j) * 64;
    active[j] = k >= lo + 64 ? ~std::uint64_t{0} : (k > lo ? (std::uint64_t{1} << (k - lo)) - 1 : 0);
  }
  std::uint64_t* seen = seen_.data();
  std::uint64_t* front = front_.data();
  std::uint64_t* next = next_.data();
  const bool par_n = nn > 2048;

  // Lanes beyond the batch count as seen from the start, so "all ones" means finished.
#pragma omp parallel for schedule(static) if (par_n)
  for (std::int64_t u = 0; u < nn; ++u) {
    for (int j = 0; j < W; ++j) {
      const auto i = static_cast<std::size_t>(u) * W + static_cast<std::size_t>(j);
      seen[i] = ~active[j];
      front[i] = 0;
      next[i] = 0;
    }
  }
  std::vector<VertexId> frontier, found;
  for (std::size_t i = 0; i < k; ++i) {
    const VertexId s = sources[i];
    const std::uint64_t bit = std::uint64_t{1} << (i % 64);
    const std::size_t word = static_cast<std::size_t>(s) * W + i / 64;
    front[word] |= bit;
    seen[word] |= bit;
    if (touched_[s] == 0) {
      touched_[s] = 1;
      frontier.push_back(s);
    }
  }
  for (VertexId s : frontier) touched_[s] = 0;
  // in_front_: bit v set while v is in `frontier`, so that a bottom-up scan skips the words of the
  // (many) neighbours outside it. Set and cleared per level from the frontier lists.
  std::uint64_t* const in_front = in_front_.data();
  auto mark = [&](const std::vector<VertexId>& list, bool on) {
    const auto len = static_cast<std::int64_t>(list.size());
#pragma omp parallel for schedule(static) if (len > 65536)
    for (std::int64_t i = 0; i < len; ++i) {
      const VertexId v = list[static_cast<std::size_t>(i)];
      std::atomic_ref<std::uint64_t> word(in_front[v >> 6]);
      const std::uint64_t bit = std::uint64_t{1} << (v & 63);
      if (on) {
        word.fetch_or(bit, std::memory_order_relaxed);
      } else {
        word.fetch_and(~bit, std::memory_order_relaxed);
      }
    }
  };
  mark(frontier, true);

  std::uint64_t* const reached = acc.reached.data();
  std::uint64_t* const sum = acc.sum.data();
  std::uint64_t* const sum_sq = acc.track_squares ? acc.sum_sq.data() : nullptr;
  double* const inv = acc.inv.data();
  double* const inv_sq = acc.track_squares ? acc.inv_sq.data() : nullptr;
  std::uint32_t* const nearest = acc.track_squares ? acc.nearest.data() : nullptr;
  std::uint64_t* const at_one = acc.track_squares ? acc.at_one.data() : nullptr;
  // Adds the c new sources found at distance `level` from u. One writer per vertex and level.
  std::uint32_t* by_level = nullptr;  // this level's counts when tracked
  auto add = [&](VertexId u, std::uint64_t c, std::uint32_t level) {
    reached[u] += c;
    if (by_level != nullptr) by_level[u] += static_cast<std::uint32_t>(c);
    sum[u] += c * level;
    inv[u] += static_cast<double>(c) / static_cast<double>(level);
    if (sum_sq != nullptr) {
      sum_sq[u] += c * level * level;
      inv_sq[u] += static_cast<double>(c) / (static_cast<double>(level) * static_cast<double>(level));
      nearest[u] = std::min(nearest[u], level);
      if (level == 1) at_one[u] += c;
    }
  };

  ThreadLists lists;
  std::uint32_t level = 0;
  std::uint64_t work = 0;
  const bool can_push = push_.offsets != nullptr;
  while (!frontier.empty()) {
    ++level;
    if (acc.track_levels) {
      if (acc.by_level.size() < level) acc.by_level.emplace_back(n_, 0);
      by_level = acc.by_level[level - 1].data();
    }
    const auto nf = static_cast<std::int64_t>(frontier.size());
    bool top_down = false;
    if (can_push) {
      EdgeIndex fa = 0;
#pragma omp parallel for schedule(static) reduction(+ : fa) if (nf > 65536)
      for (std::int64_t i = 0; i < nf; ++i) fa += push_.degree(frontier[static_cast<std::size_t>(i)]);
      top_down = (fa + static_cast<EdgeIndex>(nf)) * 14 < arcs_ + static_cast<EdgeIndex>(nn);
      if (top_down) work += fa + static_cast<std::uint64_t>(nf);
    }
    if (top_down) {
      const bool par = nf > 256;
#pragma omp parallel if (par)
      {
        auto& out = lists.local();
#pragma omp for schedule(dynamic, 64)
        for (std::int64_t i = 0; i < nf; ++i) {
          const VertexId w = frontier[static_cast<std::size_t>(i)];
          std::uint64_t fw[W];
          for (int j = 0; j < W; ++j) fw[j] = front[static_cast<std::size_t>(w) * W + static_cast<std::size_t>(j)];
          for (EdgeIndex e = push_.begin(w), end = push_.end(w); e < end; ++e) {
            const VertexId u = push_.targets[e];
            bool any = false;
            for (int j = 0; j < W; ++j) {
              const auto idx = static_cast<std::size_t>(u) * W + static_cast<std::size_t>(j);
              // seen[] is not written during this phase.
              const std::uint64_t bits = fw[j] & ~seen[idx];
              if (bits != 0) {
                std::atomic_ref<std::uint64_t>(next[idx]).fetch_or(bits, std::memory_order_relaxed);
                any = true;
              }
            }
            if (any && std::atomic_ref<std::uint8_t>(touched_[u]).exchange(1, std::memory_order_relaxed) == 0)
              out.push_back(u);
          }
        }
      }
      lists.gather(found);
      const auto nfound = static_cast<std::int64_t>(found.size());
#pragma omp parallel for schedule(static) if (nfound > 4096)
      for (std::int64_t i = 0; i < nfound; ++i) {
        const VertexId u = found[static_cast<std::size_t>(i)];
        touched_[u] = 0;
        std::uint64_t c = 0;
        for (int j = 0; j < W; ++j) {
          const auto idx = static_cast<std::size_t>(u) * W + static_cast<std::size_t>(j);
          c += static_cast<std::uint64_t>(std::popcount(next[idx]));
          seen[idx] |= next[idx];
        }
        add(u, c, level);
      }
    } else {
      std::uint64_t scanned = 0;
#pragma omp parallel if (par_n) reduction(+ : scanned)
      {
        auto& out = lists.local();
#pragma omp for schedule(dynamic, 1024)
        for (std::int64_t i = 0; i < nn; ++i) {
          const auto u = static_cast<VertexId>(i);
          const std::size_t base = static_cast<std::size_t>(u) * W;
          std::uint64_t s[W], a[W];
          std::uint64_t all = ~std::uint64_t{0};
          for (int j = 0; j < W; ++j) {
            s[j] = seen[base + static_cast<std::size_t>(j)];
            a[j] = 0;
            all &= s[j];
          }
          if (all == ~std::uint64_t{0}) continue;  // every lane found u already
          const EdgeIndex end = pull_.end(u);
          EdgeIndex e = pull_.begin(u);
          for (; e < end; ++e) {
            const VertexId w = pull_.targets[e];
            if (((in_front[w >> 6] >> (w & 63)) & 1) == 0) continue;
            const std::size_t wb = static_cast<std::size_t>(w) * W;
            std::uint64_t done = ~std::uint64_t{0};
            for (int j = 0; j < W; ++j) {
              a[j] |= front[wb + static_cast<std::size_t>(j)];
              done &= a[j] | s[j];
            }
            if (done == ~std::uint64_t{0}) {
              ++e;
              break;
            }
          }
          scanned += e - pull_.begin(u) + 1;
          std::uint64_t c = 0;
          for (int j = 0; j < W; ++j) {
            const std::uint64_t nb = a[j] & ~s[j];
            next[base + static_cast<std::size_t>(j)] = nb;
            seen[base + static_cast<std::size_t>(j)] = s[j] | nb;
            c += static_cast<std::uint64_t>(std::popcount(nb));
          }
          if (c != 0) {
            add(u, c, level);
            out.push_back(u);
          }
        }
      }
      work += scanned;
      lists.gather(found);
    }
    // The old frontier's words become the zeroed `next` of the following level.
#pragma omp parallel for schedule(static) if (nf > 65536)
    for (std::int64_t i = 0; i < nf; ++i) {
      const std::size_t base = static_cast<std::size_t>(frontier[static_cast<std::size_t>(i)]) * W;
      for (int j = 0; j < W; ++j) front[base + static_cast<std::size_t>(j)] = 0;
    }
    mark(frontier, false);
    mark(found, true);
    std::swap(front, next);
    frontier.swap(found);
    if (!frontier.empty()) acc.max_level = std::max(acc.max_level, level);
  }
  // front_/next_ may have been swapped: both are all-zero again, so the roles do not matter.
  work_ += work;
}

}  // namespace peerscout::centrality::detail
