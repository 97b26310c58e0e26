#pragma once
/// MPI scale-out (docs/hpc.md): a small communicator wrapper with a serial fallback.
///
/// Model. Every rank holds the whole graph (replicated) and runs the same code; the
/// sampling-heavy analyses split their WORK ITEM INDEX ranges across ranks (sample i is still
/// keyed by Rng::for_item(seed, stream, i), never by rank or thread) and combine with the
/// collectives below, so a run under `mpirun -np N` returns bit-identical results to a
/// single-process run with the same seed. OpenMP threads inside each rank stay as they are; only
/// the thread that called the algorithm (the main thread) calls MPI (MPI_THREAD_FUNNELED).
///
/// Reaching the communicator: algorithms read RunContext::comm() (engine/run_context.hpp); the
/// default is Comm::serial() (size 1, every collective a no-op), so code without MPI, and
/// algorithms called with RunContext::none(), behave exactly as before.
///
/// Build: CMake option PEERSCOUT_MPI (on when Open MPI is found, off under sanitizers). Without it
/// this header still compiles and Comm::world() is the serial communicator.
///
/// Floating-point sums: MPI_SUM on doubles combines in an order chosen by the library, so
/// allreduce_sum(double) here gathers every rank's vector and adds them in rank order: identical on
/// every rank, but NOT equal to the serial sum in general. Code that must match the serial run
/// gathers per-block partial sums (allgatherv) and adds them in block order instead.
///
/// Limits: each rank's share in allgatherv and each allreduce vector must have fewer than 2^31
/// elements (MPI-3 int counts); larger calls throw InvalidArgument (callers chunk).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace peerscout::mpi {

__extension__ using ShareWide = unsigned __int128;  // GCC/Clang builtin: count * rank without overflow

/// True when this build links MPI (PEERSCOUT_MPI=ON).
bool built_with_mpi() noexcept;

class Comm {
 public:
  /// The single-process communicator: rank 0 of 1; collectives are no-ops.
  static const Comm& serial() noexcept;
  /// MPI_COMM_WORLD when an Environment initialized MPI, else serial().
  static const Comm& world() noexcept;

  int rank() const noexcept { return rank_; }
  int size() const noexcept { return size_; }
  bool distributed() const noexcept { return size_ > 1; }
  bool is_root() const noexcept { return rank_ == 0; }

  void barrier() const;

  /// In place, element-wise over all ranks. Integer sums are exact (wrap-around as unsigned).
  void allreduce_sum(std::span<std::uint32_t> v) const;
  void allreduce_sum(std::span<std::uint64_t> v) const;
  void allreduce_sum(std::span<double> v) const;  ///< rank-order sum (see the file comment)
  void allreduce_max(std::span<std::uint64_t> v) const;
  void allreduce_max(std::span<double> v) const;
  void allreduce_min(std::span<std::uint64_t> v) const;
  void allreduce_min(std::span<double> v) const;
  std::uint64_t sum(std::uint64_t x) const;
  std::uint64_t max(std::uint64_t x) const;
  /// True on every rank iff `x` is true on some rank.
  bool any(bool x) const;

  /// Concatenation of every rank's `mine`, in rank order (same result on every rank).
  template <class T>
  std::vector<T> allgatherv(std::span<const T> mine) const {
    std::vector<std::uint64_t> counts(static_cast<std::size_t>(size_), 0);
    counts[static_cast<std::size_t>(rank_)] = mine.size();
    allreduce_sum(std::span<std::uint64_t>(counts));
    std::uint64_t total = 0;
    for (auto c : counts) total += c;
    std::vector<T> all(static_cast<std::size_t>(total));
    std::uint64_t offset = 0;
    for (int r = 0; r < rank_; ++r) offset += counts[static_cast<std::size_t>(r)];
    std::copy(mine.begin(), mine.end(), all.begin() + static_cast<std::ptrdiff_t>(offset));
    allgatherv_inplace(std::span<T>(all), std::span<const std::uint64_t>(counts));
    return all;
  }

  /// `all` holds every rank's piece back to back in rank order (rank r: counts[r] elements); this
  /// rank's piece is filled in. Afterwards every rank holds every piece.
  template <class T>
  void allgatherv_inplace(std::span<T> all, std::span<const std::uint64_t> counts) const {
    static_assert(std::is_trivially_copyable_v<T>);
    if (size_ == 1) return;
    gather_bytes(all.data(), sizeof(T), counts);
  }

  /// Copies `bytes` from rank `root` to every rank (sizes must agree).
  void broadcast(std::span<std::byte> bytes, int root = 0) const;

  /// This rank's contiguous share [begin, end) of the index range [first, first + count): rank r
  /// gets first + floor(count * r / size) .. first + floor(count * (r + 1) / size).
  std::pair<std::uint64_t, std::uint64_t> share(std::uint64_t first, std::uint64_t count) const noexcept {
    return {first + part(count, rank_), first + part(count, rank_ + 1)};
  }
  /// Sizes of every rank's share of `count` items (as share()).
  std::vector<std::uint64_t> share_counts(std::uint64_t count) const;

 private:
  Comm(int rank, int size) : rank_(rank), size_(size) {}
  std::uint64_t part(std::uint64_t count, int r) const noexcept {
    return static_cast<std::uint64_t>((static_cast<ShareWide>(count) * static_cast<unsigned>(r)) /
                                      static_cast<unsigned>(size_));
  }
  void gather_bytes(void* data, std::size_t elem, std::span<const std::uint64_t> counts) const;
  friend class Environment;
  int rank_ = 0;
  int size_ = 1;
};

/// RAII MPI_Init_thread(MPI_THREAD_FUNNELED) / MPI_Finalize.
///
/// Initializes MPI only when this build has MPI and the process was launched by an MPI launcher
/// (mpirun / mpiexec / srun set OMPI_COMM_WORLD_SIZE, PMIX_RANK, PMI_RANK or PMI_SIZE), so a plain
/// `peerscout run job.toml` never touches MPI. PEERSCOUT_MPI=0 in the environment disables it,
/// PEERSCOUT_MPI=1 forces it (a singleton MPI run). Only one Environment may exist at a time.
class Environment {
 public:
  Environment(int& argc, char**& argv);
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;
  /// True when this object initialized MPI (Comm::world() is then MPI_COMM_WORLD).
  bool active() const noexcept { return active_; }
  /// Returns `exit_code`; a non-zero code in a run of several ranks first calls MPI_Abort, so
  /// that a rank that failed alone does not leave the others waiting in a collective.
  int finish(int exit_code) const;

 private:
  bool active_ = false;
};

}  // namespace peerscout::mpi
