// The influence analyses through the executable: audience forms, exclusions, budget, errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "datasets/embedded/karate.hpp"
#include "engine/error.hpp"
#include "io/hdf5/results_reader.hpp"
#include "tests/support/files.hpp"
#include "tests/support/process.hpp"

using namespace peerscout;

namespace {

// Karate as a follower graph (both directions of every friendship are follows) with a region per
// member: the club split (0 -> "north", 1 -> "south").
void write_inputs(const test::TempDir& dir) {
  std::ostringstream follows, people;
  for (const auto& e : datasets::kKarateEdgeList) {
    follows << "m" << e.u << "\tm" << e.v << "\n" << "m" << e.v << "\tm" << e.u << "\n";
  }
  people << "id,region\n";
  for (VertexId v = 0; v < datasets::kKarateVertices; ++v)
    people << "m" << v << "," << (datasets::kKarateClub[v] == 0 ? "north" : "south") << "\n";
  dir.write("follows.tsv", follows.str());
  dir.write("people.csv", people.str());
  dir.write("exclude.txt", "# competitors' staff\nm0\nm33\nnobody\n");
}

test::ProcessResult run(const test::TempDir& dir, std::vector<std::string> extra) {
  std::vector<std::string> args{test::peerscout_exe().string(), "analyze", "--follows", "follows.tsv", "--nodes",
                                "people.csv", "--out", "r.h5", "-q", "--simulations", "300"};
  args.insert(args.end(), extra.begin(), extra.end());
  return test::run_process(args, dir.path());
}

std::int64_t int_attr(const std::filesystem::path& f, const std::string& obj, const std::string& name) {
  for (const auto& a : io::read_attributes_h5(f, obj))
    if (a.name == name) return std::get<std::int64_t>(a.value);
  FAIL("no attribute " << name);
  return -1;
}
double double_attr(const std::filesystem::path& f, const std::string& obj, const std::string& name) {
  for (const auto& a : io::read_attributes_h5(f, obj))
    if (a.name == name) return std::get<double>(a.value);
  FAIL("no attribute " << name);
  return -1;
}

}  // namespace

TEST_CASE("cli influence: targeted, with exclusions, baselines side by side", "[cli][influence]") {
  test::TempDir dir("imm");
  write_inputs(dir);
  const auto r = run(dir, {"--analyses", "imm", "--k", "3", "--audience", "region=north", "--exclude", "exclude.txt"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto f = dir / "r.h5";
  const std::string base = "/influence/follows/imm";
  const auto handles = std::get<StringColumn>(io::read_dataset_h5(f, base + "/seed_handles"));
  REQUIRE(handles.size() == 3);
  for (std::size_t i = 0; i < handles.size(); ++i) {
    CHECK(handles[i] != "m0");  // excluded
    CHECK(handles[i] != "m33");
  }
  CHECK(int_attr(f, base, "target_size") == 17);  // the north club
  CHECK(int_attr(f, base, "excluded") == 2);
  CHECK(int_attr(f, base, "excluded_unknown") == 1);
  const auto spread = std::get<std::vector<double>>(io::read_dataset_h5(f, base + "/spread"));
  REQUIRE(spread.size() == 1);
  CHECK(spread[0] >= 3.0);    // at least the north seeds themselves... or fewer if seeds are south
  CHECK(spread[0] <= 17.0);   // never more than the audience
  const auto curve = std::get<std::vector<double>>(io::read_dataset_h5(f, base + "/spread_curve"));
  REQUIRE(curve.size() == 3);
  CHECK(curve[0] <= curve[1]);
  CHECK(curve[1] <= curve[2]);
  CHECK(curve[2] == spread[0]);
  const auto methods = std::get<StringColumn>(io::read_dataset_h5(f, base + "/comparison/method"));
  CHECK(methods.size() == 5);
  CHECK(methods[0] == "imm");
}

TEST_CASE("cli influence: community audience, budget, errors", "[cli][influence]") {
  test::TempDir dir("imm");
  write_inputs(dir);
  SECTION("community=ID uses this run's Leiden result") {
    const auto r = run(dir, {"--analyses", "leiden,imm", "--k", "2", "--audience", "community=0"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto members = std::get<std::vector<std::int64_t>>(io::read_dataset_h5(dir / "r.h5", "/community/trust/leiden/membership"));
    const auto size = std::count(members.begin(), members.end(), 0);
    CHECK(int_attr(dir / "r.h5", "/influence/follows/imm", "target_size") == size);
  }
  SECTION("budget: total cost within budget") {
    const auto r = run(dir, {"--analyses", "imm", "--budget", "3.05"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const double cost = double_attr(dir / "r.h5", "/influence/follows/imm", "total_cost");
    CHECK(cost > 0);
    CHECK(cost <= 3.05);
  }
  SECTION("errors name the problem and write nothing") {
    const auto nobody = run(dir, {"--analyses", "imm", "--audience", "region=atlantis"});
    CHECK(nobody.exit_code == 2);
    CHECK_THAT(nobody.err, Catch::Contains("--audience region=atlantis selects nobody"));
    const auto attr = run(dir, {"--analyses", "imm", "--audience", "country=de"});
    CHECK(attr.exit_code == 2);
    CHECK_THAT(attr.err, Catch::Contains("no node attribute 'country' (known: region)"));
    const auto comm = run(dir, {"--analyses", "imm", "--audience", "community=0"});
    CHECK(comm.exit_code == 2);
    CHECK_THAT(comm.err, Catch::Contains("add leiden to --analyses"));
    const auto prob = run(dir, {"--analyses", "imm", "--probabilities", "uniform"});
    CHECK(prob.exit_code == 2);
    CHECK(dir.files() == std::vector<std::string>{"exclude.txt", "follows.tsv", "people.csv"});
  }
}
