#pragma once
/// RAII over HDF5 identifiers (internal header: only io/hdf5/*.cpp include it).
///
/// An H5Handle owns one hid_t (file, group, dataset, dataspace, datatype, property list,
/// attribute or generic object) and closes it with the matching H5?close function when destroyed.
/// Construction from a negative id (the HDF5 failure value) throws H5Failure with the error stack,
/// so every creating call reads `H5Handle f(H5Fcreate(...), H5Fclose, "create file 'x'")`.
///
/// The destructor ignores close errors (it may run during stack unwinding); close() reports them,
/// which matters for files: H5Fclose flushes, and a full disk shows up there.
#include <string>
#include <string_view>
#include <utility>

#include "io/hdf5/h5_error.hpp"

namespace peerscout::io::h5 {

class H5Handle {
 public:
  using Closer = herr_t (*)(hid_t);

  H5Handle() noexcept = default;
  /// Takes ownership of `id`; throws H5Failure("<what>: <stack>") when id < 0.
  H5Handle(hid_t id, Closer closer, std::string_view what) : id_(id), close_(closer) {
    if (id_ < 0) {
      id_ = H5I_INVALID_HID;
      throw_failure(what);
    }
  }
  ~H5Handle() { reset(); }
  H5Handle(H5Handle&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)), close_(o.close_) {}
  H5Handle& operator=(H5Handle&& o) noexcept {
    if (this != &o) {
      reset();
      id_ = std::exchange(o.id_, H5I_INVALID_HID);
      close_ = o.close_;
    }
    return *this;
  }
  H5Handle(const H5Handle&) = delete;
  H5Handle& operator=(const H5Handle&) = delete;

  hid_t get() const noexcept { return id_; }
  bool valid() const noexcept { return id_ >= 0; }

  /// Closes now and reports failure as H5Failure naming `what`.
  void close(std::string_view what) {
    if (id_ < 0) return;
    const hid_t id = std::exchange(id_, H5I_INVALID_HID);
    check(close_(id), what);
  }

 private:
  void reset() noexcept {
    if (id_ >= 0 && close_ != nullptr) close_(id_);
    id_ = H5I_INVALID_HID;
  }

  hid_t id_ = H5I_INVALID_HID;
  Closer close_ = nullptr;
};

// Typed constructors, so call sites cannot pair an id with the wrong close function.
inline H5Handle file_handle(hid_t id, std::string_view what) { return {id, H5Fclose, what}; }
inline H5Handle group_handle(hid_t id, std::string_view what) { return {id, H5Gclose, what}; }
inline H5Handle dataset_handle(hid_t id, std::string_view what) { return {id, H5Dclose, what}; }
inline H5Handle space_handle(hid_t id, std::string_view what) { return {id, H5Sclose, what}; }
inline H5Handle type_handle(hid_t id, std::string_view what) { return {id, H5Tclose, what}; }
inline H5Handle plist_handle(hid_t id, std::string_view what) { return {id, H5Pclose, what}; }
inline H5Handle attribute_handle(hid_t id, std::string_view what) { return {id, H5Aclose, what}; }
inline H5Handle object_handle(hid_t id, std::string_view what) { return {id, H5Oclose, what}; }

/// A new variable-length, NUL-terminated UTF-8 string type (memory and file type alike).
H5Handle utf8_vlen_string_type();

}  // namespace peerscout::io::h5
