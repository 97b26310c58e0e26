// The malformed-input corpus (tests/io/data) through the real executable: each defect gives the
// documented one-line error naming file and line, exit code 3, and no output file at all.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "tests/support/process.hpp"

using namespace peerscout;

namespace {


struct Case {
  const char* file;      // in tests/io/data ("" = none)
  const char* table;     // the job-file table that reads it
  const char* expected;  // stderr after "peerscout: error: "
};

}  // namespace

TEST_CASE("cli: every malformed input gives its documented error, exit 3, and no output", "[cli][malformed]") {
  const std::filesystem::path data = std::filesystem::path(PEERSCOUT_SOURCE_DIR) / "tests" / "io" / "data";
  const std::vector<Case> cases = {
      {"missing_column.tsv", "[[follows]]\npath = \"missing_column.tsv\"\n", "missing_column.tsv:2: expected 2 columns, found '3'"},
      {"bad_weight.tsv", "[[interactions]]\npath = \"bad_weight.tsv\"\nweight = 2\n",
       "bad_weight.tsv:3: expected a number in column 3 (weight), found 'abc'"},
      {"negative_weight.txt", "[[interactions]]\npath = \"negative_weight.txt\"\nweight = 2\n",
       "negative_weight.txt:2: expected a non-negative weight in column 3, found '-2'"},
      {"nan_weight.txt", "[[interactions]]\npath = \"nan_weight.txt\"\nweight = 2\n",
       "nan_weight.txt:2: expected a finite number in column 3 (weight), found 'nan'"},
      {"inf_weight.txt", "[[interactions]]\npath = \"inf_weight.txt\"\nweight = 2\n",
       "inf_weight.txt:3: expected a finite number in column 3 (weight), found 'inf'"},
      {"unknown_type.csv", "[[interactions]]\npath = \"unknown_type.csv\"\ntype = 2\n",
       "unknown_type.csv:2: expected an interaction type (one of like, comment, share) in column 3, found 'retweet'"},
      {"unclosed_quote.csv", "[[friends]]\npath = \"unclosed_quote.csv\"\n",
       "unclosed_quote.csv:2: expected a closing quote, found '\"bob,carla'"},
      {"escaped_quote.csv", "[[friends]]\npath = \"escaped_quote.csv\"\n",
       "escaped_quote.csv:2: expected a quoted field without escaped quotes (\"\"), found '\"bo\"\"b\",carla'"},
      {"text_after_quote.csv", "[[friends]]\npath = \"text_after_quote.csv\"\n",
       "text_after_quote.csv:2: expected a delimiter after the closing quote in column 1, found '\"bob\"x,carla'"},
      {"empty_handle.csv", "[[follows]]\npath = \"empty_handle.csv\"\n",
       "empty_handle.csv:2: expected a handle in column 2 (target), found ''"},
      {"embedded_nul.tsv", "[[follows]]\npath = \"embedded_nul.tsv\"\n",
       "embedded_nul.tsv:2: expected a handle without NUL bytes in column 1 (source), found 'bo\\x00b'"},
      {"bad_column_name.csv", "[[interactions]]\npath = \"bad_column_name.csv\"\nweight = \"weight\"\n",
       "bad_column_name.csv:1: expected a column named 'weight', found 'src,dst,w'"},
      {"empty.txt", "[[follows]]\npath = \"empty.txt\"\n", "empty.txt: contains no edges"},
      {"header_only.csv", "[[follows]]\npath = \"header_only.csv\"\n", "header_only.csv: contains no edges"},
      {"comments_only.txt", "[[follows]]\npath = \"comments_only.txt\"\n", "comments_only.txt: contains no edges"},
      {"duplicate_id_nodes.csv", "[[follows]]\npath = \"ok.tsv\"\n[[nodes]]\npath = \"duplicate_id_nodes.csv\"\n",
       "duplicate_id_nodes.csv:5: expected a unique id in column 1, found '@bob' (first on line 3)"},
      {"missing_column_nodes.csv", "[[follows]]\npath = \"ok.tsv\"\n[[nodes]]\npath = \"missing_column_nodes.csv\"\n",
       "missing_column_nodes.csv:3: expected 3 columns, found '@bob,south'"},
      {"", "[[follows]]\npath = \"missing.tsv\"\n", "job.toml:4: input file '"},
      {"", "[[follows]]\npath = \"corrupt.tsv.gz\"\n", "corrupt.tsv.gz: not a valid gzip stream"},
  };
  for (const Case& c : cases) {
    INFO(c.expected);
    test::TempDir dir("malformed");
    std::vector<std::string> inputs{"job.toml", "ok.tsv"};
    dir.write("ok.tsv", "@anna\t@bob\n");
    if (*c.file) {
      dir.write(c.file, test::read_file(data / c.file));
      inputs.emplace_back(c.file);
    }
    // A gzip header followed by garbage.
    dir.write("corrupt.tsv.gz", std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage-not-deflate", 29));
    inputs.emplace_back("corrupt.tsv.gz");
    std::sort(inputs.begin(), inputs.end());
    dir.write("job.toml", std::string("[run]\nout = \"results.h5\"\n") + c.table);
    const auto r = test::run_process({test::peerscout_exe().string(), "run", "job.toml"}, dir.path());
    CHECK(r.exit_code == 3);
    CHECK_THAT(r.err, Catch::StartsWith(std::string("peerscout: error: ") + c.expected));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one line
    CHECK(dir.files() == inputs);                              // no results, shortlist or temporary file
  }
}

TEST_CASE("cli: SIGTERM mid-run stops at the next safe point, exit 130, no results file", "[cli][cancel]") {
  test::TempDir dir("cancel");
  dir.write("f.tsv", "a b\nb c\nc a\n");
  for (const char* stage : {"ingest", "build/follows", "pagerank/follows"}) {
    INFO(stage);
    const auto r = test::run_process({"/usr/bin/env", std::string("PEERSCOUT_TEST_SIGNAL_AFTER=") + stage,
                                      test::peerscout_exe().string(), "analyze", "--follows", "f.tsv", "--out", "r.h5"},
                                     dir.path());
    CHECK(r.exit_code == 130);
    CHECK_THAT(r.err, Catch::Contains("peerscout: cancelled; the results file was not written"));
    if (std::string(stage) == "pagerank/follows") {
      // A completed analysis stage is kept for --resume (tests/engine/cli/resume_cli_test.cpp).
      CHECK_THAT(r.err, Catch::Contains("completed stages kept in r.checkpoint.h5") && Catch::Contains("--resume"));
      CHECK(dir.files() == std::vector<std::string>{"f.tsv", "r.checkpoint.h5"});
      std::filesystem::remove(dir / "r.checkpoint.h5");
    } else {
      CHECK(dir.files() == std::vector<std::string>{"f.tsv"});
    }
  }
  // Without the signal the same run writes both outputs (the hook is what stopped it).
  const auto ok = test::run_process({test::peerscout_exe().string(), "analyze", "--follows", "f.tsv", "--out", "r.h5", "-q"}, dir.path());
  CHECK(ok.exit_code == 0);
  CHECK(dir.files() == std::vector<std::string>{"f.tsv", "r.h5", "report.html", "shortlist.csv"});
}
