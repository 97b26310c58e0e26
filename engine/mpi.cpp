#include "engine/mpi.hpp"

#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>

#include "engine/error.hpp"

#ifdef PEERSCOUT_WITH_MPI
#include <mpi.h>
#endif

namespace peerscout::mpi {

namespace {

Comm* g_world = nullptr;  // set while an Environment is active

[[maybe_unused]] int checked_count(std::uint64_t n, const char* what) {
  if (n > static_cast<std::uint64_t>(INT_MAX))
    throw InvalidArgument(std::string("mpi: ") + what + " of " + std::to_string(n) +
                          " elements exceeds the 2^31 - 1 limit of one MPI call");
  return static_cast<int>(n);
}

#ifdef PEERSCOUT_WITH_MPI
void check(int rc, const char* call) {
  if (rc != MPI_SUCCESS) {
    char msg[MPI_MAX_ERROR_STRING];
    int len = 0;
    MPI_Error_string(rc, msg, &len);
    throw Error(std::string("mpi: ") + call + " failed: " + std::string(msg, static_cast<std::size_t>(len)));
  }
}

template <class T>
void allreduce(std::span<T> v, MPI_Datatype type, MPI_Op op) {
  if (v.empty()) return;
  check(MPI_Allreduce(MPI_IN_PLACE, v.data(), checked_count(v.size(), "allreduce"), type, op, MPI_COMM_WORLD),
        "MPI_Allreduce");
}

bool launched_by_mpi() {
  if (const char* force = std::getenv("PEERSCOUT_MPI")) {
    if (std::strcmp(force, "0") == 0) return false;
    if (std::strcmp(force, "1") == 0) return true;
  }
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(var) != nullptr) return true;
  return false;
}
#endif

}  // namespace

bool built_with_mpi() noexcept {
#ifdef PEERSCOUT_WITH_MPI
  return true;
#else
  return false;
#endif
}

const Comm& Comm::serial() noexcept {
  static const Comm c(0, 1);
  return c;
}

const Comm& Comm::world() noexcept { return g_world != nullptr ? *g_world : serial(); }

std::vector<std::uint64_t> Comm::share_counts(std::uint64_t count) const {
  std::vector<std::uint64_t> c(static_cast<std::size_t>(size_));
  for (int r = 0; r < size_; ++r) c[static_cast<std::size_t>(r)] = part(count, r + 1) - part(count, r);
  return c;
}

#ifdef PEERSCOUT_WITH_MPI

void Comm::barrier() const {
  if (size_ > 1) check(MPI_Barrier(MPI_COMM_WORLD), "MPI_Barrier");
}
void Comm::allreduce_sum(std::span<std::uint32_t> v) const {
  if (size_ > 1) allreduce(v, MPI_UINT32_T, MPI_SUM);
}
void Comm::allreduce_sum(std::span<std::uint64_t> v) const {
  if (size_ > 1) allreduce(v, MPI_UINT64_T, MPI_SUM);
}
void Comm::allreduce_sum(std::span<double> v) const {
  if (size_ == 1 || v.empty()) return;
  // Rank-order sum: identical on every rank whatever the MPI library's reduction tree.
  const auto all = allgatherv(std::span<const double>(v.data(), v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) {
    double s = all[i];
    for (int r = 1; r < size_; ++r) s += all[static_cast<std::size_t>(r) * v.size() + i];
    v[i] = s;
  }
}
void Comm::allreduce_max(std::span<std::uint64_t> v) const {
  if (size_ > 1) allreduce(v, MPI_UINT64_T, MPI_MAX);
}
void Comm::allreduce_max(std::span<double> v) const {
  if (size_ > 1) allreduce(v, MPI_DOUBLE, MPI_MAX);  // max is exact and order-free
}
void Comm::allreduce_min(std::span<std::uint64_t> v) const {
  if (size_ > 1) allreduce(v, MPI_UINT64_T, MPI_MIN);
}
void Comm::allreduce_min(std::span<double> v) const {
  if (size_ > 1) allreduce(v, MPI_DOUBLE, MPI_MIN);
}

void Comm::gather_bytes(void* data, std::size_t elem, std::span<const std::uint64_t> counts) const {
  PS_ASSERT(counts.size() == static_cast<std::size_t>(size_), "allgatherv needs one count per rank");
  MPI_Datatype type;
  check(MPI_Type_contiguous(checked_count(elem, "element size"), MPI_BYTE, &type), "MPI_Type_contiguous");
  check(MPI_Type_commit(&type), "MPI_Type_commit");
  std::vector<int> cnt(counts.size()), displ(counts.size());
  std::uint64_t offset = 0;
  for (std::size_t r = 0; r < counts.size(); ++r) {
    cnt[r] = checked_count(counts[r], "allgatherv share");
    displ[r] = checked_count(offset, "allgatherv displacement");
    offset += counts[r];
  }
  const int rc = MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, data, cnt.data(), displ.data(), type, MPI_COMM_WORLD);
  MPI_Type_free(&type);
  check(rc, "MPI_Allgatherv");
}

void Comm::broadcast(std::span<std::byte> bytes, int root) const {
  if (size_ == 1 || bytes.empty()) return;
  check(MPI_Bcast(bytes.data(), checked_count(bytes.size(), "broadcast"), MPI_BYTE, root, MPI_COMM_WORLD), "MPI_Bcast");
}

Environment::Environment(int& argc, char**& argv) {
  PS_ASSERT(g_world == nullptr, "only one mpi::Environment may exist");
  if (!launched_by_mpi()) return;
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (initialized != 0) return;  // someone else owns MPI
  int provided = 0;
  check(MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  if (provided < MPI_THREAD_FUNNELED) {
    MPI_Finalize();
    throw Error("mpi: the MPI library does not provide MPI_THREAD_FUNNELED");
  }
  // Errors come back as return codes (turned into exceptions by check()), not aborts.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  g_world = new Comm(rank, size);
  active_ = true;
}

int Environment::finish(int exit_code) const {
  if (active_ && exit_code != 0 && g_world != nullptr && g_world->size() > 1) MPI_Abort(MPI_COMM_WORLD, exit_code);
  return exit_code;
}

Environment::~Environment() {
  if (!active_) return;
  delete g_world;
  g_world = nullptr;
  MPI_Finalize();
}

#else  // serial build: every collective is a no-op on the size-1 communicator

void Comm::barrier() const {}
void Comm::allreduce_sum(std::span<std::uint32_t>) const {}
void Comm::allreduce_sum(std::span<std::uint64_t>) const {}
void Comm::allreduce_sum(std::span<double>) const {}
void Comm::allreduce_max(std::span<std::uint64_t>) const {}
void Comm::allreduce_max(std::span<double>) const {}
void Comm::allreduce_min(std::span<std::uint64_t>) const {}
void Comm::allreduce_min(std::span<double>) const {}
void Comm::gather_bytes(void*, std::size_t, std::span<const std::uint64_t>) const {}
void Comm::broadcast(std::span<std::byte>, int) const {}
Environment::Environment(int&, char**&) {}
Environment::~Environment() = default;
int Environment::finish(int exit_code) const { return exit_code; }

#endif

std::uint64_t Comm::sum(std::uint64_t x) const {
  allreduce_sum(std::span<std::uint64_t>(&x, 1));
  return x;
}
std::uint64_t Comm::max(std::uint64_t x) const {
  allreduce_max(std::span<std::uint64_t>(&x, 1));
  return x;
}
bool Comm::any(bool x) const { return max(x ? 1U : 0U) != 0; }

}  // namespace peerscout::mpi
