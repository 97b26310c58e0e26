// Resumable runs through the executable: a run killed mid-way (SIGTERM through the real handler)
// and resumed writes the same results as an uninterrupted run; changed parameters or inputs rerun
// exactly the stages that depend on them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "datasets/embedded/karate.hpp"
#include "io/hdf5/results_reader.hpp"
#include "tests/support/columns.hpp"
#include "tests/support/files.hpp"
#include "tests/support/process.hpp"

using namespace peerscout;

namespace {

void write_inputs(const test::TempDir& dir, bool extra_edge = false) {
  std::ostringstream follows, friends;
  for (const auto& e : datasets::kKarateEdgeList) {
    follows << "m" << e.u << "\tm" << e.v << "\n";
    if ((e.u + e.v) % 3 == 0) follows << "m" << e.v << "\tm" << e.u << "\n";
    if ((e.u + e.v) % 2 == 0) friends << "m" << e.u << "\tm" << e.v << "\n";
  }
  if (extra_edge) follows << "m5\tm30\n";
  dir.write("follows.tsv", follows.str());
  dir.write("friends.tsv", friends.str());
}

std::vector<std::string> command(const std::string& out, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{test::peerscout_exe().string(), "analyze", "--follows", "follows.tsv", "--friends",
                                "friends.tsv", "--analyses", "degree,pagerank,coreness,leiden,betweenness_approx,imm",
                                "--k", "3", "--simulations", "200", "--seed", "5", "--out", out};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// Everything except timings and provenance that differ between any two runs.
bool timing(const std::string& name) {
  return name == "seconds" || name == "created_utc" || name == "command_line" || name == "wall_seconds" ||
         name == "peak_rss_bytes" || name == "peak_bytes_per_edge";
}

void check_same_results(const std::filesystem::path& a, const std::filesystem::path& b) {
  const auto objects = io::list_objects_h5(a);
  REQUIRE(objects == io::list_objects_h5(b));
  for (const auto& o : objects) {
    INFO(o);
    if (o.rfind("/run/stages", 0) == 0) continue;  // per-run timings and memory
    auto attrs = [&](const std::filesystem::path& f) {
      std::vector<Attribute> out;
      for (auto& at : io::read_attributes_h5(f, o))
        if (!timing(at.name)) out.push_back(std::move(at));
      return out;
    };
    const auto aa = attrs(a), ab = attrs(b);
    REQUIRE(aa.size() == ab.size());
    for (std::size_t i = 0; i < aa.size(); ++i) {
      INFO(aa[i].name);
      CHECK(aa[i].name == ab[i].name);
      CHECK(aa[i].value == ab[i].value);
    }
    ColumnData da, db;
    try {
      da = io::read_dataset_h5(a, o);
    } catch (const std::exception&) {
      continue;  // a group
    }
    db = io::read_dataset_h5(b, o);
    CHECK(test::same_column(da, db));
  }
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("cli resume: killed mid-run and resumed equals an uninterrupted run", "[cli][resume]") {
  test::TempDir dir("resume");
  write_inputs(dir);
  const auto full = test::run_process(command("full.h5", {"-q"}), dir.path());
  INFO(full.err);
  REQUIRE(full.exit_code == 0);

  std::vector<std::string> killed{"/usr/bin/env", "PEERSCOUT_TEST_SIGNAL_AFTER=leiden/trust"};
  for (const auto& a : command("r.h5")) killed.push_back(a);
  const auto k = test::run_process(killed, dir.path());
  INFO(k.err);
  REQUIRE(k.exit_code == 130);
  CHECK_THAT(k.err, Catch::Contains("completed stages kept in r.checkpoint.h5") && Catch::Contains("--resume"));
  CHECK(std::filesystem::exists(dir / "r.checkpoint.h5"));
  CHECK_FALSE(std::filesystem::exists(dir / "r.h5"));

  const auto resumed = test::run_process(command("r.h5", {"--resume"}), dir.path());
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK_THAT(resumed.err, Catch::Contains("resumed from r.checkpoint.h5"));
  CHECK_THAT(resumed.err, Catch::Contains("leiden/trust") );
  CHECK(count(resumed.err, "resumed from") >= 5);  // degree x3, pagerank x3, coreness x2, leiden
  CHECK_FALSE(std::filesystem::exists(dir / "r.checkpoint.h5"));  // removed once complete
  check_same_results(dir / "full.h5", dir / "r.h5");
  CHECK(test::read_file(dir / "shortlist.csv").size() > 0);
}

TEST_CASE("cli resume: changed parameters or inputs rerun what depends on them", "[cli][resume]") {
  test::TempDir dir("resume-change");
  write_inputs(dir);
  REQUIRE(test::run_process(command("r.h5", {"-q"}), dir.path()).exit_code == 0);

  // Same everything: every stage comes back from the results file.
  auto r = test::run_process(command("r.h5", {"--resume"}), dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("resumed from r.h5"));
  const auto stages = std::get<StringColumn>(io::read_dataset_h5(dir / "r.h5", "/run/resume/stage"));
  CHECK(stages.size() >= 10);
  CHECK(count(r.err, "resumed from r.h5") == stages.size());

  // PageRank damping: only the pagerank stages (and influence, which reads earlier results) rerun.
  r = test::run_process(command("r.h5", {"--resume", "--damping", "0.8"}), dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("degree/follows") && Catch::Contains("coreness/trust"));
  for (const std::string stage : {"degree/follows", "coreness/trust", "leiden/trust", "betweenness_approx/trust"}) {
    INFO(stage);
    const auto line = r.err.substr(r.err.find(stage + " "), 80);
    CHECK_THAT(line, Catch::Contains("resumed"));
  }
  for (const std::string stage : {"pagerank/follows", "pagerank/trust", "imm/follows"}) {
    INFO(stage);
    const auto line = r.err.substr(r.err.find(stage + " "), 80);
    CHECK_THAT(line, !Catch::Contains("resumed"));
  }
  const auto damping_params = io::read_attributes_h5(dir / "r.h5", "/centrality/follows/pagerank");
  bool found = false;
  for (const auto& a : damping_params)
    if (a.name == "parameters") found = std::get<std::string>(a.value).find("\"damping\":0.8") != std::string::npos;
  CHECK(found);

  // A changed input file: nothing is reused.
  write_inputs(dir, true);
  r = test::run_process(command("r.h5", {"--resume", "--damping", "0.8"}), dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(count(r.err, "resumed from") == 0);
}
