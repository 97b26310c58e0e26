// HDF5 results writer: ResultsDocument -> one HDF5 file, written atomically.
// The storage rules are documented in results_writer.hpp and docs/hdf5_schema.md.
#include "io/hdf5/results_writer.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "engine/error.hpp"
#include "io/atomic_output.hpp"
#include "io/hdf5/h5_error.hpp"
#include "io/hdf5/h5_handle.hpp"

namespace peerscout::io {

namespace {

using h5::check;
using h5::H5Handle;

// Largest chunk we accept: a vlen string element is 16 bytes in the file and HDF5 limits a chunk
// to 4 GiB, so 2^27 elements keeps every dtype well inside the limit.
constexpr std::uint64_t kMaxChunkElements = std::uint64_t{1} << 27;
// String columns are converted to NUL-terminated copies in blocks of whole chunks of about this
// many elements: bounded temporary memory, and every chunk is written (and compressed) once.
constexpr std::uint64_t kStringBlockElements = std::uint64_t{1} << 20;

// ---------------------------------------------------------------------------------------------
// Validation (before anything is created)

enum class Kind { kGroup, kDataset };

bool has_nul(std::string_view s) { return s.find('\0') != std::string_view::npos; }

/// Empty when `path` is a valid absolute object path, otherwise the reason.
std::string path_problem(std::string_view path) {
  if (path.empty()) return "empty path";
  if (path.front() != '/') return "path must start with '/'";
  if (path.size() == 1) return "the root '/' is not a group or dataset path (use root_attributes)";
  if (path.back() == '/') return "path must not end with '/'";
  if (has_nul(path)) return "path contains a NUL byte";
  std::size_t begin = 1;
  while (begin <= path.size()) {
    std::size_t end = path.find('/', begin);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view component = path.substr(begin, end - begin);
    if (component.empty()) return "path has an empty component";
    if (component == "." || component == "..") return "path has a '.' or '..' component";
    begin = end + 1;
  }
  return {};
}

/// Calls f(prefix) for every proper ancestor of `path` except the root: "/a/b/c" -> "/a", "/a/b".
template <class F>
void for_each_ancestor(const std::string& path, F&& f) {
  for (std::size_t pos = path.find('/', 1); pos != std::string::npos; pos = path.find('/', pos + 1))
    f(path.substr(0, pos));
}

class DocumentValidator {
 public:
  explicit DocumentValidator(const std::filesystem::path& out) : out_(out) {}

  void validate(const ResultsDocument& doc) {
    check_attributes("/", doc.root_attributes);
    for (const Group& g : doc.groups) {
      add(g.path, Kind::kGroup);
      check_attributes(g.path, g.attributes);
    }
    for (const Dataset& d : doc.datasets) {
      add(d.path, Kind::kDataset);
      check_attributes(d.path, d.attributes);
      if (const auto* s = std::get_if<StringColumn>(&d.data)) check_strings(d.path, *s);
    }
    for (const auto& [path, kind] : kinds_) {
      for_each_ancestor(path, [&](const std::string& ancestor) {
        const auto it = kinds_.find(ancestor);
        if (it != kinds_.end() && it->second == Kind::kDataset)
          fail("'" + path + "' is inside '" + ancestor + "', which is a dataset, not a group");
      });
    }
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw OutputError(out_.string() + ": invalid results document: " + why);
  }

  void add(const std::string& path, Kind kind) {
    const std::string problem = path_problem(path);
    if (!problem.empty()) fail("'" + quote_for_message(path) + "': " + problem);
    const auto [it, inserted] = kinds_.emplace(path, kind);
    if (!inserted) {
      const char* first = it->second == Kind::kGroup ? "group" : "dataset";
      const char* second = kind == Kind::kGroup ? "group" : "dataset";
      fail("'" + path + "' appears twice (as " + first + " and as " + second + ")");
    }
  }

  void check_attributes(const std::string& object, const std::vector<Attribute>& attributes) const {
    std::unordered_set<std::string_view> names;
    for (const Attribute& a : attributes) {
      if (a.name.empty()) fail("an attribute of '" + object + "' has an empty name");
      if (has_nul(a.name)) fail("an attribute name of '" + object + "' contains a NUL byte");
      if (!names.insert(a.name).second) fail("attribute '" + a.name + "' of '" + object + "' appears twice");
      if (const auto* s = std::get_if<std::string>(&a.value); s && has_nul(*s))
        fail("attribute '" + a.name + "' of '" + object + "' contains a NUL byte");
    }
  }

  void check_strings(const std::string& path, const StringColumn& column) const {
    const std::string& bytes = column.data();
    const void* nul = std::memchr(bytes.data(), '\0', bytes.size());
    if (nul == nullptr) return;
    const auto at = static_cast<std::uint64_t>(static_cast<const char*>(nul) - bytes.data());
    const auto offsets = column.offsets();
    const auto row = static_cast<std::size_t>(std::upper_bound(offsets.begin(), offsets.end(), at) - offsets.begin()) - 1;
    fail("dataset '" + path + "' row " + std::to_string(row) +
         " contains a NUL byte (HDF5 strings are NUL-terminated)");
  }

