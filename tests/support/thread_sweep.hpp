#pragma once
// with_threads(k, f): run f with k OpenMP threads, then restore the previous setting.
#include <utility>

#include "engine/parallel.hpp"

namespace peerscout::test {

template <class F>
auto with_threads(int threads, F&& f) {
  ThreadScope scope(threads);
  return std::forward<F>(f)();
}

}  // namespace peerscout::test
