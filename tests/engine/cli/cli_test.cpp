// End-to-end tests of the `peerscout` executable: exit codes, messages, outputs.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "algorithms/centrality/pagerank.hpp"
#include "engine/csr_builder.hpp"
#include "engine/error.hpp"
#include "io/hdf5/results_reader.hpp"
#include "tests/support/columns.hpp"
#include "tests/support/igraph_oracle.hpp"
#include "tests/support/process.hpp"

using namespace peerscout;
using test::run_process;
using test::TempDir;

namespace {

test::ProcessResult run_cli(std::vector<std::string> args, const std::filesystem::path& cwd = {}) {
  std::vector<std::string> full{test::peerscout_exe().string()};
  for (auto& a : args) full.push_back(std::move(a));
  return run_process(full, cwd);
}

std::vector<std::string> strings_of(const ColumnData& c) {
  const auto& s = std::get<StringColumn>(c);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size(); ++i) out.emplace_back(s[i]);
  return out;
}

}  // namespace

TEST_CASE("cli: --version and --help exit 0", "[cli]") {
  auto v = run_cli({"--version"});
  CHECK(v.exit_code == 0);
  CHECK_THAT(v.out, Catch::StartsWith("peerscout 0."));
  auto h = run_cli({"analyze", "--help"});
  CHECK(h.exit_code == 0);
  CHECK_THAT(h.out, Catch::Contains("--follows"));
}

TEST_CASE("cli: usage errors exit 2 with a clear message", "[cli]") {
  TempDir dir("cli");
  const auto f = dir.write("f.tsv", "a b\n");
  auto unknown_flag = run_cli({"analyze", "--bogus"});
  CHECK(unknown_flag.exit_code == 2);
  auto bad_analysis = run_cli({"analyze", "--follows", f.string(), "--analyses", "pagernk", "--out", (dir / "r.h5").string()});
  CHECK(bad_analysis.exit_code == 2);
  CHECK_THAT(bad_analysis.err, Catch::Contains("unknown analysis 'pagernk'") && Catch::Contains("did you mean 'pagerank'?"));
  auto bad_layer = run_cli({"analyze", "--follows", f.string(), "--layers", "follow", "--out", (dir / "r.h5").string()});
  CHECK(bad_layer.exit_code == 2);
  CHECK_THAT(bad_layer.err, Catch::Contains("unknown layer 'follow'") && Catch::Contains("did you mean 'follows'?"));
  auto no_job = run_cli({"run"});
  CHECK(no_job.exit_code == 2);
  CHECK(dir.files() == std::vector<std::string>{"f.tsv"});
}

TEST_CASE("cli: bad input exits 3, names file and line, and writes nothing", "[cli][malformed]") {
  TempDir dir("cli");
  dir.write("follows.tsv", "anna ben\nben carl\ncarl\n");
  const auto out = dir / "results.h5";
  auto r = run_cli({"analyze", "--follows", "follows.tsv", "--out", "results.h5"}, dir.path());
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::StartsWith("peerscout: error: follows.tsv:3: expected 2 columns, found 'carl'"));
  CHECK(dir.files() == std::vector<std::string>{"follows.tsv"});  // no results, shortlist or temporary file

  SECTION("--on-error=skip reports the bad line and goes on") {
    auto s = run_cli({"analyze", "--follows", "follows.tsv", "--out", "results.h5", "--on-error", "skip"}, dir.path());
    CHECK(s.exit_code == 0);
    CHECK_THAT(s.err, Catch::Contains("skipped 1 bad lines") && Catch::Contains("follows.tsv:3: expected 2 columns"));
    CHECK(strings_of(io::read_dataset_h5(out, "/nodes/id")) == std::vector<std::string>{"anna", "ben", "carl"});
  }
}

