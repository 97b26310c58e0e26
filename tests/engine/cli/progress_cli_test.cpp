// Progress with an ETA: long stages report how far they are (periodic lines when stderr is not a
// terminal). PEERSCOUT_PROGRESS_INTERVAL=0 prints every report, so a short run shows them.
#include <catch2/catch.hpp>

#include <regex>

#include "tests/support/files.hpp"
#include "tests/support/process.hpp"

using namespace peerscout;

TEST_CASE("cli progress: periodic lines with percentage and ETA, none with --quiet", "[cli][progress]") {
  test::TempDir dir("progress");
  const std::vector<std::string> base{"/usr/bin/env", "PEERSCOUT_PROGRESS_INTERVAL=0", test::peerscout_exe().string(),
                                      "analyze", "--demo-people", "2000", "--analyses", "pagerank,leiden",
                                      "--out", "r.h5", "--no-report"};
  auto r = test::run_process(base, dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // e.g. "peerscout: [   0.12 s] pagerank/follows       42% done, ETA 0 s"
  const std::regex line(R"(peerscout: \[ *[0-9.]+ s\] pagerank/follows +[0-9]+% done, ETA [0-9]+ s)");
  CHECK(std::regex_search(r.err, line));
  CHECK_THAT(r.err, Catch::Contains("leiden/trust"));
  auto quiet = base;
  quiet.push_back("-q");
  r = test::run_process(quiet, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("ETA") == std::string::npos);
}
