#pragma once
/// What an algorithm may do besides computing: report progress, honour cancellation, and time its
/// named phases for the run summary (architecture.md C11). Algorithms never print.
///
/// Call report(), check_cancelled() and phase() from the thread that called the algorithm (outside
/// parallel regions): RunContext is not thread-safe.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/mpi.hpp"

namespace peerscout {

/// One timed phase, as written to /run/stages.
struct StageRecord {
  std::string name;
  double seconds = 0.0;
  std::uint64_t peak_rss_bytes = 0;  ///< process peak RSS when the phase ended
  int depth = 0;                     ///< 0 for a top-level phase, 1 for a phase inside it, ...
};

class RunContext;

/// RAII timer: records a StageRecord in its RunContext when destroyed.
class ScopedPhase {
 public:
  ScopedPhase(RunContext* ctx, std::string name);
  ~ScopedPhase();
  ScopedPhase(ScopedPhase&& other) noexcept;
  ScopedPhase(const ScopedPhase&) = delete;
  ScopedPhase& operator=(const ScopedPhase&) = delete;
  ScopedPhase& operator=(ScopedPhase&&) = delete;
  /// Seconds since the phase started.
  double elapsed() const;

 private:
  RunContext* ctx_;
  std::string name_;
  std::chrono::steady_clock::time_point start_;
  int depth_ = 0;
};

class RunContext {
 public:
  using ProgressFn = std::function<void(std::string_view stage, double fraction)>;

  RunContext() = default;
  /// A shared context with no progress sink that is never cancelled (default argument).
  /// Phases recorded into it are discarded.
  static RunContext& none();

  void set_progress(ProgressFn f) { progress_ = std::move(f); }
  void set_cancel_flag(const std::atomic<bool>* flag) { cancel_ = flag; }
  /// The communicator the sampling-heavy algorithms split their work over (engine/mpi.hpp).
  /// Default (and RunContext::none()): mpi::Comm::serial(). `comm` must outlive the context.
  void set_comm(const mpi::Comm& comm) { comm_ = &comm; }
  const mpi::Comm& comm() const noexcept { return comm_ != nullptr ? *comm_ : mpi::Comm::serial(); }

  void report(std::string_view stage, double fraction) const {
    if (progress_) progress_(stage, fraction);
  }
  bool cancelled() const noexcept { return cancel_ != nullptr && cancel_->load(std::memory_order_relaxed); }
  /// Throws Cancelled when the cancel flag is set.
  void check_cancelled() const;

  [[nodiscard]] ScopedPhase phase(std::string name) { return ScopedPhase(this, std::move(name)); }
  void record(StageRecord r);
  const std::vector<StageRecord>& stages() const noexcept { return stages_; }

 private:
  friend class ScopedPhase;
  int open_phases_ = 0;
  ProgressFn progress_;
  const std::atomic<bool>* cancel_ = nullptr;
  const mpi::Comm* comm_ = nullptr;
  std::vector<StageRecord> stages_;
  bool discard_ = false;
};

}  // namespace peerscout
