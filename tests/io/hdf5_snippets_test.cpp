// docs/hdf5_schema.md stays true: a small file laid out exactly as documented (a fake 5-vertex run)
// is checked against the doc's layout tables, and every Python snippet of the doc is run against
// it with /usr/bin/python3 (h5py, pandas); each must print exactly what is expected here.
#include <catch2/catch.hpp>

#include <stdlib.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "engine/job/analyses.hpp"
#include "engine/job/pipeline.hpp"
#include "io/hdf5/results_reader.hpp"
#include "io/hdf5/results_writer.hpp"
#include "tests/support/files.hpp"
#include "tests/support/python.hpp"

using namespace peerscout;
using namespace peerscout::io;
namespace fs = std::filesystem;

namespace {


using test::python_has;

StringColumn strings(std::initializer_list<std::string_view> values) {
  StringColumn c;
  for (auto v : values) c.push_back(v);
  return c;
}

/// A tiny run, laid out exactly per docs/hdf5_schema.md. The follows layer (directed, unweighted):
///   ben->ana, 1042->ana, dora->ana, eli->ana, ana->ben, dora->1042, eli->dora
/// (plus one self-loop and no duplicates in the input). The values are the true ones: PageRank
/// (damping 0.85, power iteration to an L1 change < 1e-12), coreness of the undirected view,
/// weak and strong components numbered by smallest vertex id.
ResultsDocument fake_run() {
  using A = std::vector<Attribute>;
  auto s = [](const char* v) { return AttributeValue(std::string(v)); };
  auto i = [](std::int64_t v) { return AttributeValue(v); };
  auto d = [](double v) { return AttributeValue(v); };
  const std::string degree_params = R"({"mode": "in"})";
  ResultsDocument doc;
  doc.root_attributes = A{{"format", s("peerscout")},
                          {"format_version", i(1)},
                          {"peerscout_version", s("0.1.0 (git abc123def456)")},
                          {"created_utc", s("2026-11-23T22:41:07Z")},
                          {"command_line", s("peerscout run job.toml --seed 42 --threads 2")},
                          {"seed", i(42)},
                          {"threads", i(2)}};
  doc.groups = {
      {"/layers/follows",
       A{{"directed", i(1)}, {"weighted", i(0)}, {"vertices", i(5)}, {"edges", i(7)}, {"input_edges", i(8)},
         {"self_loops_dropped", i(1)}, {"duplicates_merged", i(0)}, {"source_files", s("follows.tsv")}}},
      {"/run",
       A{{"wall_seconds", d(0.061)}, {"peak_rss_bytes", i(9'437'184)}, {"peak_bytes_per_edge", d(1348169.14)}}},
      {"/run/stages", A{{"kind", s("table")}}},
  };
  auto measure = [&](const char* algorithm, const char* parameters, double seconds) {
    return A{{"algorithm", s(algorithm)}, {"parameters", s(parameters)}, {"seconds", d(seconds)}};
  };
  A pagerank_attrs = measure("pagerank (pull, Jacobi)", R"({"damping": 0.85, "tolerance": 1e-12, "max_iterations": 1000})",
                             0.0021);
  pagerank_attrs.push_back({"iterations", i(167)});
  pagerank_attrs.push_back({"converged", i(1)});
  pagerank_attrs.push_back({"residual", d(9.796607969292381e-13)});
  doc.datasets = {
      {"/nodes/id", strings({"ana", "ben", "1042", "dora", "eli"}), {}},
      {"/nodes/region", strings({"north", "south", "north", "", "east"}), {}},
      {"/nodes/age", std::vector<double>{34.0, 27.0, std::numeric_limits<double>::quiet_NaN(), 45.0, 19.0}, {}},
      {"/centrality/follows/in_degree", std::vector<std::int64_t>{4, 1, 1, 1, 0},
       measure("degree", degree_params.c_str(), 0.0001)},
      {"/centrality/follows/out_degree", std::vector<std::int64_t>{1, 1, 1, 2, 2},
       measure("degree", R"({"mode": "out"})", 0.0001)},
      {"/centrality/follows/pagerank",
       std::vector<double>{0.458962837838063, 0.42011841216193724, 0.04816875000000001, 0.04275000000000001,
                           0.030000000000000006},
       pagerank_attrs},
      {"/centrality/follows/coreness", std::vector<std::int64_t>{2, 1, 2, 2, 2},
       measure("coreness (Batagelj-Zaversnik)", R"({"mode": "all"})", 0.0002)},
      {"/components/follows/weak", std::vector<std::int64_t>{0, 0, 0, 0, 0},
       A{{"count", i(1)}, {"largest", i(5)}, {"seconds", d(0.0001)}}},
      {"/components/follows/strong", std::vector<std::int64_t>{0, 0, 1, 2, 3},
       A{{"count", i(4)}, {"largest", i(2)}, {"seconds", d(0.0001)}}},
      {"/run/stages/name",
       strings({"load/follows", "build/follows", "centrality/follows/pagerank", "components/follows", "write"}), {}},
      {"/run/stages/seconds", std::vector<double>{0.012, 0.004, 0.021, 0.002, 0.008}, {}},
      {"/run/stages/peak_rss_bytes",
       std::vector<std::int64_t>{4'194'304, 6'291'456, 8'388'608, 8'388'608, 9'437'184}, {}},
  };
  return doc;
}

/// What each Python snippet of the doc prints for fake_run().
const std::map<std::string, std::string> kExpectedOutput = {
    {"h5py_pagerank", "peerscout 1\nconverged: True\nana 0.459\nben 0.4201\n1042 0.0482\n"},
    {"h5py_layers",
     "0.1.0 (git abc123def456) seed 42\nfollows directed 5 vertices 7 edges from follows.tsv\ndamping 0.85\n"},
    {"pandas_centrality", "['in_degree', 'out_degree', 'pagerank', 'coreness']\n4 0.459\n['ana', 'ben']\n"},
    {"pandas_stages", "['name', 'seconds', 'peak_rss_bytes']\ncentrality/follows/pagerank 5\n"},
};

std::string read_schema_doc() {
  std::ifstream in(fs::path(PEERSCOUT_SOURCE_DIR) / "docs/hdf5_schema.md");
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

struct Snippet {
  std::string name;
  std::string language;
  std::string code;
};

/// Code blocks preceded by a `<!-- snippet: NAME -->` line.
std::vector<Snippet> extract_snippets(const std::string& doc) {
  std::vector<Snippet> out;
  std::istringstream in(doc);
  std::string line;
  const std::regex marker(R"(^<!-- snippet: ([A-Za-z0-9_]+) -->\s*$)");
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, marker)) continue;
    Snippet s{m[1], "", ""};
    std::getline(in, line);
    REQUIRE(line.rfind("```", 0) == 0);  // the fence follows the marker directly
    s.language = line.substr(3);
    while (std::getline(in, line) && line.rfind("```", 0) != 0) s.code += line + "\n";
    out.push_back(std::move(s));
  }
  return out;
}