  const std::filesystem::path& out_;
  std::unordered_map<std::string, Kind> kinds_;
};

void validate_options(const H5WriteOptions& opts) {
  if (opts.compression_level < 0 || opts.compression_level > 9)
    throw InvalidArgument("HDF5 compression level must be between 0 and 9, got " +
                          std::to_string(opts.compression_level));
  if (opts.chunk_elements < 1 || opts.chunk_elements > kMaxChunkElements)
    throw InvalidArgument("HDF5 chunk size must be between 1 and " + std::to_string(kMaxChunkElements) +
                          " elements, got " + std::to_string(opts.chunk_elements));
}

// ---------------------------------------------------------------------------------------------
// Writing

class Writer {
 public:
  Writer(const std::filesystem::path& file, const H5WriteOptions& opts) : opts_(opts) {
    // Creation order of links and attributes is tracked and indexed everywhere (root included), so
    // readers can list table columns and attributes in the order the pipeline wrote them.
    const unsigned order = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
    H5Handle fcpl = h5::plist_handle(H5Pcreate(H5P_FILE_CREATE), "create a file creation property list");
    check(H5Pset_link_creation_order(fcpl.get(), order), "track link creation order");
    check(H5Pset_attr_creation_order(fcpl.get(), order), "track attribute creation order");
    // STRONG: H5Fclose closes every object still open in the file and reports flush errors.
    H5Handle fapl = h5::plist_handle(H5Pcreate(H5P_FILE_ACCESS), "create a file access property list");
    check(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG), "set the file close degree");

    gcpl_ = h5::plist_handle(H5Pcreate(H5P_GROUP_CREATE), "create a group creation property list");
    check(H5Pset_link_creation_order(gcpl_.get(), order), "track link creation order");
    check(H5Pset_attr_creation_order(gcpl_.get(), order), "track attribute creation order");
    lcpl_ = h5::plist_handle(H5Pcreate(H5P_LINK_CREATE), "create a link creation property list");
    check(H5Pset_char_encoding(lcpl_.get(), H5T_CSET_UTF8), "set UTF-8 link names");
    acpl_ = h5::plist_handle(H5Pcreate(H5P_ATTRIBUTE_CREATE), "create an attribute creation property list");
    check(H5Pset_char_encoding(acpl_.get(), H5T_CSET_UTF8), "set UTF-8 attribute names");
    string_type_ = h5::utf8_vlen_string_type();
    scalar_space_ = h5::space_handle(H5Screate(H5S_SCALAR), "create a scalar dataspace");

    file_ = h5::file_handle(H5Fcreate(file.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()),
                            "create file '" + file.string() + "'");
  }

  void write(const ResultsDocument& doc) {
    {
      H5Handle root = h5::group_handle(H5Gopen2(file_.get(), "/", H5P_DEFAULT), "open the root group");
      write_attributes(root.get(), "/", doc.root_attributes);
    }
    for (const Group& g : doc.groups) {
      H5Handle group = ensure_group(g.path);
      write_attributes(group.get(), g.path, g.attributes);
    }
    for (const Dataset& d : doc.datasets) write_dataset(d);
  }

  /// Closes the file (flushing it); failures here are real write failures (disk full, quota).
  void finish() {
    scalar_space_.close("close a dataspace");
    string_type_.close("close a datatype");
    file_.close("close (flush) the file");
  }

 private:
  /// Creates the group at `path` and its missing parents; returns it opened.
  H5Handle ensure_group(const std::string& path) {
    auto create = [&](const std::string& p) {
      if (groups_.count(p) != 0) return;
      H5Handle g = h5::group_handle(H5Gcreate2(file_.get(), p.c_str(), lcpl_.get(), gcpl_.get(), H5P_DEFAULT),
                                    "create group '" + p + "'");
      groups_.insert(p);
    };
    for_each_ancestor(path, create);
    create(path);
    return h5::group_handle(H5Gopen2(file_.get(), path.c_str(), H5P_DEFAULT), "open group '" + path + "'");
  }

