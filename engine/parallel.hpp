#pragma once
/// OpenMP helpers with one rule: results never depend on the thread count.
///
/// - ThreadScope sets the number of threads for a scope (CLI --threads, tests' with_threads).
/// - deterministic_sum and exclusive_scan split work into blocks of a FIXED size (independent of the
///   number of threads) and combine block results serially, so floating-point sums are bit-identical
///   for 1, 2 or 64 threads. `reduction(+:x)` is not: its combination order follows the threads.
/// - kParallelMin: below this many items a loop runs serially (`if (n > kParallelMin)`), because
///   waking threads costs more than the work.
#include <omp.h>

#include "engine/types.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <type_traits>
#include <vector>

namespace peerscout {

inline constexpr std::int64_t kParallelMin = 4096;
inline constexpr std::int64_t kReduceBlock = std::int64_t{1} << 14;

/// Number of threads a parallel region started here would use.
inline int max_threads() noexcept { return omp_get_max_threads(); }

/// Per-thread vectors gathered into one, in thread order (deterministic for a fixed thread count's
/// static schedule; callers sort or use order-independent results). Each vector sits on its own
/// cache line: push_back writes the vector's end pointer, and two threads writing one line would
/// bounce it.
class ThreadBuffers {
 public:
  ThreadBuffers() : bufs_(static_cast<std::size_t>(max_threads())) {}
  std::vector<VertexId>& local() { return bufs_[static_cast<std::size_t>(omp_get_thread_num())].v; }
  void clear() {
    for (auto& b : bufs_) b.v.clear();
  }
  void gather(std::vector<VertexId>& out) const {
    out.clear();
    for (const auto& b : bufs_) out.insert(out.end(), b.v.begin(), b.v.end());
  }

 private:
  struct alignas(64) Padded {
    std::vector<VertexId> v;
  };
  std::vector<Padded> bufs_;
};

/// Sets omp_set_num_threads for the lifetime of the object, then restores the previous value.
class ThreadScope {
 public:
  explicit ThreadScope(int threads) : previous_(omp_get_max_threads()) {
    if (threads > 0) omp_set_num_threads(threads);
  }
  ~ThreadScope() { omp_set_num_threads(previous_); }
  ThreadScope(const ThreadScope&) = delete;
  ThreadScope& operator=(const ThreadScope&) = delete;

 private:
  int previous_;
};

/// Sum of f(i) for i in [0, n), bit-identical for any thread count.
template <class F>
double deterministic_sum(std::int64_t n, F&& f, std::int64_t block = kReduceBlock) {
  if (n <= 0) return 0.0;
  const std::int64_t num_blocks = (n + block - 1) / block;
  std::vector<double> partial(static_cast<std::size_t>(num_blocks));
#pragma omp parallel for schedule(static) if (n > kParallelMin)
  for (std::int64_t b = 0; b < num_blocks; ++b) {
    double s = 0.0;
    const std::int64_t end = std::min(n, (b + 1) * block);
    for (std::int64_t i = b * block; i < end; ++i) s += f(i);
    partial[static_cast<std::size_t>(b)] = s;
  }
  double total = 0.0;
  for (double p : partial) total += p;
  return total;
}

/// In-place exclusive prefix sum over v; returns the total. Integer types only (exact, so the
/// blocking only matters for speed). v[i] becomes sum of the original v[0..i).
template <class T>
T exclusive_scan_inplace(std::vector<T>& v) {
  static_assert(std::is_integral_v<T>, "exclusive_scan_inplace is for integer counts");
  const auto n = static_cast<std::int64_t>(v.size());
  if (n == 0) return T{0};
  constexpr std::int64_t kBlock = std::int64_t{1} << 16;
  const std::int64_t num_blocks = (n + kBlock - 1) / kBlock;
  if (num_blocks == 1 || n <= kParallelMin) {
    T running{0};
    for (auto& x : v) {
      const T t = x;
      x = running;
      running += t;
    }
    return running;
  }
  std::vector<T> block_sum(static_cast<std::size_t>(num_blocks) + 1, T{0});
#pragma omp parallel for schedule(static)
  for (std::int64_t b = 0; b < num_blocks; ++b) {
    T s{0};
    const std::int64_t end = std::min(n, (b + 1) * kBlock);
    for (std::int64_t i = b * kBlock; i < end; ++i) s += v[static_cast<std::size_t>(i)];
    block_sum[static_cast<std::size_t>(b) + 1] = s;
  }
  for (std::size_t b = 1; b < block_sum.size(); ++b) block_sum[b] += block_sum[b - 1];
#pragma omp parallel for schedule(static)
  for (std::int64_t b = 0; b < num_blocks; ++b) {
    T running = block_sum[static_cast<std::size_t>(b)];
    const std::int64_t end = std::min(n, (b + 1) * kBlock);
    for (std::int64_t i = b * kBlock; i < end; ++i) {
      const T t = v[static_cast<std::size_t>(i)];
      v[static_cast<std::size_t>(i)] = running;
      running += t;
    }
  }
  return block_sum.back();
}

}  // namespace peerscout
