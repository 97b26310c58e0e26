// io/text_writer: round trips through a naive reader written here, exact bytes for quoting,
// thread-count independence, and atomicity (no file under the final name after any failure).
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "datasets/generators/rmat.hpp"
#include "engine/error.hpp"
#include "io/text_writer.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/files.hpp"

using namespace peerscout;
namespace fs = std::filesystem;

namespace {

using test::TempDir;

using test::read_file;
std::size_t files_in(const fs::path& dir) { return test::list_dir(dir).size(); }

// Naive RFC 4180 reader: fields separated by `d`, quoted fields may hold d, quotes ("") and newlines.
std::vector<std::vector<std::string>> parse_csv(const std::string& text, char d) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, field_started = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = true;
      field_started = true;
    } else if (c == d) {
      row.push_back(field);
      field.clear();
      field_started = true;
    } else if (c == '\n') {
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      field_started = false;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (field_started || !row.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

StringColumn strings(std::initializer_list<std::string_view> xs) {
  StringColumn c;
  for (auto x : xs) c.push_back(x);
  return c;
}

}  // namespace

TEST_CASE("write_edge_list_text: round trip, unweighted and weighted", "[textio]") {
  TempDir dir;
  const auto g = datasets::rmat({.scale = 12, .edge_factor = 8, .seed = 2});
  const auto out = dir.path() / "edges.txt";
  io::write_edge_list_text(out, g.edges);
  {
    std::ifstream f(out);
    std::size_t e = 0;
    std::uint64_t u, v;
    while (f >> u >> v) {
      REQUIRE(e < g.edges.size());
      REQUIRE(u == g.edges.src[e]);
      REQUIRE(v == g.edges.dst[e]);
      ++e;
    }
    CHECK(e == g.edges.size());
  }
  // The exact bytes of a small case, with a tab delimiter.
  EdgeList small;
  small.add(0, 1);
  small.add(4294967294U, 7);
  io::write_edge_list_text(dir.path() / "small.tsv", small, '\t');
  CHECK(read_file(dir.path() / "small.tsv") == "0\t1\n4294967294\t7\n");
  // Every digit-count boundary, against std::to_string.
  EdgeList bounds;
  std::string expected;
  for (std::uint64_t p = 1; p <= 1000000000ULL; p *= 10)
    for (std::uint64_t x : {p - 1, p, p + 1, 2 * p - 1, 9 * p + 9 * (p / 10), std::uint64_t{4294967295}}) {
      if (x > 4294967295ULL) continue;
      bounds.add(static_cast<VertexId>(x), static_cast<VertexId>(4294967295ULL - x));
      expected += std::to_string(x) + "," + std::to_string(4294967295ULL - x) + "\n";
    }
  io::write_edge_list_text(dir.path() / "bounds.csv", bounds, ',');
  CHECK(read_file(dir.path() / "bounds.csv") == expected);

  // Weights: integral ones without a decimal point, others in the shortest round-trip form.
  EdgeList w;
  const std::vector<Weight> values = {1.0f, 3.0f, 0.1f, 2.5f, -4.0f, 1e-7f, 3.4e38f, 123456.79f, 16777216.0f, 0.0f,
                                      std::numeric_limits<float>::denorm_min()};
  for (std::size_t i = 0; i < values.size(); ++i) w.add(static_cast<VertexId>(i), static_cast<VertexId>(i + 1), values[i]);
  io::write_edge_list_text(dir.path() / "w.txt", w);
  const auto text = read_file(dir.path() / "w.txt");
  CHECK(text.rfind("0 1 1\n1 2 3\n2 3 0.1\n3 4 2.5\n4 5 -4\n", 0) == 0);
  std::istringstream in(text);
  std::string line;
  std::size_t i = 0;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::uint64_t u, v;
    std::string ws;
    ls >> u >> v >> ws;
    REQUIRE(i < values.size());
    CHECK(u == i);
    CHECK(v == i + 1);
    CHECK(std::strtof(ws.c_str(), nullptr) == values[i]);  // bit-exact round trip
    ++i;
  }
  CHECK(i == values.size());
}

TEST_CASE("write_edge_list_text: empty input, bad delimiter, inconsistent arrays", "[textio]") {
  TempDir dir;
  io::write_edge_list_text(dir.path() / "empty.txt", EdgeList{});
  CHECK(fs::exists(dir.path() / "empty.txt"));
  CHECK(fs::file_size(dir.path() / "empty.txt") == 0);
  EdgeList e;
  e.add(1, 2);
  CHECK_THROWS_AS(io::write_edge_list_text(dir.path() / "bad.txt", e, '5'), InvalidArgument);
  CHECK_THROWS_AS(io::write_edge_list_text(dir.path() / "bad.txt", e, '-'), InvalidArgument);
  CHECK_THROWS_AS(io::write_edge_list_text(dir.path() / "bad.txt", e, '\n'), InvalidArgument);
  e.weight = {1.0f, 2.0f};  // two weights for one edge
  CHECK_THROWS_AS(io::write_edge_list_text(dir.path() / "bad.txt", e), InvalidArgument);
  CHECK_FALSE(fs::exists(dir.path() / "bad.txt"));
  CHECK(files_in(dir.path()) == 1);
}

