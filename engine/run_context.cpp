#include "engine/run_context.hpp"

#include "engine/error.hpp"
#include "engine/memory.hpp"

namespace peerscout {

ScopedPhase::ScopedPhase(RunContext* ctx, std::string name)
    : ctx_(ctx), name_(std::move(name)), start_(std::chrono::steady_clock::now()), depth_(ctx->open_phases_++) {}

ScopedPhase::ScopedPhase(ScopedPhase&& other) noexcept
    : ctx_(other.ctx_), name_(std::move(other.name_)), start_(other.start_), depth_(other.depth_) {
  other.ctx_ = nullptr;
}

double ScopedPhase::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

ScopedPhase::~ScopedPhase() {
  if (ctx_ != nullptr) {
    --ctx_->open_phases_;
    ctx_->record({std::move(name_), elapsed(), peak_rss_bytes(), depth_});
  }
}

RunContext& RunContext::none() {
  thread_local RunContext ctx = [] {
    RunContext c;
    c.discard_ = true;
    return c;
  }();
  return ctx;
}

void RunContext::check_cancelled() const {
  if (cancelled()) throw Cancelled();
}

void RunContext::record(StageRecord r) {
  if (!discard_) stages_.push_back(std::move(r));
}

}  // namespace peerscout
