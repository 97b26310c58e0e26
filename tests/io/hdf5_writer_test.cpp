// HDF5 results writer and reader: round trip against our own reader (exact equality) and against
// h5py (an independent implementation of the HDF5 format) run by /usr/bin/python3.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "io/hdf5/results_reader.hpp"
#include "io/hdf5/results_writer.hpp"
#include "tests/support/files.hpp"
#include "tests/support/python.hpp"

using namespace peerscout;
using namespace peerscout::io;
namespace fs = std::filesystem;

namespace {


bool have_h5py() { return test::python_has("h5py, numpy"); }

test::ProcessResult run_oracle(const test::TempDir& dir, const std::string& script, const fs::path& h5file) {
  return test::run_python(dir.path(), "oracle.py", script, {h5file.string()});
}

StringColumn strings(std::initializer_list<std::string_view> values) {
  StringColumn c;
  for (auto v : values) c.push_back(v);
  return c;
}

std::uint64_t bits(double v) {
  std::uint64_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

// Exact equality: doubles compared bit for bit (NaN == NaN, -0.0 != 0.0).
bool same_value(const AttributeValue& a, const AttributeValue& b) {
  if (a.index() != b.index()) return false;
  if (const auto* x = std::get_if<double>(&a)) return bits(*x) == bits(std::get<double>(b));
  return a == b;
}

bool same_attributes(const std::vector<Attribute>& a, const std::vector<Attribute>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].name != b[i].name || !same_value(a[i].value, b[i].value)) return false;
  return true;
}

bool same_column(const ColumnData& a, const ColumnData& b) {
  if (a.index() != b.index()) return false;
  if (const auto* x = std::get_if<std::vector<double>>(&a)) {
    const auto& y = std::get<std::vector<double>>(b);
    if (x->size() != y.size()) return false;
    for (std::size_t i = 0; i < x->size(); ++i)
      if (bits((*x)[i]) != bits(y[i])) return false;
    return true;
  }
  return a == b;
}

// --- the document every round-trip test writes -------------------------------------------------

constexpr std::size_t kBig = 200'000;

std::string big_string(std::size_t i) {
  // Every 1000th string is non-ASCII, every 777th empty.
  if (i % 777 == 0) return "";
  if (i % 1000 == 1) return "h\xc3\xbc" + std::to_string(i);  // "hü<i>"
  return "h" + std::to_string(i);
}

ResultsDocument full_document() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  ResultsDocument doc;
  doc.root_attributes = {
      {"format", std::string("peerscout")},
      {"format_version", std::int64_t{1}},
      {"created_utc", std::string("2026-11-23T22:41:07Z")},
      {"command_line", std::string("peerscout run 'job file.toml' --seed 42")},
      {"seed", std::int64_t{42}},
      {"min_int", std::numeric_limits<std::int64_t>::min()},
      {"pi", 3.141592653589793},
      {"negative_zero", -0.0},
      {"not_a_number", nan},
      {"unicode", std::string("Z\xc3\xbcrich \xe2\x86\x92 \xe6\x9d\xb1\xe4\xba\xac")},  // Zürich → 東京
      {"empty", std::string()},
  };
  doc.groups = {
      {"/layers/follows", {{"directed", std::int64_t{1}}, {"weighted", std::int64_t{0}},
                           {"source_files", std::string("follows.tsv; more.tsv")}}},
      {"/layers", {{"kind", std::string("parent listed after its child")}}},
      {"/deep/a/b/c", {{"depth", std::int64_t{4}}, {"ratio", 0.25}}},
      {"/empty_group", {}},
  };
  std::vector<double> big_f(kBig);
  std::vector<std::int64_t> big_i(kBig);
  StringColumn big_s;
  for (std::size_t i = 0; i < kBig; ++i) {
    big_f[i] = static_cast<double>(i) * 0.25 - 1000.0;
    big_i[i] = static_cast<std::int64_t>(i) * static_cast<std::int64_t>(i) - 7;
    big_s.push_back(big_string(i));
  }
  doc.datasets = {
      {"/nodes/id",
       strings({"alice", "", "Z\xc3\xbcrich", "\xe6\x9d\xb1\xe4\xba\xac", "with \"quotes\", tabs\tand\nnewline",
                std::string(1000, 'x'), "12345"}),
       {{"meaning", std::string("handles")}}},
      {"/data/f64_special",
       std::vector<double>{0.0, -0.0, 1.5, nan, inf, -inf, std::numeric_limits<double>::max(),
                           std::numeric_limits<double>::min(), std::numeric_limits<double>::denorm_min(),
                           3.141592653589793},
       {{"algorithm", std::string("pagerank")}, {"seconds", 0.125}, {"iterations", std::int64_t{17}},
        {"converged", std::int64_t{1}}, {"residual", 1e-12}}},
      {"/data/i64_special",
       std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(),
                                 0, -1, 42},
       {}},
      {"/data/empty_f64", std::vector<double>{}, {{"note", std::string("zero length")}}},
      {"/data/empty_i64", std::vector<std::int64_t>{}, {}},
      {"/data/empty_str", StringColumn{}, {}},
      {"/big/f64", std::move(big_f), {}},
      {"/big/i64", std::move(big_i), {}},
      {"/big/str", std::move(big_s), {}},
      {"/deep/a/b/c/leaf", std::vector<std::int64_t>{7, 8, 9}, {{"leaf", std::int64_t{1}}}},
      {"/run/stages/name", strings({"load", "build", "pagerank"}), {}},
      {"/run/stages/seconds", std::vector<double>{0.5, 0.25, 1.0}, {}},
      {"/run/stages/peak_rss_bytes", std::vector<std::int64_t>{1000, 2000, 3000}, {}},
  };
  return doc;
}

