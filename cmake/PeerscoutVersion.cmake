# Version and git revision, baked into the binary for the provenance written to every results file.
find_package(Git QUIET)
set(PEERSCOUT_GIT_SHA "unknown")
if(GIT_FOUND AND EXISTS "${PROJECT_SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse --short=12 HEAD
                  WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}" OUTPUT_VARIABLE _sha
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _rc)
  if(_rc EQUAL 0 AND _sha)
    set(PEERSCOUT_GIT_SHA "${_sha}")
  endif()
endif()
configure_file("${PROJECT_SOURCE_DIR}/engine/version.hpp.in" "${PROJECT_BINARY_DIR}/generated/engine/version.hpp" @ONLY)
