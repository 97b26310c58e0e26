// peerscout: the only place that turns exceptions into exit codes (docs/cli.md):
//   0 success, 1 internal error, 2 invalid argument, 3 bad input, 4 cannot write output,
//   130 cancelled (SIGINT/SIGTERM: the run stops at the next safe point; no results file is written,
//       the completed analysis stages go to the checkpoint file for --resume).
#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "engine/cli/commands.hpp"
#include "engine/error.hpp"
#include "engine/igraph_bridge.hpp"
#include "engine/mpi.hpp"

namespace {

std::atomic<bool> g_cancel{false};

extern "C" void on_signal(int sig) {
  g_cancel.store(true);
  std::signal(sig, SIG_DFL);  // a second signal ends the process at once
}

int run_main(int argc, char** argv) {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  peerscout::ig::install_handlers();
  std::vector<std::string> args(argv, argv + argc);
  try {
    return peerscout::cli::run(args, &g_cancel);
  } catch (const peerscout::InvalidArgument& e) {
    std::cerr << "peerscout: error: " << e.what() << '\n';
    return 2;
  } catch (const peerscout::InputError& e) {
    std::cerr << "peerscout: error: " << e.what() << '\n';
    return 3;
  } catch (const peerscout::OutputError& e) {
    std::cerr << "peerscout: error: " << e.what() << '\n';
    return 4;
  } catch (const peerscout::Cancelled&) {
    std::cerr << "peerscout: cancelled; the results file was not written\n";
    return 130;
  } catch (const std::bad_alloc&) {
    std::cerr << "peerscout: error: out of memory\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "peerscout: internal error: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  // MPI only under mpirun/srun (docs/hpc.md): finalized when main returns; a failing rank aborts all.
  peerscout::mpi::Environment mpi_env(argc, argv);
  return mpi_env.finish(run_main(argc, argv));
}
