// The shortlist stage through the executable on a small demo network: the /shortlist table, the
// CSV and report.html agree; filters, the per-community cap and label filters hold; the planted
// micro-influencers and brokers dominate the default list; bad options name the problem.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <sstream>
#include <set>

#include "io/hdf5/results_reader.hpp"
#include "tests/support/files.hpp"
#include "tests/support/process.hpp"

using namespace peerscout;

namespace {

test::ProcessResult run(const test::TempDir& dir, std::vector<std::string> extra) {
  std::vector<std::string> args{test::peerscout_exe().string(), "analyze", "--demo-people", "4000", "--out", "r.h5", "-q",
                                "--analyses", "degree,pagerank,personalized_pagerank,constraint,betweenness_approx,leiden,imm",
                                "--k", "10", "--simulations", "100", "--top", "15"};
  args.insert(args.end(), extra.begin(), extra.end());
  return test::run_process(args, dir.path());
}

template <class T>
std::vector<T> col(const std::filesystem::path& f, const std::string& p) {
  return std::get<std::vector<T>>(io::read_dataset_h5(f, p));
}
StringColumn strings(const std::filesystem::path& f, const std::string& p) {
  return std::get<StringColumn>(io::read_dataset_h5(f, p));
}

}  // namespace

TEST_CASE("cli shortlist: table, CSV and report agree, the planted recommenders lead", "[cli][shortlist]") {
  test::TempDir dir("shortlist");
  const auto r = run(dir, {"--customers", "demo-network/customers.txt"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto f = dir / "r.h5";
  const auto ids = strings(f, "/shortlist/id");
  const auto vertex = col<std::int64_t>(f, "/shortlist/vertex");
  const auto score = col<double>(f, "/shortlist/score");
  const auto community = col<std::int64_t>(f, "/shortlist/community");
  REQUIRE(ids.size() == 15);
  const auto handles = strings(f, "/nodes/id");
  for (std::size_t i = 0; i < ids.size(); ++i) {
    CHECK(handles[static_cast<std::size_t>(vertex[i])] == ids[i]);
    if (i) CHECK(score[i - 1] >= score[i]);
  }
  // Default cap: at most 3 per community.
  std::map<std::int64_t, int> per;
  for (auto c : community) ++per[c];
  for (const auto& [c, k] : per) CHECK(k <= 3);
  // The membership the shortlist used is the Leiden result on trust.
  const auto membership = col<std::int64_t>(f, "/community/trust/leiden/membership");
  for (std::size_t i = 0; i < ids.size(); ++i) CHECK(membership[static_cast<std::size_t>(vertex[i])] == community[i]);
  // Reasons are sentences with data behind them.
  const auto reasons = strings(f, "/shortlist/reasons");
  for (std::size_t i = 0; i < reasons.size(); ++i) CHECK_FALSE(std::string(reasons[i]).empty());
  // Ground truth (written by the demo generator): planted micro-influencers and brokers lead.
  const auto truth = test::read_file(dir / "demo-network" / "ground_truth.csv");
  std::map<std::string, std::string> role;
  std::istringstream lines(truth);
  std::string line;
  std::getline(lines, line);  // header: id,community,role
  while (std::getline(lines, line)) {
    const auto a = line.find(','), b = line.rfind(',');
    role[line.substr(0, a)] = line.substr(b + 1);
  }
  int planted = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) planted += role[std::string(ids[i])] != "regular" ? 1 : 0;
  CHECK(planted >= 12);  // of 15
  // CSV: a header and one line per entry, same order; the report lists the same people.
  const auto csv = test::read_file(dir / "shortlist.csv");
  CHECK(csv.rfind("rank,id,score,labels,role,community,followers", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') >= 16);
  const auto html = test::read_file(dir / "report.html");
  for (std::size_t i = 0; i < ids.size(); ++i) CHECK(html.find(std::string(ids[i])) != std::string::npos);
  CHECK(html.find("http") == std::string::npos);
  // /roles agrees with the table.
  const auto labels = strings(f, "/roles/trust/labels");
  const auto lab = strings(f, "/shortlist/labels");
  for (std::size_t i = 0; i < ids.size(); ++i) CHECK(labels[static_cast<std::size_t>(vertex[i])] == lab[i]);
}

TEST_CASE("cli shortlist: filters, label filter, cap and coverage mode", "[cli][shortlist]") {
  test::TempDir dir("shortlist-filters");
  auto r = run(dir, {"--filter", "region=north", "--roles", "broker", "--max-per-community", "1", "--coverage",
                     "--min-followers", "5", "--no-report"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto f = dir / "r.h5";
  const auto vertex = col<std::int64_t>(f, "/shortlist/vertex");
  REQUIRE_FALSE(vertex.empty());
  const auto region = strings(f, "/nodes/region");
  const auto labels = strings(f, "/shortlist/labels");
  const auto followers = col<std::int64_t>(f, "/shortlist/followers");
  const auto community = col<std::int64_t>(f, "/shortlist/community");
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < vertex.size(); ++i) {
    CHECK(region[static_cast<std::size_t>(vertex[i])] == "north");
    CHECK(std::string(labels[i]).find("broker") != std::string::npos);
    CHECK(followers[i] >= 5);
    CHECK(seen.insert(community[i]).second);  // one per community
  }
  bool coverage = false;
  for (const auto& a : io::read_attributes_h5(f, "/shortlist"))
    if (a.name == "mode") coverage = std::get<std::string>(a.value) == "coverage";
  CHECK(coverage);
  CHECK_FALSE(std::filesystem::exists(dir / "report.html"));

  r = run(dir, {"--roles", "influencer"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown label or role 'influencer'"));
  r = run(dir, {"--filter", "region"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("ATTRIBUTE=VALUE"));
}
