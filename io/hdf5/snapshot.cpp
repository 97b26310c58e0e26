#include "io/hdf5/snapshot.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "io/atomic_output.hpp"
#include "io/hdf5/h5_handle.hpp"

namespace peerscout::io {

namespace {

namespace fs = std::filesystem;
using h5::H5Handle;

constexpr const char* kFormat = "peerscout-graph";
constexpr std::int64_t kFormatVersion = 1;

// HDF5 types of the raw arrays.
template <class T>
hid_t file_type();
template <>
hid_t file_type<std::uint8_t>() { return H5T_STD_U8LE; }
template <>
hid_t file_type<std::uint32_t>() { return H5T_STD_U32LE; }
template <>
hid_t file_type<std::uint64_t>() { return H5T_STD_U64LE; }
template <>
hid_t file_type<std::int64_t>() { return H5T_STD_I64LE; }
template <>
hid_t file_type<float>() { return H5T_IEEE_F32LE; }
template <>
hid_t file_type<double>() { return H5T_IEEE_F64LE; }
template <class T>
hid_t mem_type();
template <>
hid_t mem_type<std::uint8_t>() { return H5T_NATIVE_UINT8; }
template <>
hid_t mem_type<std::uint32_t>() { return H5T_NATIVE_UINT32; }
template <>
hid_t mem_type<std::uint64_t>() { return H5T_NATIVE_UINT64; }
template <>
hid_t mem_type<std::int64_t>() { return H5T_NATIVE_INT64; }
template <>
hid_t mem_type<float>() { return H5T_NATIVE_FLOAT; }
template <>
hid_t mem_type<double>() { return H5T_NATIVE_DOUBLE; }

// ---- writing ---------------------------------------------------------------------------------------

class Writer {
 public:
  explicit Writer(const fs::path& path)
      : file_(h5::file_handle(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), "create the file")),
        scalar_(h5::space_handle(H5Screate(H5S_SCALAR), "create a scalar dataspace")),
        string_type_(h5::utf8_vlen_string_type()) {}

