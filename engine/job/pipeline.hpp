#pragma once
/// The pipeline behind `peerscout analyze` / `peerscout run`:
///   (demo generation) -> ingest -> build layers -> trust -> analyses -> shortlist -> HDF5.
/// Progress lines and the run summary go to `log` (stderr in the CLI); the top recommenders to
/// `out` (stdout). Outputs are written atomically: a failed or cancelled run leaves no file under
/// the requested names.
#include <atomic>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "engine/job/job_spec.hpp"
#include "engine/layered_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::job {

struct RunResult {
  std::filesystem::path results;    ///< the HDF5 file
  std::filesystem::path shortlist;  ///< shortlist.csv
  VertexId vertices = 0;
  std::vector<StageRecord> stages;
  std::uint64_t peak_rss_bytes = 0;
  double wall_seconds = 0.0;
};

/// Runs the job. `cancel` (may be null) is polled at safe points (SIGINT/SIGTERM).
RunResult run_job(const JobSpec& spec, std::ostream& out, std::ostream& log, const std::atomic<bool>* cancel = nullptr);

/// Loads the inputs of `spec` and builds its layers (ingest + build + trust, or a graph snapshot):
/// the first half of run_job, also used by `import`, tests and benchmarks.
LayeredGraph load_layers(const JobSpec& spec, RunContext& ctx, std::ostream* log = nullptr);

/// `peerscout import`: loads the inputs (like run_job) and writes a graph snapshot to spec.out
/// (io/hdf5/snapshot.hpp) that `analyze --graph` loads without parsing text.
void run_import(const JobSpec& spec, std::ostream& log, const std::atomic<bool>* cancel = nullptr);

}  // namespace peerscout::job
