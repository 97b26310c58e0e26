#pragma once
// Helpers of the MPI tests: run an algorithm once serially (RunContext with the serial
// communicator) and once distributed over MPI_COMM_WORLD, on every rank, and compare bit patterns.
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "engine/mpi.hpp"
#include "engine/run_context.hpp"

namespace peerscout::test {

/// Runs f(ctx) with a context whose communicator is `comm`.
template <class F>
auto run_on(const mpi::Comm& comm, F&& f) {
  RunContext ctx;
  ctx.set_comm(comm);
  return f(ctx);
}

/// The (serial, distributed) results of f(ctx).
template <class F>
auto serial_and_distributed(F&& f) {
  auto serial = run_on(mpi::Comm::serial(), f);
  auto distributed = run_on(mpi::Comm::world(), f);
  return std::make_pair(std::move(serial), std::move(distributed));
}

/// Bitwise equality of double vectors (distinguishes -0.0 and NaN payloads, unlike ==).
inline bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}
inline bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof(double)) == 0; }

}  // namespace peerscout::test