  H5Handle group(const std::string& path) {
    return h5::group_handle(H5Gcreate2(file_.get(), path.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                            "create group '" + path + "'");
  }
  hid_t root() const { return file_.get(); }

  void attribute(hid_t object, const std::string& name, std::int64_t v) {
    const std::string what = "write attribute '" + name + "'";
    H5Handle a = h5::attribute_handle(H5Acreate2(object, name.c_str(), H5T_STD_I64LE, scalar_.get(), H5P_DEFAULT, H5P_DEFAULT), what);
    h5::check(H5Awrite(a.get(), H5T_NATIVE_INT64, &v), what);
  }
  void attribute(hid_t object, const std::string& name, const std::string& v) {
    const std::string what = "write attribute '" + name + "'";
    H5Handle a = h5::attribute_handle(H5Acreate2(object, name.c_str(), string_type_.get(), scalar_.get(), H5P_DEFAULT, H5P_DEFAULT), what);
    const char* p = v.c_str();
    h5::check(H5Awrite(a.get(), string_type_.get(), &p), what);
  }

  template <class T>
  void array(hid_t parent, const std::string& name, const T* data, std::size_t n) {
    const std::string what = "write dataset '" + name + "'";
    const hsize_t dims[1] = {static_cast<hsize_t>(n)};
    H5Handle space = h5::space_handle(H5Screate_simple(1, dims, nullptr), what);
    H5Handle ds = h5::dataset_handle(H5Dcreate2(parent, name.c_str(), file_type<T>(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), what);
    if (n > 0) h5::check(H5Dwrite(ds.get(), mem_type<T>(), h5::kAll, h5::kAll, H5P_DEFAULT, data), what);
  }
  template <class T>
  void array(hid_t parent, const std::string& name, const std::vector<T>& v) {
    array(parent, name, v.data(), v.size());
  }
  void strings(hid_t parent, const StringColumn& s) {
    array(parent, "string_bytes", reinterpret_cast<const std::uint8_t*>(s.data().data()), s.data().size());
    array(parent, "string_offsets", s.offsets().data(), s.offsets().size());
  }
  void close() { file_.close("close the file"); }

 private:
  H5Handle file_, scalar_, string_type_;
};

// ---- reading ---------------------------------------------------------------------------------------

class Reader {
 public:
  explicit Reader(const fs::path& path) : path_(path) {
    const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
    if (is_hdf5 <= 0) fail("not an HDF5 file");
    file_ = h5::file_handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open the file");
  }

  [[noreturn]] void fail(const std::string& msg) const { throw InputError(path_.string(), 0, "graph snapshot: " + msg); }

  bool exists(hid_t parent, const std::string& name) const { return H5Lexists(parent, name.c_str(), H5P_DEFAULT) > 0; }
  H5Handle group(const std::string& path) const {
    if (!exists(file_.get(), path)) fail("missing group '" + path + "'");
    return h5::group_handle(H5Gopen2(file_.get(), path.c_str(), H5P_DEFAULT), "open group '" + path + "'");
  }
  hid_t root() const { return file_.get(); }

  std::optional<std::int64_t> int_attribute(hid_t object, const std::string& name) const {
    if (H5Aexists(object, name.c_str()) <= 0) return std::nullopt;
    H5Handle a = h5::attribute_handle(H5Aopen(object, name.c_str(), H5P_DEFAULT), "open attribute '" + name + "'");
    std::int64_t v = 0;
    if (H5Aread(a.get(), H5T_NATIVE_INT64, &v) < 0) fail("attribute '" + name + "' is not an integer");
    return v;
  }
  std::string string_attribute(hid_t object, const std::string& name) const {
    if (H5Aexists(object, name.c_str()) <= 0) return {};
    H5Handle a = h5::attribute_handle(H5Aopen(object, name.c_str(), H5P_DEFAULT), "open attribute '" + name + "'");
    H5Handle type = h5::utf8_vlen_string_type();
    char* p = nullptr;
    if (H5Aread(a.get(), type.get(), &p) < 0) fail("attribute '" + name + "' is not a string");
    std::string s = p ? p : "";
    H5free_memory(p);
    return s;
  }

  template <class T>
  std::vector<T> array(hid_t parent, const std::string& where, const std::string& name) const {
    if (!exists(parent, name)) fail("missing dataset '" + where + "/" + name + "'");
    H5Handle ds = h5::dataset_handle(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "open '" + name + "'");
    H5Handle space = h5::space_handle(H5Dget_space(ds.get()), "dataspace of '" + name + "'");
    if (H5Sget_simple_extent_ndims(space.get()) != 1) fail("'" + where + "/" + name + "' must be 1-D");
    hsize_t n = 0;
    H5Sget_simple_extent_dims(space.get(), &n, nullptr);
    H5Handle type = h5::type_handle(H5Dget_type(ds.get()), "type of '" + name + "'");
    if (H5Tequal(type.get(), file_type<T>()) <= 0) fail("'" + where + "/" + name + "' has an unexpected type");
    std::vector<T> v(static_cast<std::size_t>(n));
    if (n > 0 && H5Dread(ds.get(), mem_type<T>(), h5::kAll, h5::kAll, H5P_DEFAULT, v.data()) < 0)
      fail("cannot read '" + where + "/" + name + "'");
    return v;
  }

  StringColumn strings(hid_t parent, const std::string& where) const {
    auto bytes = array<std::uint8_t>(parent, where, "string_bytes");
    auto offsets = array<std::uint64_t>(parent, where, "string_offsets");
    if (offsets.empty() || offsets.front() != 0 || offsets.back() != bytes.size() ||
        !std::is_sorted(offsets.begin(), offsets.end()))
      fail("'" + where + "' string offsets are inconsistent");
    std::string data(bytes.begin(), bytes.end());
    return StringColumn::from_parts(std::move(data), std::move(offsets));
  }

 private:
  fs::path path_;
  H5Handle file_;
};

void check_id_parts(const Reader& r, VertexId dense, const std::vector<std::uint32_t>& small,
                    const std::vector<std::uint64_t>& big, const StringColumn& strings) {
  for (std::size_t i = 0; i < small.size(); ++i)
    if (small[i] < dense || (i > 0 && small[i] <= small[i - 1])) r.fail("/ids/small is not sorted above the dense range");
  for (std::size_t i = 0; i < big.size(); ++i)
    if (big[i] < (std::uint64_t{1} << 32) || big[i] >= (std::uint64_t{1} << 63) || (i > 0 && big[i] <= big[i - 1]))
      r.fail("/ids/big is not sorted in [2^32, 2^63)");
  for (std::size_t i = 0; i < strings.size(); ++i) {
    if (strings[i].empty() || canonical_integer(strings[i])) r.fail("/ids strings contain an empty or integer handle");
    if (i > 0 && !(strings[i - 1] < strings[i])) r.fail("/ids strings are not sorted");
  }
}

}  // namespace

void write_snapshot_h5(const fs::path& out, const LayeredGraph& g, const SnapshotInfo& info) {
  AtomicOutput output(out);
  h5::silence_hdf5();
  try {
    Writer w(output.temp_path());
    w.attribute(w.root(), "format", std::string(kFormat));
    w.attribute(w.root(), "format_version", kFormatVersion);
    w.attribute(w.root(), "peerscout_version", info.peerscout_version);
    w.attribute(w.root(), "created_utc", info.created_utc);
    w.attribute(w.root(), "command_line", info.command_line);
    w.attribute(w.root(), "source_files", info.source_files);
    std::string order;  // node attributes in their original order (groups list by name)
    for (const auto& c : g.attributes) order += (order.empty() ? "" : "\n") + c.name;
    w.attribute(w.root(), "node_attributes", order);
    {
      H5Handle ids = w.group("/ids");
      w.attribute(ids.get(), "dense", static_cast<std::int64_t>(g.ids.dense_part()));
      w.array(ids.get(), "small", g.ids.small_part());
      w.array(ids.get(), "big", g.ids.big_part());
      w.strings(ids.get(), g.ids.string_part());
    }
    {
      H5Handle nodes = w.group("/nodes");
      for (const auto& c : g.attributes) {
        std::visit(
            [&](const auto& v) {
              using T = std::decay_t<decltype(v)>;
              if constexpr (std::is_same_v<T, StringColumn>) {
                H5Handle grp = w.group("/nodes/" + c.name);
                w.attribute(grp.get(), "kind", std::string("string"));
                w.strings(grp.get(), v);
              } else {
                w.array(nodes.get(), c.name, v);
              }
            },
            c.values);
      }
    }
    H5Handle layers = w.group("/layers");
    for (LayerKind kind : kAllLayers) {
      const Layer* l = g.get(kind);
      if (!l) continue;
      const std::string name(layer_name(kind));
      H5Handle grp = w.group("/layers/" + name);
      const CsrGraph& c = l->graph;
      w.attribute(grp.get(), "directed", std::int64_t{c.directed() ? 1 : 0});
      w.attribute(grp.get(), "weighted", std::int64_t{c.weighted() ? 1 : 0});
      w.attribute(grp.get(), "input_edges", static_cast<std::int64_t>(l->stats.input_edges));
      w.attribute(grp.get(), "self_loops_dropped", static_cast<std::int64_t>(l->stats.self_loops_dropped));
      w.attribute(grp.get(), "duplicates_merged", static_cast<std::int64_t>(l->stats.duplicates_merged));
      std::string files;
      for (const auto& f : l->files) files += (files.empty() ? "" : "\n") + f;
      w.attribute(grp.get(), "source_files", files);
      w.array(grp.get(), "offsets", c.offsets().data(), c.offsets().size());
      w.array(grp.get(), "targets", c.targets().data(), c.targets().size());
      if (c.weighted()) w.array(grp.get(), "weights", c.weights().data(), c.weights().size());
      if (c.directed() && c.has_in_edges()) {
        w.array(grp.get(), "in_offsets", c.in_offsets().data(), c.in_offsets().size());
        w.array(grp.get(), "in_sources", c.in_sources().data(), c.in_sources().size());
        if (c.weighted()) w.array(grp.get(), "in_weights", c.in_weights_all().data(), c.in_weights_all().size());
      }
    }
    layers.close("close /layers");
    w.close();
  } catch (const h5::H5Failure& e) {
    throw OutputError(out.string() + ": cannot write the graph snapshot: " + e.what());
  }
  output.commit();
}

LayeredGraph read_snapshot_h5(const fs::path& file, SnapshotInfo* info) {
  if (!fs::exists(file)) throw InputError(file.string(), 0, "cannot open: No such file or directory");
  h5::silence_hdf5();
  try {
    Reader r(file);
    if (r.string_attribute(r.root(), "format") != kFormat) r.fail("not a peerscout graph snapshot (format attribute)");
    const auto version = r.int_attribute(r.root(), "format_version");
    if (!version || *version != kFormatVersion)
      r.fail("format_version " + (version ? std::to_string(*version) : std::string("missing")) + " is not supported (expected 1)");
    if (info) {
      info->peerscout_version = r.string_attribute(r.root(), "peerscout_version");
      info->created_utc = r.string_attribute(r.root(), "created_utc");
      info->command_line = r.string_attribute(r.root(), "command_line");
      info->source_files = r.string_attribute(r.root(), "source_files");
    }
    LayeredGraph g;
    {
      H5Handle ids = r.group("/ids");
      const auto dense = r.int_attribute(ids.get(), "dense");
      if (!dense || *dense < 0 || *dense >= std::int64_t{kNoVertex}) r.fail("/ids has no valid 'dense' attribute");
      auto small = r.array<std::uint32_t>(ids.get(), "/ids", "small");
      auto big = r.array<std::uint64_t>(ids.get(), "/ids", "big");
      auto strings = r.strings(ids.get(), "/ids");
      check_id_parts(r, static_cast<VertexId>(*dense), small, big, strings);
      if (static_cast<std::uint64_t>(*dense) + small.size() + big.size() + strings.size() >= kNoVertex)
        r.fail("/ids holds too many vertices for 32-bit ids");
      g.ids = IdMap::from_sorted_parts(static_cast<VertexId>(*dense), std::move(small), std::move(big), std::move(strings));
    }
    const VertexId n = g.ids.size();
    {
      H5Handle nodes = r.group("/nodes");
      const std::string order = r.string_attribute(r.root(), "node_attributes");
      std::vector<std::string> names;
      for (std::size_t b = 0; b < order.size();) {
        const std::size_t e = std::min(order.find('\n', b), order.size());
        names.push_back(order.substr(b, e - b));
        b = e + 1;
      }
      for (const std::string& name : names) {
        const std::string where = "/nodes/" + name;
        if (!r.exists(nodes.get(), name)) r.fail("missing '" + where + "'");
        H5O_info_t oinfo;
        h5::check(H5Oget_info_by_name2(nodes.get(), name.c_str(), &oinfo, H5O_INFO_BASIC, H5P_DEFAULT), "inspect " + where);
        NamedColumn col{name, {}};
        if (oinfo.type == H5O_TYPE_GROUP) {
          H5Handle grp = r.group(where);
          col.values = r.strings(grp.get(), where);
        } else {
          H5Handle ds = h5::dataset_handle(H5Dopen2(nodes.get(), name.c_str(), H5P_DEFAULT), "open " + where);
          H5Handle type = h5::type_handle(H5Dget_type(ds.get()), "type of " + where);
          if (H5Tget_class(type.get()) == H5T_FLOAT) {
            col.values = r.array<double>(nodes.get(), "/nodes", name);
          } else {
            col.values = r.array<std::int64_t>(nodes.get(), "/nodes", name);
          }
        }
        if (column_size(col.values) != n) r.fail("'" + where + "' does not have one value per vertex");
        g.attributes.push_back(std::move(col));
      }
    }
    H5Handle layers = r.group("/layers");
    for (LayerKind kind : kAllLayers) {
      const std::string name(layer_name(kind));
      if (!r.exists(layers.get(), name)) continue;
      const std::string where = "/layers/" + name;
      H5Handle grp = r.group(where);
      const bool directed = r.int_attribute(grp.get(), "directed").value_or(-1) == 1;
      if (directed != layer_directed(kind)) r.fail("'" + where + "' has the wrong direction");
      const bool weighted = r.int_attribute(grp.get(), "weighted").value_or(0) == 1;
      auto offsets = r.array<std::uint64_t>(grp.get(), where, "offsets");
      auto targets = r.array<std::uint32_t>(grp.get(), where, "targets");
      std::vector<float> weights;
      if (weighted) weights = r.array<float>(grp.get(), where, "weights");
      std::vector<std::uint64_t> in_offsets;
      std::vector<std::uint32_t> in_sources;
      std::vector<float> in_weights;
      if (directed && r.exists(grp.get(), "in_offsets")) {
        in_offsets = r.array<std::uint64_t>(grp.get(), where, "in_offsets");
        in_sources = r.array<std::uint32_t>(grp.get(), where, "in_sources");
        if (weighted) in_weights = r.array<float>(grp.get(), where, "in_weights");
      }
      if (offsets.size() != static_cast<std::size_t>(n) + 1) r.fail("'" + where + "/offsets' does not match the vertex count");
      Layer l;
      l.kind = kind;
      try {
        l.graph = CsrGraph::from_arrays(directed, std::move(offsets), std::move(targets), std::move(weights),
                                        std::move(in_offsets), std::move(in_sources), std::move(in_weights));
      } catch (const InvalidArgument& e) {
        r.fail("'" + where + "': " + e.what());
      }
      l.stats.input_edges = static_cast<EdgeIndex>(r.int_attribute(grp.get(), "input_edges").value_or(0));
      l.stats.self_loops_dropped = static_cast<EdgeIndex>(r.int_attribute(grp.get(), "self_loops_dropped").value_or(0));
      l.stats.duplicates_merged = static_cast<EdgeIndex>(r.int_attribute(grp.get(), "duplicates_merged").value_or(0));
      l.stats.edges = l.graph.num_edges();
      const std::string files = r.string_attribute(grp.get(), "source_files");
      for (std::size_t b = 0; b < files.size();) {
        const std::size_t e = std::min(files.find('\n', b), files.size());
        l.files.push_back(files.substr(b, e - b));
        b = e + 1;
      }
      g.layers[static_cast<std::size_t>(kind)] = std::move(l);
    }
    return g;
  } catch (const h5::H5Failure& e) {
    throw InputError(file.string(), 0, std::string("graph snapshot: ") + e.what());
  }
}

bool is_snapshot_h5(const fs::path& file) {
  h5::silence_hdf5();
  try {
    if (H5Fis_hdf5(file.c_str()) <= 0) return false;
    Reader r(file);
    return r.string_attribute(r.root(), "format") == kFormat;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace peerscout::io
