#pragma once
/// HDF5 error handling for io/hdf5 (internal header: only io/hdf5/*.cpp include it).
///
/// HDF5 reports failures through a per-library error stack and, by default, prints that stack to
/// stderr. peerscout never lets a library print: silence_hdf5() turns the automatic printing off
/// (H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr)), and every failing call is turned into an
/// H5Failure whose message is the call plus the reasons collected from the error stack
/// (outermost API function and innermost cause, e.g.
/// "H5Fcreate(): unable to create file [cause: unable to open file: name = 'x.h5', errno = 2, ...]").
///
/// H5Failure is internal: the public functions (results_writer.hpp, results_reader.hpp) catch it
/// and rethrow OutputError (writing) or InputError (reading) naming the file.
///
/// Thread safety: the Debian HDF5 build is not thread-safe; call HDF5 (and these helpers) from one
/// thread only.
#include <hdf5.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#if !H5_VERSION_GE(1, 10, 3)
#error "peerscout needs HDF5 >= 1.10.3 (H5Ovisit2, H5Oget_info2)"
#endif

namespace peerscout::io::h5 {

// HDF5 spells these as C casts, which the project's -Wold-style-cast flags at every use.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
inline constexpr hid_t kAll = H5S_ALL;                  ///< whole dataspace selection
inline constexpr std::size_t kVariable = H5T_VARIABLE;  ///< variable-length string size
#pragma GCC diagnostic pop

/// An HDF5 call failed; what() = "<what>: <reason from the error stack>".
struct H5Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Turns off HDF5's automatic error printing for the default error stack. Cheap; called at the
/// start of every public io/hdf5 entry point (so nothing prints even if another component turned
/// printing back on).
void silence_hdf5();

/// The current error stack as one line (empty when the stack is empty). Clears the stack.
std::string describe_error_stack();

/// Throws H5Failure("<what>: <error stack>").
[[noreturn]] void throw_failure(std::string_view what);

/// Returns `status` when it is >= 0, otherwise throws H5Failure naming `what`.
inline herr_t check(herr_t status, std::string_view what) {
  if (status < 0) throw_failure(what);
  return status;
}

/// Same for calls returning sizes, counts or tri-state booleans (htri_t, ssize_t, int).
template <class T>
T check_value(T value, std::string_view what) {
  if (value < 0) throw_failure(what);
  return value;
}

}  // namespace peerscout::io::h5
