# All third-party packages come from Debian 12 (scripts/install-deps installs them).
macro(_ps_require pkg debian)
  if(NOT ${pkg}_FOUND)
    message(FATAL_ERROR "peerscout: ${pkg} not found. Install the Debian package '${debian}' "
                        "(scripts/install-deps does this for you).")
  endif()
endmacro()

find_package(OpenMP REQUIRED)
find_package(igraph 0.10 CONFIG QUIET)
_ps_require(igraph libigraph-dev)
find_package(HDF5 COMPONENTS C QUIET)
_ps_require(HDF5 libhdf5-dev)
find_package(Boost 1.74 QUIET)
_ps_require(Boost libboost-graph-dev)
find_package(ZLIB QUIET)
_ps_require(ZLIB zlib1g-dev)
find_package(fmt CONFIG QUIET)
_ps_require(fmt libfmt-dev)
find_package(CLI11 CONFIG QUIET)
_ps_require(CLI11 libcli11-dev)
find_package(tomlplusplus CONFIG QUIET)
_ps_require(tomlplusplus libtomlplusplus-dev)
if(PEERSCOUT_BUILD_TESTS)
  find_package(Catch2 2 CONFIG QUIET)
  _ps_require(Catch2 catch2)
endif()

# Optional MPI scale-out (docs/hpc.md): Open MPI from Debian (openmpi-bin libopenmpi-dev). On by
# default when found, except under sanitizers (Open MPI's own allocations trip LeakSanitizer).
# Results are written with the serial HDF5 library by rank 0 only: Debian's serial and Open MPI
# builds of HDF5 (libhdf5-dev vs libhdf5-openmpi-dev) cannot be installed side by side.
find_package(MPI COMPONENTS CXX QUIET)
set(_ps_mpi_default OFF)
if(MPI_CXX_FOUND AND NOT PEERSCOUT_SANITIZE)
  set(_ps_mpi_default ON)
endif()
option(PEERSCOUT_MPI "Build with MPI (Open MPI): distributed sampling analyses under mpirun" ${_ps_mpi_default})
if(PEERSCOUT_MPI)
  if(NOT MPI_CXX_FOUND)
    message(FATAL_ERROR "peerscout: PEERSCOUT_MPI=ON but MPI was not found. Install the Debian packages "
                        "'openmpi-bin libopenmpi-dev' (scripts/install-deps does this for you).")
  endif()
  message(STATUS "peerscout: MPI enabled (MPI ${MPI_CXX_VERSION})")
else()
  message(STATUS "peerscout: MPI disabled (PEERSCOUT_MPI=OFF)")
endif()