TEST_CASE("cli: missing input, unwritable output, bad job file", "[cli][malformed]") {
  TempDir dir("cli");
  const auto f = dir.write("f.tsv", "a b\n");
  auto missing = run_cli({"analyze", "--follows", (dir / "nope.tsv").string(), "--out", (dir / "r.h5").string()});
  CHECK(missing.exit_code == 3);
  CHECK_THAT(missing.err, Catch::Contains("nope.tsv: cannot open: No such file or directory"));

  auto unwritable = run_cli({"analyze", "--follows", f.string(), "--out", (dir / "no/such/dir/r.h5").string()});
  CHECK(unwritable.exit_code == 4);
  CHECK_THAT(unwritable.err, Catch::Contains("does not exist"));
  CHECK_THAT(unwritable.err, !Catch::Contains("ingest"));  // refused before any work

  dir.write("job.toml", "[run]\nout = \"r.h5\"\ntreads = 2\n[[follows]]\npath = \"f.tsv\"\n");
  auto job = run_cli({"run", (dir / "job.toml").string()});
  CHECK(job.exit_code == 3);
  CHECK_THAT(job.err, Catch::Contains("job.toml:3: unknown key 'treads' in [run]; did you mean 'threads'?"));

  dir.write("syntax.toml", "[run\nout = 1\n");
  auto syntax = run_cli({"run", (dir / "syntax.toml").string()});
  CHECK(syntax.exit_code == 3);
  CHECK_THAT(syntax.err, Catch::Contains("syntax.toml:1:"));

  dir.write("type.toml", "[run]\ntop = \"ten\"\n[[follows]]\npath = \"f.tsv\"\n");
  auto type = run_cli({"run", (dir / "type.toml").string()});
  CHECK(type.exit_code == 3);
  CHECK_THAT(type.err, Catch::Contains("type.toml:2: expected an integer for 'top'"));
  CHECK(dir.files() == std::vector<std::string>{"f.tsv", "job.toml", "syntax.toml", "type.toml"});
}

TEST_CASE("cli: one id space across layers, results match an independent computation", "[cli][oracle]") {
  TempDir dir("cli");
  // String handles shared across three files; the follows file has a header and a comment.
  dir.write("follows.csv", "follower,followee\n# exported 2026-11-01\n@anna,@ben\n@ben,@anna\n@carl,@anna\n@dora,@carl\n@anna,@carl\n");
  dir.write("friends.tsv", "@carl\t@dora\n@ben\t@eve\n");
  dir.write("likes.tsv", "source\ttarget\ttype\tcount\n@carl\t@anna\tshare\t2\n@anna\t@ben\tlike\t5\n@anna\t@ben\tcomment\t1\n");
  dir.write("people.csv", "id,region\n@anna,north\n@ben,south\n@carl,north\n@dora,east\n@eve,east\n@fred,west\n");
  auto r = run_cli({"analyze", "--follows", "follows.csv", "--friends", "friends.tsv", "--interactions", "likes.tsv",
                      "--nodes", "people.csv", "--out", "r.h5", "--top", "3", "--seed", "5"},
                     dir.path());
  REQUIRE(r.exit_code == 0);
  const auto file = dir / "r.h5";
  // Handles: byte order (no integers here); @fred only in people.csv is an isolated vertex.
  const std::vector<std::string> ids = {"@anna", "@ben", "@carl", "@dora", "@eve", "@fred"};
  CHECK(strings_of(io::read_dataset_h5(file, "/nodes/id")) == ids);
  CHECK(strings_of(io::read_dataset_h5(file, "/nodes/region")) ==
        std::vector<std::string>{"north", "south", "north", "east", "east", "west"});
  CHECK(std::get<std::vector<std::int64_t>>(io::read_dataset_h5(file, "/centrality/follows/in_degree")) ==
        std::vector<std::int64_t>{2, 1, 2, 0, 0, 0});
  // Interactions: like=1 x 5 + comment=2 x 1 = 7 from anna to ben; share=3 x 2 = 6 from carl to anna.
  CHECK(std::get<std::vector<double>>(io::read_dataset_h5(file, "/centrality/interactions/in_strength")) ==
        std::vector<double>{6, 7, 0, 0, 0, 0});
  // Trust: anna-ben (mutual follow, 1 + 7), anna-carl (mutual follow, 1 + 6), carl-dora and
  // ben-eve (friends, 1 each).
  CHECK(std::get<std::vector<std::int64_t>>(io::read_dataset_h5(file, "/centrality/trust/degree")) ==
        std::vector<std::int64_t>{2, 2, 2, 1, 1, 0});
  CHECK(std::get<std::vector<double>>(io::read_dataset_h5(file, "/centrality/trust/strength")) ==
        std::vector<double>{15, 9, 8, 1, 1, 0});
  // PageRank on follows vs igraph's PRPACK on the same graph built by hand.
  EdgeList el;
  for (auto [u, v] : std::vector<std::pair<VertexId, VertexId>>{{0, 1}, {1, 0}, {2, 0}, {3, 2}, {0, 2}}) el.add(u, v);
  const auto g = build_csr(std::move(el), 6, {.directed = true}).graph;
  const auto expected = test::igraph_pagerank(g, 0.85, false);
  const auto got = std::get<std::vector<double>>(io::read_dataset_h5(file, "/centrality/follows/pagerank"));
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) CHECK(std::abs(got[i] - expected[i]) <= 1e-9);
  // Shortlist (docs/roles.md): 3 rows with the documented columns, then the node attributes.
  std::ifstream sl(dir / "shortlist.csv");
  std::string header, line;
  std::getline(sl, header);
  CHECK(header == "rank,id,score,labels,role,community,followers,reach,trust,local,gain,audience,new_audience,"
                  "communities,reasons,reason_kinds,region");
  int rows = 0;
  while (std::getline(sl, line)) CHECK_THAT(line, Catch::StartsWith(std::to_string(++rows) + ",@"));
  CHECK(rows == 3);
  // Provenance attributes.
  bool seed_ok = false;
  for (const auto& a : io::read_attributes_h5(file, "/"))
    if (a.name == "seed") seed_ok = std::get<std::int64_t>(a.value) == 5;
  CHECK(seed_ok);
}

