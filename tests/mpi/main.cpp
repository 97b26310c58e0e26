// Runner of peerscout_mpi_tests: initializes MPI (the tests are meant to run under
// `mpirun -np N`; a plain run is a 1-rank world and still checks the serial hooks).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "engine/mpi.hpp"

int main(int argc, char* argv[]) {
  peerscout::mpi::Environment env(argc, argv);
  return Catch::Session().run(argc, argv);
}
