// Reading HDF5 results files back (tests, `peerscout info`, resume support).
#include "io/hdf5/results_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <system_error>
#include <variant>

#include "engine/error.hpp"
#include "io/hdf5/h5_error.hpp"
#include "io/hdf5/h5_handle.hpp"

namespace peerscout::io {

namespace {

using h5::check;
using h5::check_value;
using h5::H5Handle;
namespace fs = std::filesystem;

// Strings are read in blocks of this many elements: temporary memory O(block), not O(n).
constexpr hsize_t kStringBlockElements = hsize_t{1} << 20;

[[noreturn]] void input_error(const fs::path& file, const std::string& message) {
  throw InputError(file.string(), 0, message);
}

/// Runs `body` with HDF5 silenced; turns HDF5 failures into InputError naming `file`.
template <class F>
auto guarded(const fs::path& file, F&& body) {
  h5::silence_hdf5();
  try {
    return body();
  } catch (const h5::H5Failure& e) {
    input_error(file, e.what());
  }
}

H5Handle open_file(const fs::path& file) {
  std::error_code ec;
  const auto status = fs::status(file, ec);
  if (!fs::exists(status)) input_error(file, "no such file");
  if (fs::is_directory(status)) input_error(file, "is a directory, not an HDF5 file");
  const htri_t is_hdf5 = H5Fis_hdf5(file.c_str());
  if (is_hdf5 == 0) input_error(file, "not an HDF5 file");
  if (is_hdf5 < 0) input_error(file, "cannot open: " + h5::describe_error_stack());
  H5Handle fapl = h5::plist_handle(H5Pcreate(H5P_FILE_ACCESS), "create a file access property list");
  check(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG), "set the file close degree");
  return h5::file_handle(H5Fopen(file.c_str(), H5F_ACC_RDONLY, fapl.get()), "open the file");
}

/// Opens the object at the absolute `path` ("/" = root), or throws InputError naming it.
H5Handle open_object(hid_t file_id, const fs::path& file, const std::string& path, H5O_type_t* type) {
  if (path.empty() || path.front() != '/') input_error(file, "object path '" + path + "' must start with '/'");
  if (path != "/") {
    // H5Lexists fails (rather than answering "no") when a parent is missing: check each prefix.
    std::size_t pos = 0;
    do {
      pos = path.find('/', pos + 1);
      const std::string prefix = path.substr(0, pos);
      if (prefix.back() == '/') input_error(file, "object path '" + path + "' has an empty component");
      const htri_t exists = H5Lexists(file_id, prefix.c_str(), H5P_DEFAULT);
      h5::describe_error_stack();  // clear: a negative answer here is reported as "no object"
      if (exists <= 0) input_error(file, "no object '" + path + "'");
    } while (pos != std::string::npos);
  }
  H5Handle object = h5::object_handle(H5Oopen(file_id, path.c_str(), H5P_DEFAULT), "open '" + path + "'");
  H5O_info_t info;
  check(H5Oget_info2(object.get(), &info, H5O_INFO_BASIC), "inspect '" + path + "'");
  *type = info.type;
  return object;
}

std::string describe_type(hid_t type) {
  const H5T_class_t cls = H5Tget_class(type);
  const std::size_t size = H5Tget_size(type);
  switch (cls) {
    case H5T_FLOAT:
      return "float" + std::to_string(8 * size);
    case H5T_INTEGER:
      return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(8 * size);
    case H5T_STRING:
      if (H5Tis_variable_str(type) > 0) return "string";
      return "string(fixed " + std::to_string(size) + ")";
    case H5T_ENUM:
      return "enum";
    case H5T_COMPOUND:
      return "compound";
    case H5T_ARRAY:
      return "array";
    case H5T_VLEN:
      return "vlen";
    case H5T_REFERENCE:
      return "reference";
    case H5T_OPAQUE:
      return "opaque";
    case H5T_BITFIELD:
      return "bitfield";
    case H5T_TIME:
      return "time";
    default:
      return "unknown type";
  }
}

bool is_uint64(hid_t type) {
  return H5Tget_class(type) == H5T_INTEGER && H5Tget_sign(type) == H5T_SGN_NONE && H5Tget_size(type) >= 8;
}

/// Fixed-length string of `size` bytes -> its text without padding.
std::string_view trim_fixed(const char* p, std::size_t size, H5T_str_t pad) {
  std::string_view s(p, size);
  if (pad == H5T_STR_SPACEPAD) {
    const std::size_t end = s.find_last_not_of(' ');
    return end == std::string_view::npos ? std::string_view{} : s.substr(0, end + 1);
  }
  const std::size_t nul = s.find('\0');
  return nul == std::string_view::npos ? s : s.substr(0, nul);
}

/// Frees HDF5's per-element allocations of a variable-length read, also during unwinding.
class VlenReclaim {
 public:
  VlenReclaim(hid_t type, hid_t space, void* buffer) : type_(type), space_(space), buffer_(buffer) {}
  ~VlenReclaim() {
#if H5_VERSION_GE(1, 12, 0)
    H5Treclaim(type_, space_, H5P_DEFAULT, buffer_);
#else
    H5Dvlen_reclaim(type_, space_, H5P_DEFAULT, buffer_);  // declared but not exported as H5Treclaim in 1.10
#endif
  }
  VlenReclaim(const VlenReclaim&) = delete;
  VlenReclaim& operator=(const VlenReclaim&) = delete;

