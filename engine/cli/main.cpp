// peerscout: the only place that turns exceptions into exit codes (docs/cli.md).
#include <iostream>

#include "engine/error.hpp"

int main(int, char**) {
  std::cerr << "peerscout: not yet implemented\n";
  return 1;
}