const std::vector<std::string> kFullDocumentObjects = {
    "/big", "/big/f64", "/big/i64", "/big/str", "/data", "/data/empty_f64", "/data/empty_i64", "/data/empty_str",
    "/data/f64_special", "/data/i64_special", "/deep", "/deep/a", "/deep/a/b", "/deep/a/b/c", "/deep/a/b/c/leaf",
    "/empty_group", "/layers", "/layers/follows", "/nodes", "/nodes/id", "/run", "/run/stages",
    "/run/stages/name", "/run/stages/peak_rss_bytes", "/run/stages/seconds"};

// --- Python oracle script ------------------------------------------------------------------------

std::string hex(std::string_view s) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string py_attribute_list(const std::vector<Attribute>& attributes) {
  std::ostringstream os;
  os << "[";
  for (const Attribute& a : attributes) {
    os << "(S('" << hex(a.name) << "'), ";
    if (const auto* i = std::get_if<std::int64_t>(&a.value)) {
      os << "'i', " << *i;
    } else if (const auto* d = std::get_if<double>(&a.value)) {
      os << "'f', " << bits(*d);
    } else {
      os << "'s', S('" << hex(std::get<std::string>(a.value)) << "')";
    }
    os << "), ";
  }
  os << "]";
  return os.str();
}

std::string py_values(const ColumnData& data) {
  std::ostringstream os;
  if (const auto* d = std::get_if<std::vector<double>>(&data)) {
    os << "('f', [";
    for (double v : *d) os << bits(v) << ",";
  } else if (const auto* i = std::get_if<std::vector<std::int64_t>>(&data)) {
    os << "('i', [";
    for (auto v : *i) os << v << ",";
  } else {
    const auto& s = std::get<StringColumn>(data);
    os << "('s', [";
    for (std::size_t k = 0; k < s.size(); ++k) os << "S('" << hex(s[k]) << "'),";
  }
  os << "])";
  return os.str();
}

/// A script that checks every object of `doc` in the file given as argv[1]: the set of objects,
/// dtypes, shapes, values (bit-exact for floats), chunking and filters, and attribute names, order,
/// types and values. The three 200k datasets are checked against their formulas.
std::string oracle_script(const ResultsDocument& doc, std::uint64_t chunk_elements, int level) {
  std::ostringstream py;
  py << R"PY(
import sys
import h5py, numpy as np

def S(h):
    return bytes.fromhex(h).decode('utf-8')

f = h5py.File(sys.argv[1], 'r')
CHUNK = )PY" << chunk_elements
     << "\nLEVEL = " << level << R"PY(
seen = []
f.visit(lambda name: seen.append('/' + name))
expected_objects = )PY";
  py << "[";
  for (const auto& o : kFullDocumentObjects) py << "'" << o << "',";
  py << "]\n";
  py << R"PY(assert sorted(seen) == sorted(expected_objects), sorted(set(seen) ^ set(expected_objects))