 private:
  hid_t type_, space_;
  void* buffer_;
};

StringColumn read_strings(hid_t dataset, hid_t file_type, hsize_t n, const std::string& what) {
  StringColumn column;
  if (n == 0) return column;
  H5Handle mem_type = h5::type_handle(H5Tget_native_type(file_type, H5T_DIR_ASCEND), what);
  const bool variable = check_value(H5Tis_variable_str(file_type), what) > 0;
  const std::size_t fixed_size = H5Tget_size(file_type);
  const H5T_str_t pad = H5Tget_strpad(file_type);
  H5Handle file_space = h5::space_handle(H5Dget_space(dataset), what);
  const hsize_t block = std::min(n, kStringBlockElements);
  std::vector<char*> pointers(variable ? block : 0);
  std::vector<char> fixed(variable ? 0 : block * fixed_size);
  for (hsize_t start = 0; start < n; start += block) {
    const hsize_t count = std::min(block, n - start);
    H5Handle mem_space = h5::space_handle(H5Screate_simple(1, &count, nullptr), what);
    check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &start, nullptr, &count, nullptr), what);
    if (variable) {
      check(H5Dread(dataset, mem_type.get(), mem_space.get(), file_space.get(), H5P_DEFAULT, pointers.data()), what);
      VlenReclaim reclaim(mem_type.get(), mem_space.get(), pointers.data());
      for (hsize_t i = 0; i < count; ++i) column.push_back(pointers[i] ? std::string_view(pointers[i]) : std::string_view{});
    } else {
      check(H5Dread(dataset, mem_type.get(), mem_space.get(), file_space.get(), H5P_DEFAULT, fixed.data()), what);
      for (hsize_t i = 0; i < count; ++i) column.push_back(trim_fixed(fixed.data() + i * fixed_size, fixed_size, pad));
    }
  }
  return column;
}