TEST_CASE("cli: the results file is identical for 1 and 2 threads", "[cli][threads]") {
  TempDir dir("cli");
  auto one = run_cli({"analyze", "--demo-people", "3000", "--threads", "1", "--out", (dir / "one.h5").string(), "--quiet"});
  auto two = run_cli({"analyze", "--demo-people", "3000", "--threads", "2", "--out", (dir / "two.h5").string(), "--quiet"});
  REQUIRE(one.exit_code == 0);
  REQUIRE(two.exit_code == 0);
  const auto a = io::list_objects_h5(dir / "one.h5");
  const auto b = io::list_objects_h5(dir / "two.h5");
  REQUIRE(a == b);
  int datasets = 0;
  for (const auto& path : a) {
    if (path.rfind("/run", 0) == 0) continue;  // timings and memory differ by nature
    ColumnData x, y;
    try {
      x = io::read_dataset_h5(dir / "one.h5", path);
    } catch (const InputError&) {
      continue;  // a group
    }
    y = io::read_dataset_h5(dir / "two.h5", path);
    INFO(path);
    CHECK(test::same_column(x, y));
    ++datasets;
  }
  CHECK(datasets > 20);
  // The demo's text outputs too.
  auto slurp = [](const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  CHECK(slurp(dir / "demo-network" / "follows.tsv").size() > 1000);
}

TEST_CASE("cli: generate and info", "[cli]") {
  TempDir dir("cli");
  auto gen = run_cli({"generate", "rmat", "--scale", "8", "--edge-factor", "4", "--out", (dir / "g.el").string()});
  REQUIRE(gen.exit_code == 0);
  std::ifstream in(dir / "g.el");
  std::size_t lines = 0;
  for (std::string l; std::getline(in, l);) ++lines;
  CHECK(lines == 256 * 4);
  auto run = run_cli({"analyze", "--follows", (dir / "g.el").string(), "--out", (dir / "g.h5").string(), "--quiet",
                        "--analyses", "degree"});
  REQUIRE(run.exit_code == 0);
  auto info = run_cli({"info", (dir / "g.h5").string()});
  CHECK(info.exit_code == 0);
  CHECK_THAT(info.out, Catch::Contains("/: format=\"peerscout\"") && Catch::Contains("/centrality/follows/in_degree: int64["));
  auto bad = run_cli({"info", (dir / "g.el").string()});
  CHECK(bad.exit_code == 3);
}