def check_attrs(obj, expected, where):
    names = list(obj.attrs)
    assert names == [n for n, _, _ in expected], (where, names)  # creation order is tracked
    for name, kind, value in expected:
        got = obj.attrs[name]
        if kind == 'i':
            assert isinstance(got, np.int64) and obj.attrs.get_id(name).dtype == np.dtype('<i8'), (where, name, type(got))
            assert int(got) == value, (where, name, got, value)
        elif kind == 'f':
            assert isinstance(got, np.float64) and obj.attrs.get_id(name).dtype == np.dtype('<f8'), (where, name, type(got))
            assert np.array([got], dtype='<f8').view('<u8')[0] == value, (where, name, got)
        else:
            assert isinstance(got, str), (where, name, type(got))
            sinfo = h5py.check_string_dtype(obj.attrs.get_id(name).dtype)
            assert sinfo is not None and sinfo.encoding == 'utf-8' and sinfo.length is None, (where, name, sinfo)
            assert got == value, (where, name, got, value)
        assert obj.attrs.get_id(name).shape == (), (where, name, 'not scalar')

def check_storage(ds, n, where):
    assert ds.shape == (n,), (where, ds.shape)
    if n == 0:
        assert ds.chunks is None and ds.compression is None and not ds.shuffle, (where, ds.chunks, ds.compression)
        return
    assert ds.chunks == (min(n, CHUNK),), (where, ds.chunks)
    if LEVEL > 0:
        assert ds.compression == 'gzip' and ds.compression_opts == LEVEL, (where, ds.compression, ds.compression_opts)
        assert ds.shuffle, (where, 'shuffle')
    else:
        assert ds.compression is None and not ds.shuffle, (where, ds.compression)

def check_values(ds, expected, where):
    kind, values = expected
    if kind == 'f':
        assert ds.dtype == np.dtype('<f8'), (where, ds.dtype)
        assert np.array_equal(ds[()].view('<u8'), np.array(values, dtype='<u8')), where
    elif kind == 'i':
        assert ds.dtype == np.dtype('<i8'), (where, ds.dtype)
        assert ds[()].tolist() == values, where
    else:
        sinfo = h5py.check_string_dtype(ds.dtype)
        assert sinfo is not None and sinfo.encoding == 'utf-8' and sinfo.length is None, (where, sinfo)
        got = ds.asstr()[()].tolist() if len(values) else []
        assert got == values, (where, got[:5], values[:5])

)PY";
  py << "check_attrs(f, " << py_attribute_list(doc.root_attributes) << ", '/')\n";
  for (const Group& g : doc.groups) {
    py << "assert isinstance(f['" << g.path << "'], h5py.Group)\n";
    py << "check_attrs(f['" << g.path << "'], " << py_attribute_list(g.attributes) << ", '" << g.path << "')\n";
  }
  for (const Dataset& d : doc.datasets) {
    const std::string ds = "f['" + d.path + "']";
    py << "check_storage(" << ds << ", " << column_size(d.data) << ", '" << d.path << "')\n";
    py << "check_attrs(" << ds << ", " << py_attribute_list(d.attributes) << ", '" << d.path << "')\n";
    if (d.path.rfind("/big/", 0) != 0) py << "check_values(" << ds << ", " << py_values(d.data) << ", '" << d.path << "')\n";
  }
  py << R"PY(
n = )PY" << kBig
     << R"PY(
i = np.arange(n, dtype=np.int64)
assert f['/big/f64'].dtype == np.dtype('<f8') and np.array_equal(f['/big/f64'][()], i * 0.25 - 1000.0)
assert f['/big/i64'].dtype == np.dtype('<i8') and np.array_equal(f['/big/i64'][()], i * i - 7)
def big_string(k):
    if k % 777 == 0: return ''
    if k % 1000 == 1: return 'h\u00fc' + str(k)
    return 'h' + str(k)
assert f['/big/str'].asstr()[()].tolist() == [big_string(k) for k in range(n)]
# Tables keep their column order (link creation order is tracked).
assert list(f['/run/stages']) == ['name', 'seconds', 'peak_rss_bytes'], list(f['/run/stages'])
print('ALL OK')
)PY";
  return py.str();
}