TEST_CASE("write_edge_list_text: identical bytes for 1 and 2 threads", "[textio][threads]") {
  TempDir dir;
  auto g = datasets::rmat({.scale = 16, .edge_factor = 8, .seed = 4, .weighted = true});  // 8 blocks of 2^16
  for (std::size_t k = 0; k < g.edges.size(); k += 7) g.edges.weight[k] /= 3.0f;         // some non-integers
  test::with_threads(1, [&] { io::write_edge_list_text(dir.path() / "one.txt", g.edges); });
  test::with_threads(2, [&] { io::write_edge_list_text(dir.path() / "two.txt", g.edges); });
  const auto one = read_file(dir.path() / "one.txt");
  CHECK(one.size() > 1000000);
  CHECK(one == read_file(dir.path() / "two.txt"));
}

TEST_CASE("write_delimited: table round trip with quoting", "[textio]") {
  TempDir dir;
  const std::vector<double> reals = {0.1, -2.5, 1e300, 3.0, std::numeric_limits<double>::denorm_min(), 1.0 / 3.0};
  const std::vector<std::int64_t> ints = {0, -1, std::numeric_limits<std::int64_t>::min(),
                                          std::numeric_limits<std::int64_t>::max(), 42, 7};
  const auto text = strings({"plain", "with,comma", "with \"quotes\"", "two\nlines", "", "tab\there ü"});
  std::vector<NamedColumn> cols;
  cols.push_back({"name", text});
  cols.push_back({"score", reals});
  cols.push_back({"count", ints});
  cols.push_back({"odd, header", strings({"a", "b", "c", "d", "e", "f"})});
  for (char d : {',', '\t', ';'}) {
    INFO("delimiter code " << static_cast<int>(d));
    const auto out = dir.path() / "table.csv";
    io::write_delimited(out, cols, d);
    const auto rows = parse_csv(read_file(out), d);
    REQUIRE(rows.size() == 7);
    CHECK(rows[0] == std::vector<std::string>{"name", "score", "count", "odd, header"});
    for (std::size_t r = 0; r < 6; ++r) {
      REQUIRE(rows[r + 1].size() == 4);
      CHECK(rows[r + 1][0] == text[r]);
      CHECK(std::strtod(rows[r + 1][1].c_str(), nullptr) == reals[r]);
      CHECK(std::strtoll(rows[r + 1][2].c_str(), nullptr, 10) == ints[r]);
    }
  }
}

TEST_CASE("write_delimited: exact bytes", "[textio]") {
  TempDir dir;
  std::vector<NamedColumn> cols;
  cols.push_back({"id", strings({"@anna_m", "a,b", "say \"hi\"", "x\ty"})});
  cols.push_back({"n", std::vector<std::int64_t>{1, -2, 3, 4}});
  cols.push_back({"x", std::vector<double>{0.5, 2.0, -0.0, std::nan("")}});
  io::write_delimited(dir.path() / "a.csv", cols, ',');
  CHECK(read_file(dir.path() / "a.csv") == "id,n,x\n@anna_m,1,0.5\n\"a,b\",-2,2\n\"say \"\"hi\"\"\",3,-0\nx\ty,4,nan\n");
  io::write_delimited(dir.path() / "a.tsv", cols, '\t', false);
  CHECK(read_file(dir.path() / "a.tsv") == "@anna_m\t1\t0.5\na,b\t-2\t2\n\"say \"\"hi\"\"\"\t3\t-0\n\"x\ty\"\t4\tnan\n");
  std::string line;
  io::append_csv_field(line, "plain", ',');
  io::append_csv_field(line, "cr\rhere", ',');
  CHECK(line == "plain\"cr\rhere\"");
}