struct LayoutRow {
  std::string path_pattern;  // "/centrality/<layer>/pagerank"
  std::regex path;
  std::string type;
  std::set<std::string> attributes;
};

/// Rows of the "| path | type | shape | attributes | meaning |" tables.
std::vector<LayoutRow> extract_layout(const std::string& doc) {
  std::vector<LayoutRow> rows;
  std::istringstream in(doc);
  std::string line;
  const std::regex backticked("`([^`]+)`");
  while (std::getline(in, line)) {
    if (line.rfind("| `/", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line.substr(1));
    std::string cell;
    while (std::getline(ss, cell, '|')) cells.push_back(cell);
    REQUIRE(cells.size() >= 5);
    std::smatch m;
    REQUIRE(std::regex_search(cells[0], m, backticked));
    LayoutRow row;
    row.path_pattern = m[1];
    const std::string re = std::regex_replace(row.path_pattern, std::regex("<[a-z_]+>"), "[^/]+");
    row.path = std::regex(re);
    row.type = cells[1];
    for (auto it = std::sregex_iterator(cells[3].begin(), cells[3].end(), backticked); it != std::sregex_iterator(); ++it)
      row.attributes.insert((*it)[1]);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string dtype_of(const fs::path& file, const std::string& path, const std::set<std::string>& groups) {
  if (groups.count(path) != 0 || path == "/") return "group";
  const ColumnData data = read_dataset_h5(file, path);
  if (std::holds_alternative<std::vector<double>>(data)) return "float64";
  if (std::holds_alternative<std::vector<std::int64_t>>(data)) return "int64";
  return "string";
}

/// Every object of `file` (groups found by trying to read them as datasets) must match a layout row
/// with the same dtype whose attribute list contains all the object's attributes.
void check_documented(const fs::path& file, const std::vector<LayoutRow>& layout) {
  for (const std::string& path : [&] {
         auto all = list_objects_h5(file);
         all.insert(all.begin(), "/");
         return all;
       }()) {
    INFO("object " << path);
    std::string dtype = "group";
    if (path != "/") {
      try {
        const ColumnData data = read_dataset_h5(file, path);
        dtype = std::holds_alternative<std::vector<double>>(data)         ? "float64"
                : std::holds_alternative<std::vector<std::int64_t>>(data) ? "int64"
                                                                           : "string";
      } catch (const peerscout::InputError&) {
      }
    }
    std::vector<std::string> attribute_names;
    for (const Attribute& a : read_attributes_h5(file, path)) attribute_names.push_back(a.name);
    bool documented = false;
    for (const LayoutRow& row : layout) {
      if (!std::regex_match(path, row.path)) continue;
      if (row.type.find(dtype) == std::string::npos) continue;
      if (std::all_of(attribute_names.begin(), attribute_names.end(),
                      [&](const std::string& a) { return row.attributes.count(a) != 0; }))
        documented = true;
    }
    CHECK(documented);
  }
}

}  // namespace

TEST_CASE("docs/hdf5_schema.md documents every object and attribute the pipeline writes", "[hdf5][docs][cli]") {
  const std::vector<LayoutRow> layout = extract_layout(read_schema_doc());
  test::TempDir dir("h5doc");
  const fs::path file = dir / "results.h5";
  peerscout::job::JobSpec spec;
  spec.demo = peerscout::job::DemoSpec{.people = 2000, .seed = 3, .dir = dir / "demo"};
  spec.out = file;
  spec.quiet = true;
  spec.analyses = peerscout::job::known_analyses();  // every analysis, so every dataset kind appears
  spec.customers = dir / "demo" / "customers.txt";     // written by the demo generation before it is read
  spec.centrality.top_k = 3;
  std::ostringstream out, log;
  peerscout::job::run_job(spec, out, log);
  check_documented(file, layout);
  // The sampled variants of closeness and harmonic (error bars).
  spec.analyses = {"closeness", "harmonic"};
  spec.centrality.closeness_mode = "sampled";
  spec.centrality.closeness_epsilon = 0.2;
  peerscout::job::run_job(spec, out, log);
  check_documented(file, layout);
  // Every measure the pipeline can write is in the table (no stale or missing rows).
  for (const char* p : {"/centrality/trust/closeness", "/centrality/trust/closeness_error_bar", "/run/stages/name",
                        "/run/resume/key", "/layers/trust"}) {
    INFO(p);
    const auto all = list_objects_h5(file);
    CHECK(std::find(all.begin(), all.end(), std::string(p)) != all.end());
  }
}

TEST_CASE("docs/hdf5_schema.md documents every object and attribute of a run file", "[hdf5][docs]") {
  const std::string doc = read_schema_doc();
  REQUIRE_FALSE(doc.empty());
  const std::vector<LayoutRow> layout = extract_layout(doc);
  REQUIRE(layout.size() >= 20);

  test::TempDir dir("h5doc");
  const fs::path file = dir / "results.h5";
  const ResultsDocument run = fake_run();
  write_results_h5(file, run);

  std::set<std::string> groups{"/"};
  std::vector<std::string> objects{"/"};
  for (const std::string& p : list_objects_h5(file)) {
    objects.push_back(p);
    const bool is_dataset = std::any_of(run.datasets.begin(), run.datasets.end(), [&](const Dataset& d) { return d.path == p; });
    if (!is_dataset) groups.insert(p);
  }
  for (const std::string& path : objects) {
    INFO("object " << path);
    const std::string dtype = dtype_of(file, path, groups);
    std::vector<std::string> attribute_names;
    for (const Attribute& a : read_attributes_h5(file, path)) attribute_names.push_back(a.name);
    bool documented = false;
    for (const LayoutRow& row : layout) {
      if (!std::regex_match(path, row.path)) continue;
      if (row.type.find(dtype) == std::string::npos) continue;
      const bool attributes_documented = std::all_of(attribute_names.begin(), attribute_names.end(),
                                                     [&](const std::string& a) { return row.attributes.count(a) != 0; });
      if (attributes_documented) documented = true;
    }
    CHECK(documented);
  }
  // The root row lists exactly the provenance attributes, all of which are always written.
  const auto root = std::find_if(layout.begin(), layout.end(), [](const LayoutRow& r) { return r.path_pattern == "/"; });
  REQUIRE(root != layout.end());
  std::set<std::string> root_written;
  for (const Attribute& a : run.root_attributes) root_written.insert(a.name);
  CHECK(root->attributes == root_written);
}

TEST_CASE("the Python snippets of docs/hdf5_schema.md run and print the expected values", "[hdf5][docs][oracle]") {
  const std::vector<Snippet> snippets = extract_snippets(read_schema_doc());
  std::set<std::string> python_names;
  for (const Snippet& s : snippets)
    if (s.language == "python") python_names.insert(s.name);
  std::set<std::string> expected_names;
  for (const auto& [name, output] : kExpectedOutput) expected_names.insert(name);
  CHECK(python_names == expected_names);  // a new or renamed snippet needs its expected output here

  if (!python_has("h5py, numpy")) {
    WARN("skipped running the snippets: /usr/bin/python3 with h5py and numpy not available");
    return;
  }
  const bool pandas = python_has("pandas");
  test::TempDir dir("h5doc");
  write_results_h5(dir / "results.h5", fake_run());
  for (const Snippet& s : snippets) {
    if (s.language != "python") continue;
    INFO("snippet " << s.name << ":\n" << s.code);
    if (!pandas && s.code.find("import pandas") != std::string::npos) {
      WARN("skipped snippet " << s.name << ": pandas not available");
      continue;
    }
    const test::ProcessResult r = test::run_python(dir.path(), s.name + ".py", s.code);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    const auto expected = kExpectedOutput.find(s.name);
    if (expected != kExpectedOutput.end()) CHECK(r.out == expected->second);
  }
}

TEST_CASE("the R snippet of docs/hdf5_schema.md names existing paths", "[hdf5][docs]") {
  // R is not installed on the test machine: the snippet is not executed, only its paths checked.
  const std::vector<Snippet> snippets = extract_snippets(read_schema_doc());
  test::TempDir dir("h5doc");
  const fs::path file = dir / "results.h5";
  write_results_h5(file, fake_run());
  const std::vector<std::string> objects = list_objects_h5(file);
  int r_snippets = 0;
  for (const Snippet& s : snippets) {
    if (s.language != "r") continue;
    ++r_snippets;
    int paths = 0;
    const std::regex quoted_path("\"(/[^\"]*)\"");
    for (auto it = std::sregex_iterator(s.code.begin(), s.code.end(), quoted_path); it != std::sregex_iterator(); ++it) {
      const std::string path = (*it)[1];
      INFO("snippet " << s.name << " path " << path);
      CHECK((path == "/" || std::find(objects.begin(), objects.end(), path) != objects.end()));
      ++paths;
    }
    CHECK(paths >= 3);
  }
  CHECK(r_snippets == 1);
}