ColumnData read_dataset(hid_t file_id, const fs::path& file, const std::string& path) {
  H5O_type_t type{};
  H5Handle object = open_object(file_id, file, path, &type);
  if (type != H5O_TYPE_DATASET) input_error(file, "'" + path + "' is a group, expected a dataset");
  const std::string what = "read dataset '" + path + "'";
  H5Handle dataset = h5::dataset_handle(H5Dopen2(file_id, path.c_str(), H5P_DEFAULT), what);
  H5Handle space = h5::space_handle(H5Dget_space(dataset.get()), what);
  const int rank = check_value(H5Sget_simple_extent_ndims(space.get()), what);
  if (rank != 1)
    input_error(file, "dataset '" + path + "' has " + std::to_string(rank) + " dimensions, expected 1");
  hsize_t n = 0;
  check_value(H5Sget_simple_extent_dims(space.get(), &n, nullptr), what);
  H5Handle file_type = h5::type_handle(H5Dget_type(dataset.get()), what);

  switch (H5Tget_class(file_type.get())) {
    case H5T_FLOAT: {
      std::vector<double> values(n);
      if (n > 0) check(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, h5::kAll, h5::kAll, H5P_DEFAULT, values.data()), what);
      return values;
    }
    case H5T_INTEGER: {
      std::vector<std::int64_t> values(n);
      if (n == 0) return values;
      // Unsigned 64-bit values are read as such and rejected when they do not fit an int64
      // (HDF5's own conversion would clip them silently).
      const bool unsigned64 = is_uint64(file_type.get());
      check(H5Dread(dataset.get(), unsigned64 ? H5T_NATIVE_UINT64 : H5T_NATIVE_INT64, h5::kAll, h5::kAll, H5P_DEFAULT,
                    values.data()),
            what);
      if (unsigned64) {
        const auto bad = std::find_if(values.begin(), values.end(), [](std::int64_t v) { return v < 0; });
        if (bad != values.end())
          input_error(file, "dataset '" + path + "' row " + std::to_string(bad - values.begin()) +
                                ": value does not fit a signed 64-bit integer");
      }
      return values;
    }
    case H5T_STRING:
      return read_strings(dataset.get(), file_type.get(), n, what);
    default:
      input_error(file, "dataset '" + path + "' has type " + describe_type(file_type.get()) +
                            ", expected float, integer or string");
  }
}

// ---------------------------------------------------------------------------------------------
// Attributes

struct RawAttribute {
  std::string name;
  std::optional<AttributeValue> value;  ///< empty: unsupported type or shape
  std::string dtype;                    ///< describe_type (+ shape when not scalar)
};