TEST_CASE("write_delimited: shapes and errors", "[textio]") {
  TempDir dir;
  io::write_delimited(dir.path() / "none.csv", {}, ',');  // zero columns: empty file
  CHECK(fs::file_size(dir.path() / "none.csv") == 0);
  std::vector<NamedColumn> empty_rows;
  empty_rows.push_back({"a", std::vector<double>{}});
  empty_rows.push_back({"b", StringColumn{}});
  io::write_delimited(dir.path() / "header_only.csv", empty_rows, ',');
  CHECK(read_file(dir.path() / "header_only.csv") == "a,b\n");

  std::vector<NamedColumn> ragged;
  ragged.push_back({"a", std::vector<double>{1, 2}});
  ragged.push_back({"b", std::vector<std::int64_t>{1}});
  CHECK_THROWS_WITH(io::write_delimited(dir.path() / "ragged.csv", ragged, ','),
                    Catch::Contains("column 'b' has 1 rows"));
  CHECK_THROWS_AS(io::write_delimited(dir.path() / "q.csv", empty_rows, '"'), InvalidArgument);
  CHECK_FALSE(fs::exists(dir.path() / "ragged.csv"));
  CHECK_FALSE(fs::exists(dir.path() / "q.csv"));
  CHECK(files_in(dir.path()) == 2);

  // Many rows over several blocks, 1 vs 2 threads.
  std::vector<std::int64_t> big(100000);
  StringColumn names;
  for (std::size_t i = 0; i < big.size(); ++i) {
    big[i] = static_cast<std::int64_t>(i * i) - 77;
    names.push_back(i % 10 == 0 ? "a,\"b\"" : "h" + std::to_string(i));
  }
  std::vector<NamedColumn> cols;
  cols.push_back({"v", big});
  cols.push_back({"name", names});
  test::with_threads(1, [&] { io::write_delimited(dir.path() / "one.csv", cols, ','); });
  test::with_threads(2, [&] { io::write_delimited(dir.path() / "two.csv", cols, ','); });
  CHECK(read_file(dir.path() / "one.csv") == read_file(dir.path() / "two.csv"));
  CHECK(parse_csv(read_file(dir.path() / "one.csv"), ',').size() == big.size() + 1);
}

TEST_CASE("text output is atomic: no file under the final name after a failure", "[textio]") {
  TempDir dir;
  EdgeList e;
  e.add(1, 2);
  // Missing directory, final name is a directory.
  CHECK_THROWS_AS(io::write_edge_list_text(dir.path() / "missing" / "edges.txt", e), OutputError);
  CHECK_FALSE(fs::exists(dir.path() / "missing"));
  fs::create_directory(dir.path() / "taken");
  CHECK_THROWS_AS(io::write_edge_list_text(dir.path() / "taken", e), OutputError);
  CHECK(fs::is_directory(dir.path() / "taken"));

  // A failure in the middle of writing: the file-size limit (RLIMIT_FSIZE) makes write() fail
  // with EFBIG after 64 KiB. The previous file under the final name must survive untouched and
  // no temporary file may be left behind.
  const auto out = dir.path() / "edges.txt";
  { std::ofstream(out) << "old content\n"; }
  const auto g = datasets::rmat({.scale = 14, .edge_factor = 8});  // ~1.5 MB of text
  rlimit old{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &old) == 0);
  auto* previous = std::signal(SIGXFSZ, SIG_IGN);  // write() returns EFBIG instead of killing us
  rlimit small = old;
  small.rlim_cur = 64 * 1024;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  bool threw = false;
  std::string message;
  try {
    io::write_edge_list_text(out, g.edges);
  } catch (const OutputError& ex) {
    threw = true;
    message = ex.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, previous);
  CHECK(threw);
  CHECK_THAT(message, Catch::StartsWith(out.string() + ": write failed"));
  CHECK(read_file(out) == "old content\n");
  CHECK(files_in(dir.path()) == 2);  // edges.txt and taken/, no temporary left
}

// Throughput (not run by default; figures in datasets/README.md):
//   build/release/tests/peerscout_tests "[bench-textio]"
// Writes the scale-21 R-MAT graph (33.5M edges) to $PEERSCOUT_BENCH_DIR (default: the system temp dir).
TEST_CASE("write_edge_list_text: throughput", "[.][bench-textio]") {
  const char* env = std::getenv("PEERSCOUT_BENCH_DIR");
  const fs::path dir = env ? fs::path(env) : fs::temp_directory_path();
  const auto g = datasets::rmat({.scale = 21, .edge_factor = 16});
  const auto out = dir / "peerscout_bench_edges.txt";
  for (int threads : {1, 2}) {
    for (int rep = 0; rep < 3; ++rep) {
      const auto t0 = std::chrono::steady_clock::now();
      const auto c0 = std::clock();
      test::with_threads(threads, [&] { io::write_edge_list_text(out, g.edges); });
      const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      const double mb = static_cast<double>(fs::file_size(out)) / 1e6;
      std::printf("write_edge_list_text %zu edges, %d thread(s): %.0f MB in %.3f s wall = %.0f MB/s (%.3f s cpu)\n",
                  g.edges.size(), threads, mb, s, mb / s, cpu);
    }
  }
  fs::remove(out);
}