  void write_attributes(hid_t object, const std::string& where, const std::vector<Attribute>& attributes) {
    for (const Attribute& a : attributes) {
      const std::string what = "write attribute '" + a.name + "' of '" + where + "'";
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::int64_t>) {
              H5Handle attr = h5::attribute_handle(
                  H5Acreate2(object, a.name.c_str(), H5T_STD_I64LE, scalar_space_.get(), acpl_.get(), H5P_DEFAULT), what);
              check(H5Awrite(attr.get(), H5T_NATIVE_INT64, &v), what);
            } else if constexpr (std::is_same_v<T, double>) {
              H5Handle attr = h5::attribute_handle(
                  H5Acreate2(object, a.name.c_str(), H5T_IEEE_F64LE, scalar_space_.get(), acpl_.get(), H5P_DEFAULT), what);
              check(H5Awrite(attr.get(), H5T_NATIVE_DOUBLE, &v), what);
            } else {
              H5Handle attr = h5::attribute_handle(H5Acreate2(object, a.name.c_str(), string_type_.get(),
                                                              scalar_space_.get(), acpl_.get(), H5P_DEFAULT),
                                                   what);
              const char* p = v.c_str();
              check(H5Awrite(attr.get(), string_type_.get(), &p), what);
            }
          },
          a.value);
    }
  }

  void write_dataset(const Dataset& d) {
    const std::size_t slash = d.path.rfind('/');
    if (slash > 0) ensure_group(d.path.substr(0, slash));

    const auto n = static_cast<hsize_t>(column_size(d.data));
    const std::string what = "write dataset '" + d.path + "'";
    H5Handle space = h5::space_handle(H5Screate_simple(1, &n, &n), what);
    H5Handle dcpl = h5::plist_handle(H5Pcreate(H5P_DATASET_CREATE), what);
    check(H5Pset_attr_creation_order(dcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), what);
    // Zero-length datasets stay contiguous and unfiltered (a chunk of 0 elements is invalid).
    if (n > 0) {
      const hsize_t chunk = std::min<hsize_t>(n, opts_.chunk_elements);
      check(H5Pset_chunk(dcpl.get(), 1, &chunk), what);
      if (opts_.compression_level > 0) {
        check(H5Pset_shuffle(dcpl.get()), what);
        check(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(opts_.compression_level)), what);
      }
    }
    auto create = [&](hid_t file_type) {
      return h5::dataset_handle(
          H5Dcreate2(file_.get(), d.path.c_str(), file_type, space.get(), lcpl_.get(), dcpl.get(), H5P_DEFAULT),
          "create dataset '" + d.path + "'");
    };

    H5Handle dataset;
    if (const auto* v = std::get_if<std::vector<double>>(&d.data)) {
      dataset = create(H5T_IEEE_F64LE);
      if (n > 0) check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, h5::kAll, h5::kAll, H5P_DEFAULT, v->data()), what);
    } else if (const auto* w = std::get_if<std::vector<std::int64_t>>(&d.data)) {
      dataset = create(H5T_STD_I64LE);
      if (n > 0) check(H5Dwrite(dataset.get(), H5T_NATIVE_INT64, h5::kAll, h5::kAll, H5P_DEFAULT, w->data()), what);
    } else {
      dataset = create(string_type_.get());
      write_strings(dataset.get(), std::get<StringColumn>(d.data), what);
    }
    write_attributes(dataset.get(), d.path, d.attributes);
  }

  /// HDF5 variable-length strings are NUL-terminated char pointers; StringColumn pools them without
  /// terminators. Convert one block of whole chunks at a time into reused buffers.
  void write_strings(hid_t dataset, const StringColumn& column, const std::string& what) {
    const std::uint64_t n = column.size();
    if (n == 0) return;
    const std::uint64_t chunk = std::min<std::uint64_t>(n, opts_.chunk_elements);
    const std::uint64_t block = std::min<std::uint64_t>(
        n, chunk * std::max<std::uint64_t>(1, (kStringBlockElements + chunk - 1) / chunk));
    const char* bytes = column.data().data();
    const auto offsets = column.offsets();

    std::vector<char> text;
    std::vector<const char*> pointers;
    H5Handle file_space = h5::space_handle(H5Dget_space(dataset), what);
    for (std::uint64_t start = 0; start < n; start += block) {
      const std::uint64_t count = std::min(block, n - start);
      const std::uint64_t first = offsets[start];
      text.resize(offsets[start + count] - first + count);
      pointers.resize(count);
      char* out = text.data();
      for (std::uint64_t i = 0; i < count; ++i) {
        const std::uint64_t len = offsets[start + i + 1] - offsets[start + i];
        std::memcpy(out, bytes + offsets[start + i], len);
        out[len] = '\0';
        pointers[i] = out;
        out += len + 1;
      }
      const hsize_t h_start = start;
      const hsize_t h_count = count;
      H5Handle mem_space = h5::space_handle(H5Screate_simple(1, &h_count, nullptr), what);
      check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &h_start, nullptr, &h_count, nullptr), what);
      check(H5Dwrite(dataset, string_type_.get(), mem_space.get(), file_space.get(), H5P_DEFAULT, pointers.data()),
            what);
    }
  }

  H5WriteOptions opts_;
  H5Handle gcpl_, lcpl_, acpl_, string_type_, scalar_space_;
  H5Handle file_;  // declared last: closed first, before the property lists it was created with
  std::unordered_set<std::string> groups_;
};

}  // namespace

void write_results_h5(const std::filesystem::path& out, const ResultsDocument& doc, const H5WriteOptions& opts) {
  validate_options(opts);
  DocumentValidator(out).validate(doc);
  AtomicOutput output(out);  // throws OutputError for a missing directory or a directory at `out`
  try {
    h5::silence_hdf5();
    {
      Writer writer(output.temp_path(), opts);
      writer.write(doc);
      writer.finish();
    }  // every HDF5 handle is closed here, before the rename
    output.commit();
  } catch (const h5::H5Failure& e) {
    throw OutputError(out.string() + ": cannot write HDF5 results: " + e.what());
  }
  // Any other exception (bad_alloc, OutputError from commit) propagates; ~AtomicOutput removes the
  // temporary file in every case but success.
}

}  // namespace peerscout::io