void check_round_trip(const fs::path& file, const ResultsDocument& doc) {
  CHECK(list_objects_h5(file) == kFullDocumentObjects);
  CHECK(same_attributes(read_attributes_h5(file, "/"), doc.root_attributes));
  for (const Group& g : doc.groups) {
    INFO(g.path);
    CHECK(same_attributes(read_attributes_h5(file, g.path), g.attributes));
  }
  for (const Dataset& d : doc.datasets) {
    INFO(d.path);
    CHECK(same_column(read_dataset_h5(file, d.path), d.data));
    CHECK(same_attributes(read_attributes_h5(file, d.path), d.attributes));
  }
}

}  // namespace

TEST_CASE("write_results_h5 round trip through read_*_h5: every dtype and attribute kind", "[hdf5]") {
  test::TempDir dir("h5");
  const fs::path file = dir / "results.h5";
  const ResultsDocument doc = full_document();
  write_results_h5(file, doc);
  check_round_trip(file, doc);
  // Only the final file is left in the directory.
  std::vector<fs::path> entries(fs::directory_iterator(dir.path()), fs::directory_iterator{});
  CHECK(entries == std::vector<fs::path>{file});
}

TEST_CASE("write_results_h5 round trip with other chunk sizes and no compression", "[hdf5]") {
  test::TempDir dir("h5");
  const ResultsDocument doc = full_document();
  for (const H5WriteOptions opts : {H5WriteOptions{0, 1000}, H5WriteOptions{9, 1}, H5WriteOptions{1, 199'999}}) {
    INFO("level " << opts.compression_level << ", chunk " << opts.chunk_elements);
    const fs::path file = dir / ("results-" + std::to_string(opts.chunk_elements) + ".h5");
    if (opts.chunk_elements == 1) {
      // 200k one-element chunks would be slow and pointless; check chunk 1 on a small document.
      ResultsDocument small;
      small.datasets.push_back({"/x", std::vector<double>{1.0, 2.0, 3.0}, {}});
      small.datasets.push_back({"/s", strings({"a", "bc", ""}), {}});
      write_results_h5(file, small, opts);
      CHECK(same_column(read_dataset_h5(file, "/x"), small.datasets[0].data));
      CHECK(same_column(read_dataset_h5(file, "/s"), small.datasets[1].data));
      const std::string text = describe_results_h5(file);
      CHECK_THAT(text, Catch::Contains("/x: float64[3], chunked 1, shuffle+deflate(9)\n"));
      CHECK_THAT(text, Catch::Contains("/s: string[3], chunked 1, shuffle+deflate(9)\n"));
      continue;
    }
    write_results_h5(file, doc, opts);
    check_round_trip(file, doc);
    const std::string text = describe_results_h5(file);
    const std::string filters =
        opts.compression_level == 0 ? "uncompressed" : "shuffle+deflate(" + std::to_string(opts.compression_level) + ")";
    CHECK_THAT(text, Catch::Contains("/big/f64: float64[200000], chunked " + std::to_string(opts.chunk_elements) +
                                     ", " + filters + "\n"));
  }
}

TEST_CASE("h5py reads what write_results_h5 writes: values, dtypes, chunks, filters, attributes", "[hdf5][oracle]") {
  if (!have_h5py()) {
    WARN("skipped: /usr/bin/python3 with h5py and numpy not available");
    return;
  }
  test::TempDir dir("h5");
  const ResultsDocument doc = full_document();
  for (const H5WriteOptions opts : {H5WriteOptions{}, H5WriteOptions{0, 5000}}) {
    const fs::path file = dir / "results.h5";
    write_results_h5(file, doc, opts);
    const test::ProcessResult r = run_oracle(dir, oracle_script(doc, opts.chunk_elements, opts.compression_level), file);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "ALL OK\n");
  }
}

TEST_CASE("string columns larger than one conversion block", "[hdf5]") {
  // The writer and the reader convert strings in blocks of ~2^20 elements; 2^20 + 3 strings with
  // 1000-element chunks cross a block boundary (1,049,000 elements) on both sides.
  test::TempDir dir("h5");
  const fs::path file = dir / "strings.h5";
  const std::size_t n = (std::size_t{1} << 20) + 3 + 50'000;
  StringColumn column;
  column.reserve(n, n * 8);
  for (std::size_t i = 0; i < n; ++i) column.push_back(std::to_string(i * 7919 % 1'000'003));
  ResultsDocument doc;
  doc.datasets.push_back({"/s", column, {}});
  write_results_h5(file, doc, {4, 1000});
  const ColumnData back = read_dataset_h5(file, "/s");
  REQUIRE(std::holds_alternative<StringColumn>(back));
  CHECK(std::get<StringColumn>(back) == column);
}

TEST_CASE("describe_results_h5 lists attributes, groups and datasets, one per line", "[hdf5]") {
  test::TempDir dir("h5");
  const fs::path file = dir / "small.h5";
  ResultsDocument doc;
  doc.root_attributes = {{"format", std::string("peerscout")}, {"format_version", std::int64_t{1}},
                         {"command_line", std::string("peerscout run \"a b\"\t\\")}, {"ratio", 2.0},
                         {"tiny", 1e-300}};
  doc.groups = {{"/layers/follows", {{"directed", std::int64_t{1}}, {"definition", std::string("x")}}},
                {"/run/stages", {{"kind", std::string("table")}}}};
  doc.datasets = {{"/nodes/id", strings({"a", "b", "c"}), {}},
                  {"/centrality/follows/pagerank", std::vector<double>{0.2, 0.3, 0.5},
                   {{"algorithm", std::string("pagerank")}, {"seconds", 0.25}, {"converged", std::int64_t{1}}}},
                  {"/run/stages/name", StringColumn{}, {}}};
  write_results_h5(file, doc);
  CHECK(describe_results_h5(file) ==
        "/: format=\"peerscout\"\n"
        "/: format_version=1\n"
        "/: command_line=\"peerscout run \\\"a b\\\"\\t\\\\\"\n"
        "/: ratio=2.0\n"
        "/: tiny=1e-300\n"
        "/centrality: group\n"
        "/centrality/follows: group\n"
        "/centrality/follows/pagerank: float64[3], chunked 3, shuffle+deflate(4); algorithm=\"pagerank\", "
        "seconds=0.25, converged=1\n"
        "/layers: group\n"
        "/layers/follows: group; directed=1, definition=\"x\"\n"
        "/nodes: group\n"
        "/nodes/id: string[3], chunked 3, shuffle+deflate(4)\n"
        "/run: group\n"
        "/run/stages: group; kind=\"table\"\n"
        "/run/stages/name: string[0], contiguous, uncompressed\n");
}

TEST_CASE("write_results_h5 rejects invalid documents before creating anything", "[hdf5]") {
  test::TempDir dir("h5");
  const fs::path file = dir / "bad.h5";
  auto with_dataset = [](std::string path) {
    ResultsDocument doc;
    doc.datasets.push_back({std::move(path), std::vector<double>{1.0}, {}});
    return doc;
  };
  struct Case {
    std::string name;
    ResultsDocument doc;
    std::string message;  // expected part of what()
  };
  std::vector<Case> cases;
  cases.push_back({"relative path", with_dataset("a/b"), "'a/b': path must start with '/'"});
  cases.push_back({"empty path", with_dataset(""), "empty path"});
  cases.push_back({"root as dataset", with_dataset("/"), "root"});
  cases.push_back({"trailing slash", with_dataset("/a/"), "'/a/': path must not end with '/'"});
  cases.push_back({"empty component", with_dataset("/a//b"), "'/a//b': path has an empty component"});
  cases.push_back({"dot component", with_dataset("/a/./b"), "'.' or '..'"});
  {
    ResultsDocument doc = with_dataset("/a/b");
    doc.datasets.push_back({"/a/b", std::vector<std::int64_t>{1}, {}});
    cases.push_back({"duplicate dataset", std::move(doc), "'/a/b' appears twice (as dataset and as dataset)"});
  }
  {
    ResultsDocument doc = with_dataset("/a/b");
    doc.groups.push_back({"/a/b", {}});
    cases.push_back({"group and dataset", std::move(doc), "'/a/b' appears twice (as group and as dataset)"});
  }
  {
    ResultsDocument doc = with_dataset("/a");
    doc.datasets.push_back({"/a/b/c", std::vector<double>{}, {}});
    cases.push_back({"dataset as parent", std::move(doc), "'/a/b/c' is inside '/a', which is a dataset"});
  }
  {
    ResultsDocument doc;
    doc.groups.push_back({"/g", {{"x", std::int64_t{1}}, {"x", 2.0}}});
    cases.push_back({"duplicate attribute", std::move(doc), "attribute 'x' of '/g' appears twice"});
  }
  {
    ResultsDocument doc;
    doc.root_attributes.push_back({"", std::int64_t{1}});
    cases.push_back({"empty attribute name", std::move(doc), "an attribute of '/' has an empty name"});
  }
  {
    ResultsDocument doc;
    doc.root_attributes.push_back({"s", std::string("a\0b", 3)});
    cases.push_back({"NUL in attribute", std::move(doc), "attribute 's' of '/' contains a NUL byte"});
  }
  {
    ResultsDocument doc;
    doc.datasets.push_back({"/nodes/id", strings({"ok", "fine", std::string_view("b\0d", 3), "x"}), {}});
    cases.push_back({"NUL in string data", std::move(doc), "dataset '/nodes/id' row 2 contains a NUL byte"});
  }
  for (const Case& c : cases) {
    INFO(c.name);
    try {
      write_results_h5(file, c.doc);
      FAIL("no exception");
    } catch (const OutputError& e) {
      CHECK_THAT(e.what(), Catch::StartsWith(file.string() + ": invalid results document: "));
      CHECK_THAT(e.what(), Catch::Contains(c.message));
    }
    CHECK(fs::is_empty(dir.path()));
  }
  CHECK_THROWS_AS(write_results_h5(file, {}, {10, 100}), InvalidArgument);
  CHECK_THROWS_AS(write_results_h5(file, {}, {-1, 100}), InvalidArgument);
  CHECK_THROWS_AS(write_results_h5(file, {}, {4, 0}), InvalidArgument);
  CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("reading errors are InputError naming the file", "[hdf5]") {
  test::TempDir dir("h5");
  const fs::path text = dir / "edges.tsv";
  std::ofstream(text) << "alice\tbob\n";
  const fs::path missing = dir / "missing.h5";
  const fs::path good = dir / "good.h5";
  ResultsDocument doc;
  doc.groups.push_back({"/g", {}});
  doc.datasets.push_back({"/g/x", std::vector<double>{1.0}, {}});
  write_results_h5(good, doc);

  auto message = [](auto&& f) -> std::string {
    try {
      f();
    } catch (const InputError& e) {
      return e.what();
    }
    return "no InputError";
  };
  CHECK(message([&] { list_objects_h5(text); }) == text.string() + ": not an HDF5 file");
  CHECK(message([&] { read_dataset_h5(text, "/x"); }) == text.string() + ": not an HDF5 file");
  CHECK(message([&] { describe_results_h5(text); }) == text.string() + ": not an HDF5 file");
  CHECK(message([&] { read_attributes_h5(missing, "/"); }) == missing.string() + ": no such file");
  CHECK(message([&] { read_dataset_h5(dir.path(), "/x"); }) == dir.path().string() + ": is a directory, not an HDF5 file");
  CHECK(message([&] { read_dataset_h5(good, "/g/y"); }) == good.string() + ": no object '/g/y'");
  CHECK(message([&] { read_dataset_h5(good, "/nope/deeper/y"); }) == good.string() + ": no object '/nope/deeper/y'");
  CHECK(message([&] { read_dataset_h5(good, "/g/x/below"); }) == good.string() + ": no object '/g/x/below'");
  CHECK(message([&] { read_dataset_h5(good, "/g"); }) == good.string() + ": '/g' is a group, expected a dataset");
  CHECK(message([&] { read_attributes_h5(good, "g"); }) == good.string() + ": object path 'g' must start with '/'");
  CHECK(message([&] { read_attributes_h5(good, "/g//x"); }) == good.string() + ": object path '/g//x' has an empty component");
  // A truncated HDF5 file: the signature is there, the rest is not.
  const fs::path truncated = dir / "truncated.h5";
  {
    std::ifstream in(good, std::ios::binary);
    std::string head(600, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    std::ofstream(truncated, std::ios::binary) << head;
  }
  const std::string m = message([&] { read_dataset_h5(truncated, "/g/x"); });
  CHECK_THAT(m, Catch::StartsWith(truncated.string() + ": "));
  CHECK(m != "no InputError");
}

TEST_CASE("read_dataset_h5 and read_attributes_h5 accept files written by h5py", "[hdf5][oracle]") {
  if (!have_h5py()) {
    WARN("skipped: /usr/bin/python3 with h5py and numpy not available");
    return;
  }
  test::TempDir dir("h5");
  const fs::path file = dir / "foreign.h5";
  const std::string script = R"PY(
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], 'w') as f:
    f['f32'] = np.array([1.5, -2.25, 3.0], dtype='<f4')
    f['i32'] = np.array([-5, 0, 2147483647], dtype='<i4')
    f['u8'] = np.array([0, 255], dtype='u1')
    f['u64_ok'] = np.array([0, 2**63 - 1], dtype='<u8')
    f['u64_big'] = np.array([1, 2**63], dtype='<u8')
    f['be64'] = np.array([1.25, 2.5], dtype='>f8')
    f['fixed'] = np.array([b'ab', b'c', b''], dtype='S3')
    f['ascii_vlen'] = np.array([b'x', b'yz'], dtype=h5py.string_dtype('ascii'))
    f['matrix'] = np.zeros((2, 3))
    f['compound'] = np.zeros(2, dtype=[('a', '<i4'), ('b', '<f8')])
    g = f.create_group('g')
    g.attrs['i32'] = np.int32(-7)
    g.attrs['f32'] = np.float32(0.5)
    g.attrs['text'] = 'h\u00e9llo'
    g.attrs['fixed'] = np.bytes_(b'fix')
    g.attrs['one'] = np.array([3], dtype='<i8')
    h = f.create_group('h')
    h.attrs['flag'] = True
    h.attrs['list'] = [1, 2, 3]
print('written')
)PY";
  const test::ProcessResult r = run_oracle(dir, script, file);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);

  CHECK(std::get<std::vector<double>>(read_dataset_h5(file, "/f32")) == std::vector<double>{1.5, -2.25, 3.0});
  CHECK(std::get<std::vector<double>>(read_dataset_h5(file, "/be64")) == std::vector<double>{1.25, 2.5});
  CHECK(std::get<std::vector<std::int64_t>>(read_dataset_h5(file, "/i32")) ==
        std::vector<std::int64_t>{-5, 0, 2147483647});
  CHECK(std::get<std::vector<std::int64_t>>(read_dataset_h5(file, "/u8")) == std::vector<std::int64_t>{0, 255});
  CHECK(std::get<std::vector<std::int64_t>>(read_dataset_h5(file, "/u64_ok")) ==
        std::vector<std::int64_t>{0, std::numeric_limits<std::int64_t>::max()});
  CHECK_THROWS_WITH(read_dataset_h5(file, "/u64_big"),
                    file.string() + ": dataset '/u64_big' row 1: value does not fit a signed 64-bit integer");
  CHECK(std::get<StringColumn>(read_dataset_h5(file, "/fixed")) == strings({"ab", "c", ""}));
  CHECK(std::get<StringColumn>(read_dataset_h5(file, "/ascii_vlen")) == strings({"x", "yz"}));
  CHECK_THROWS_WITH(read_dataset_h5(file, "/matrix"), file.string() + ": dataset '/matrix' has 2 dimensions, expected 1");
  CHECK_THROWS_WITH(read_dataset_h5(file, "/compound"),
                    file.string() + ": dataset '/compound' has type compound, expected float, integer or string");

  const auto attrs = read_attributes_h5(file, "/g");  // h5py does not track order: sorted by name
  REQUIRE(attrs.size() == 5);
  CHECK(attrs[0].name == "f32");
  CHECK(std::get<double>(attrs[0].value) == 0.5);
  CHECK(attrs[1].name == "fixed");
  CHECK(std::get<std::string>(attrs[1].value) == "fix");
  CHECK(attrs[2].name == "i32");
  CHECK(std::get<std::int64_t>(attrs[2].value) == -7);
  CHECK(attrs[3].name == "one");
  CHECK(std::get<std::int64_t>(attrs[3].value) == 3);
  CHECK(attrs[4].name == "text");
  CHECK(std::get<std::string>(attrs[4].value) == "h\xc3\xa9llo");
  CHECK_THROWS_WITH(read_attributes_h5(file, "/h"),
                    file.string() + ": attribute 'flag' of '/h' has type enum, expected a scalar integer, float or string");
  // describe_results_h5 shows what it cannot convert instead of failing.
  const std::string text = describe_results_h5(file);
  CHECK_THAT(text, Catch::Contains("/h: group; flag=<enum>, list=<int64[3]>\n"));
  CHECK_THAT(text, Catch::Contains("/matrix: float64[2x3], contiguous, uncompressed\n"));
  CHECK_THAT(text, Catch::Contains("/fixed: string(fixed 3)[3], contiguous, uncompressed\n"));
}
