// Malformed-input corpus: tests/io/data/<defect>.<ext>, one defect per file. Each case checks the
// exact message and that OnError::kSkip skips exactly the bad lines and reports them.
#include <catch2/catch.hpp>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "io/edge_list_reader.hpp"
#include "io/graph_ingest.hpp"
#include "tests/support/files.hpp"

using namespace peerscout;
namespace fs = std::filesystem;

namespace {

fs::path data(const std::string& name) { return test::test_data(name); }

fs::path temp_dir() { return test::process_temp_dir().path(); }

std::string error_of(const fs::path& p, const io::EdgeFileOptions& o = {}) {
  try {
    io::read_edge_list(p, o);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

struct Case {
  std::string file;
  io::EdgeFileOptions opts;
  std::string message;   // after "PATH:"
  std::uint64_t kept;    // edges kept with kSkip
  std::uint64_t skipped; // lines skipped with kSkip
};

io::EdgeFileOptions with_weight() {
  io::EdgeFileOptions o;
  o.weight = std::size_t{2};
  return o;
}
io::EdgeFileOptions with_type() {
  io::EdgeFileOptions o;
  o.type = std::size_t{2};
  return o;
}

}  // namespace

TEST_CASE("malformed edge lines: exact messages, and kSkip skips exactly them", "[ingest][malformed]") {
  const std::vector<Case> cases = {
      {"missing_column.tsv", {}, "2: expected 2 columns, found '3'", 2, 1},
      {"bad_weight.tsv", with_weight(), "3: expected a number in column 3 (weight), found 'abc'", 3, 1},
      {"negative_weight.txt", with_weight(), "2: expected a non-negative weight in column 3, found '-2'", 2, 1},
      {"nan_weight.txt", with_weight(), "2: expected a finite number in column 3 (weight), found 'nan'", 2, 1},
      {"inf_weight.txt", with_weight(), "3: expected a finite number in column 3 (weight), found 'inf'", 2, 1},
      {"unknown_type.csv", with_type(),
       "2: expected an interaction type (one of like, comment, share) in column 3, found 'retweet'", 2, 1},
      {"unclosed_quote.csv", {}, "2: expected a closing quote, found '\"bob,carla'", 2, 1},
      {"escaped_quote.csv", {}, "2: expected a quoted field without escaped quotes (\"\"), found '\"bo\"\"b\",carla'", 2, 1},
      {"text_after_quote.csv", {}, "2: expected a delimiter after the closing quote in column 1, found '\"bob\"x,carla'", 2, 1},
      {"empty_handle.csv", {}, "2: expected a handle in column 2 (target), found ''", 2, 1},
      {"embedded_nul.tsv", {}, "2: expected a handle without NUL bytes in column 1 (source), found 'bo\\x00b'", 2, 1},
  };
  for (const auto& c : cases) {
    INFO(c.file);
    const fs::path p = data(c.file);
    CHECK(error_of(p, c.opts) == p.string() + ":" + c.message);
    io::EdgeFileOptions skip = c.opts;
    skip.on_error = io::OnError::kSkip;
    const auto g = io::read_edge_list(p, skip);
    CHECK(g.edges.size() == c.kept);
    CHECK(g.report.skipped == c.skipped);
    CHECK(g.report.first_errors == std::vector<std::string>{p.string() + ":" + c.message});
  }
}

TEST_CASE("malformed edge lists: allowed negative weights", "[ingest][malformed]") {
  io::EdgeFileOptions o = with_weight();
  o.allow_negative_weights = true;
  const auto g = io::read_edge_list(data("negative_weight.txt"), o);
  CHECK(g.edges.weight == std::vector<Weight>{1.0f, -2.0f, 1.0f});
}

TEST_CASE("malformed edge files: whole-file errors", "[ingest][malformed]") {
  for (const char* f : {"header_only.csv", "empty.txt", "comments_only.txt"}) {
    INFO(f);
    CHECK(error_of(data(f)) == data(f).string() + ": contains no edges");
  }
  const fs::path missing = data("no_such_file.tsv");
  CHECK(error_of(missing) == missing.string() + ": cannot open: No such file or directory");
  io::EdgeFileOptions by_name;
  by_name.weight = std::string("weight");
  CHECK(error_of(data("bad_column_name.csv"), by_name) ==
        data("bad_column_name.csv").string() + ":1: expected a column named 'weight', found 'src,dst,w'");
  // Every line bad with kSkip: no edges left.
  io::EdgeFileOptions skip = with_weight();
  skip.on_error = io::OnError::kSkip;
  const fs::path all_bad = temp_dir() / "all_bad.txt";
  std::ofstream(all_bad) << "a b x\nb c y\n";
  CHECK(error_of(all_bad, skip) == all_bad.string() + ": contains no edges");
  // The report keeps only max_reported_errors messages but counts all.
  const fs::path many = temp_dir() / "many_bad.txt";
  std::ofstream(many) << "a b 1\nb c x1\nc d x2\nd e x3\ne f 2\n";
  skip.max_reported_errors = 2;
  const auto g = io::read_edge_list(many, skip);
  CHECK(g.report.skipped == 3);
  CHECK(g.report.first_errors == std::vector<std::string>{many.string() + ":2: expected a number in column 3 (weight), found 'x1'",
                                                          many.string() + ":3: expected a number in column 3 (weight), found 'x2'"});
}

TEST_CASE("malformed gzip: corrupt and truncated streams", "[ingest][malformed]") {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += std::to_string(i) + " " + std::to_string((i * 7919) % 20000) + "\n";
  const fs::path good = temp_dir() / "good.el.gz";
  gzFile f = gzopen(good.c_str(), "wb");
  REQUIRE(f != nullptr);
  gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
  gzclose(f);
  std::ifstream in(good, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(fs::file_size(good)), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(bytes.size() > 200);
  CHECK(io::read_edge_list(good).edges.size() == 20000);

  const fs::path truncated = temp_dir() / "truncated.el.gz";
  std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  CHECK(error_of(truncated) == truncated.string() + ": not a valid gzip stream (unexpected end of file)");

  const fs::path corrupt = temp_dir() / "corrupt.el.gz";
  std::string bad = bytes;
  for (std::size_t i = 20; i < 60; ++i) bad[i] = static_cast<char>(0xff);
  std::ofstream(corrupt, std::ios::binary) << bad;
  CHECK(error_of(corrupt).rfind(corrupt.string() + ": not a valid gzip stream (", 0) == 0);

  const fs::path bad_crc = temp_dir() / "bad_crc.el.gz";
  std::string crc = bytes;
  crc[crc.size() - 6] = static_cast<char>(crc[crc.size() - 6] ^ 0x55);  // inside the CRC32 trailer
  std::ofstream(bad_crc, std::ios::binary) << crc;
  CHECK(error_of(bad_crc) == bad_crc.string() + ": not a valid gzip stream (incorrect data check)");
}

TEST_CASE("malformed node files: duplicate id and missing column", "[ingest][malformed]") {
  const fs::path dup = data("duplicate_id_nodes.csv");
  auto node_error = [](const fs::path& p, const io::NodeFileOptions& o = {}) -> std::string {
    io::GraphIngest in;
    try {
      in.add_nodes(p, o);
    } catch (const InputError& e) {
      return e.what();
    }
    return "(no error)";
  };
  CHECK(node_error(dup) == dup.string() + ":5: expected a unique id in column 1, found '@bob' (first on line 3)");
  io::NodeFileOptions skip;
  skip.on_error = io::OnError::kSkip;
  {
    io::GraphIngest in;
    in.add_nodes(dup, skip);
    const auto r = std::move(in).finish();
    CHECK(r.ids.size() == 3);
    REQUIRE(r.attributes.size() == 1);
    const auto& region = std::get<StringColumn>(r.attributes[0].values);
    CHECK(region[*r.ids.find("@bob")] == "south");  // the first row wins
    CHECK(r.reports[0].skipped == 1);
    CHECK(r.reports[0].first_errors ==
          std::vector<std::string>{dup.string() + ":5: expected a unique id in column 1, found '@bob' (first on line 3)"});
  }
  const fs::path short_row = data("missing_column_nodes.csv");
  CHECK(node_error(short_row) == short_row.string() + ":3: expected 3 columns, found '@bob,south'");
  io::NodeFileOptions by_name;
  by_name.columns = {"region", "height"};
  CHECK(node_error(data("nodes.csv"), by_name) ==
        data("nodes.csv").string() + ":1: expected a column named 'height', found 'id,region,age,score,topic'");
  CHECK(node_error(data("empty.txt")) == data("empty.txt").string() + ": contains no header line");
}

TEST_CASE("GraphIngest refuses to continue after a failed file", "[ingest][malformed]") {
  io::GraphIngest in;
  CHECK_THROWS_AS(in.add_edges(data("missing_column.tsv")), InputError);
  CHECK_THROWS_AS(in.add_edges(data("follows.tsv")), InvalidArgument);
}