herr_t collect_attribute_name(hid_t, const char* name, const H5A_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

std::optional<AttributeValue> read_attribute_value(hid_t attr, hid_t type, const std::string& what) {
  switch (H5Tget_class(type)) {
    case H5T_INTEGER: {
      std::int64_t v = 0;
      const bool unsigned64 = is_uint64(type);
      check(H5Aread(attr, unsigned64 ? H5T_NATIVE_UINT64 : H5T_NATIVE_INT64, &v), what);
      if (unsigned64 && v < 0) return std::nullopt;
      return v;
    }
    case H5T_FLOAT: {
      double v = 0;
      check(H5Aread(attr, H5T_NATIVE_DOUBLE, &v), what);
      return v;
    }
    case H5T_STRING: {
      H5Handle mem_type = h5::type_handle(H5Tget_native_type(type, H5T_DIR_ASCEND), what);
      if (check_value(H5Tis_variable_str(type), what) > 0) {
        char* p = nullptr;
        check(H5Aread(attr, mem_type.get(), &p), what);
        H5Handle space = h5::space_handle(H5Aget_space(attr), what);
        VlenReclaim reclaim(mem_type.get(), space.get(), &p);
        return std::string(p ? p : "");
      }
      const std::size_t size = H5Tget_size(type);
      std::vector<char> buffer(size);
      check(H5Aread(attr, mem_type.get(), buffer.data()), what);
      return std::string(trim_fixed(buffer.data(), size, H5Tget_strpad(type)));
    }
    default:
      return std::nullopt;
  }
}

std::vector<RawAttribute> read_raw_attributes(hid_t object, H5O_type_t type, const std::string& where) {
  const std::string what = "read the attributes of '" + where + "'";
  // Creation order when the object tracks it (files written by write_results_h5), names otherwise.
  H5_index_t index = H5_INDEX_NAME;
  if (type == H5O_TYPE_GROUP || type == H5O_TYPE_DATASET) {
    H5Handle ocpl = h5::plist_handle(
        type == H5O_TYPE_GROUP ? H5Gget_create_plist(object) : H5Dget_create_plist(object), what);
    unsigned flags = 0;
    check(H5Pget_attr_creation_order(ocpl.get(), &flags), what);
    if ((flags & H5P_CRT_ORDER_INDEXED) != 0) index = H5_INDEX_CRT_ORDER;
  }
  std::vector<std::string> names;
  hsize_t position = 0;
  check(H5Aiterate2(object, index, H5_ITER_INC, &position, collect_attribute_name, &names), what);

  std::vector<RawAttribute> out;
  out.reserve(names.size());
  for (std::string& name : names) {
    const std::string attr_what = "read attribute '" + name + "' of '" + where + "'";
    H5Handle attr = h5::attribute_handle(H5Aopen(object, name.c_str(), H5P_DEFAULT), attr_what);
    H5Handle attr_type = h5::type_handle(H5Aget_type(attr.get()), attr_what);
    H5Handle space = h5::space_handle(H5Aget_space(attr.get()), attr_what);
    RawAttribute raw{std::move(name), std::nullopt, describe_type(attr_type.get())};
    const H5S_class_t space_class = H5Sget_simple_extent_type(space.get());
    const hssize_t points = H5Sget_simple_extent_npoints(space.get());
    if (space_class == H5S_SCALAR || (space_class == H5S_SIMPLE && points == 1)) {
      raw.value = read_attribute_value(attr.get(), attr_type.get(), attr_what);
    } else {
      raw.dtype += space_class == H5S_NULL ? "[null]" : "[" + std::to_string(points) + "]";
    }
    out.push_back(std::move(raw));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Listing

struct ObjectEntry {
  std::string path;
  H5O_type_t type;
};

herr_t collect_object(hid_t, const char* name, const H5O_info_t* info, void* data) {
  if (name[0] == '.' && name[1] == '\0') return 0;  // the root itself
  static_cast<std::vector<ObjectEntry>*>(data)->push_back({"/" + std::string(name), info->type});
  return 0;
}

std::vector<ObjectEntry> list_entries(hid_t file_id) {
  std::vector<ObjectEntry> entries;
  // HDF5 1.10 signature; 1.12 renames this H5Ovisit3 (with H5O_info2_t).
  check(H5Ovisit2(file_id, H5_INDEX_NAME, H5_ITER_INC, collect_object, &entries, H5O_INFO_BASIC),
        "list the objects in the file");
  std::sort(entries.begin(), entries.end(), [](const ObjectEntry& a, const ObjectEntry& b) { return a.path < b.path; });
  return entries;
}

// ---------------------------------------------------------------------------------------------
// describe

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string format_double(double v) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, ec == std::errc{} ? end : buf);
  // Keep the dtype visible: 1.0 prints as "1.0", not "1".
  if (std::isfinite(v) && s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string format_attribute(const RawAttribute& a) {
  if (!a.value) return a.name + "=<" + a.dtype + ">";
  return a.name + "=" + std::visit([](const auto& v) -> std::string {
           using T = std::decay_t<decltype(v)>;
           if constexpr (std::is_same_v<T, std::int64_t>) {
             return std::to_string(v);
           } else if constexpr (std::is_same_v<T, double>) {
             return format_double(v);
           } else {
             return quote(v);
           }
         }, *a.value);
}

std::string format_attributes(const std::vector<RawAttribute>& attributes) {
  std::string out;
  for (const RawAttribute& a : attributes) {
    out += out.empty() ? "; " : ", ";
    out += format_attribute(a);
  }
  return out;
}

/// "float64[5], chunked 5, shuffle+deflate(4)"
std::string describe_dataset(hid_t dataset, const std::string& what) {
  H5Handle type = h5::type_handle(H5Dget_type(dataset), what);
  H5Handle space = h5::space_handle(H5Dget_space(dataset), what);
  const int rank = check_value(H5Sget_simple_extent_ndims(space.get()), what);
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  check_value(H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr), what);
  std::string out = describe_type(type.get()) + "[";
  for (std::size_t i = 0; i < dims.size(); ++i) out += (i ? "x" : "") + std::to_string(dims[i]);
  out += "]";

  H5Handle dcpl = h5::plist_handle(H5Dget_create_plist(dataset), what);
  switch (H5Pget_layout(dcpl.get())) {
    case H5D_CHUNKED: {
      std::vector<hsize_t> chunk(static_cast<std::size_t>(rank));
      check_value(H5Pget_chunk(dcpl.get(), rank, chunk.data()), what);
      out += ", chunked ";
      for (std::size_t i = 0; i < chunk.size(); ++i) out += (i ? "x" : "") + std::to_string(chunk[i]);
      break;
    }
    case H5D_COMPACT: out += ", compact"; break;
    case H5D_VIRTUAL: out += ", virtual"; break;
    default: out += ", contiguous"; break;
  }
  const int filters = check_value(H5Pget_nfilters(dcpl.get()), what);
  std::string filter_text;
  for (int i = 0; i < filters; ++i) {
    unsigned flags = 0;
    std::size_t nvalues = 4;
    unsigned values[4] = {};
    char name[64] = {};
    unsigned config = 0;
    const H5Z_filter_t id =
        H5Pget_filter2(dcpl.get(), static_cast<unsigned>(i), &flags, &nvalues, values, sizeof name, name, &config);
    if (!filter_text.empty()) filter_text += "+";
    if (id == H5Z_FILTER_SHUFFLE) {
      filter_text += "shuffle";
    } else if (id == H5Z_FILTER_DEFLATE) {
      filter_text += "deflate(" + std::to_string(nvalues > 0 ? values[0] : 0) + ")";
    } else if (id == H5Z_FILTER_FLETCHER32) {
      filter_text += "fletcher32";
    } else {
      filter_text += name[0] ? std::string(name) : "filter " + std::to_string(id);
    }
  }
  out += ", " + (filter_text.empty() ? std::string("uncompressed") : filter_text);
  return out;
}

}  // namespace

std::vector<std::string> list_objects_h5(const fs::path& file) {
  return guarded(file, [&] {
    H5Handle f = open_file(file);
    std::vector<std::string> paths;
    for (ObjectEntry& e : list_entries(f.get()))
      if (e.type == H5O_TYPE_GROUP || e.type == H5O_TYPE_DATASET) paths.push_back(std::move(e.path));
    return paths;
  });
}

ColumnData read_dataset_h5(const fs::path& file, const std::string& path) {
  return guarded(file, [&] {
    H5Handle f = open_file(file);
    return read_dataset(f.get(), file, path);
  });
}

std::vector<Attribute> read_attributes_h5(const fs::path& file, const std::string& object_path) {
  return guarded(file, [&] {
    H5Handle f = open_file(file);
    H5O_type_t type{};
    H5Handle object = open_object(f.get(), file, object_path, &type);
    std::vector<Attribute> out;
    for (RawAttribute& raw : read_raw_attributes(object.get(), type, object_path)) {
      if (!raw.value)
        input_error(file, "attribute '" + raw.name + "' of '" + object_path + "' has type " + raw.dtype +
                              ", expected a scalar integer, float or string");
      out.push_back({std::move(raw.name), std::move(*raw.value)});
    }
    return out;
  });
}

std::string describe_results_h5(const fs::path& file) {
  return guarded(file, [&] {
    H5Handle f = open_file(file);
    std::string out;
    {
      H5Handle root = h5::group_handle(H5Gopen2(f.get(), "/", H5P_DEFAULT), "open the root group");
      for (const RawAttribute& a : read_raw_attributes(root.get(), H5O_TYPE_GROUP, "/"))
        out += "/: " + format_attribute(a) + "\n";
    }
    for (const ObjectEntry& e : list_entries(f.get())) {
      const std::string what = "describe '" + e.path + "'";
      H5Handle object = h5::object_handle(H5Oopen(f.get(), e.path.c_str(), H5P_DEFAULT), what);
      out += e.path + ": ";
      if (e.type == H5O_TYPE_GROUP) {
        out += "group";
      } else if (e.type == H5O_TYPE_DATASET) {
        out += describe_dataset(object.get(), what);
      } else {
        out += "named datatype";
      }
      out += format_attributes(read_raw_attributes(object.get(), e.type, e.path)) + "\n";
    }
    return out;
  });
}

}  // namespace peerscout::io
