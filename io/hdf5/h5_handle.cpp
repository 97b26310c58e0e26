#include "io/hdf5/h5_handle.hpp"

namespace peerscout::io::h5 {

H5Handle utf8_vlen_string_type() {
  H5Handle t = type_handle(H5Tcopy(H5T_C_S1), "copy the C string type");
  check(H5Tset_size(t.get(), kVariable), "make the string type variable-length");
  check(H5Tset_cset(t.get(), H5T_CSET_UTF8), "set the string type's character set to UTF-8");
  check(H5Tset_strpad(t.get(), H5T_STR_NULLTERM), "make the string type NUL-terminated");
  return t;
}

}  // namespace peerscout::io::h5
