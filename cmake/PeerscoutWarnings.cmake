# INTERFACE target carrying the project's warning flags; every peerscout target links it PRIVATE.
add_library(peerscout_warnings INTERFACE)
target_compile_options(peerscout_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wdouble-promotion -Wimplicit-fallthrough
  -Wno-restrict)  # GCC 12 false positives in std::string (GCC bug 105329)
option(PEERSCOUT_WERROR "Treat warnings as errors" OFF)
if(PEERSCOUT_WERROR)
  target_compile_options(peerscout_warnings INTERFACE -Werror)
endif()
