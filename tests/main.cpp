// Test runner: installs igraph's non-aborting error handler before any test runs.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "engine/igraph_bridge.hpp"

int main(int argc, char* argv[]) {
  peerscout::ig::install_handlers();
  return Catch::Session().run(argc, argv);
}
