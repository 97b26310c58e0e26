#include <catch2/catch.hpp>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "engine/igraph_bridge.hpp"
#include "io/detail/text.hpp"
#include "io/edge_list_reader.hpp"
#include "io/graph_ingest.hpp"
#include "tests/support/shared_data.hpp"
#include "tests/support/thread_sweep.hpp"
#include "tests/support/files.hpp"

using namespace peerscout;
namespace fs = std::filesystem;

namespace {

fs::path data(const std::string& name) { return test::test_data(name); }

fs::path temp_dir() { return test::process_temp_dir().path(); }

fs::path write_text(const std::string& name, const std::string& text) {
  const fs::path p = temp_dir() / name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

fs::path write_gz(const std::string& name, const std::vector<std::string>& members) {
  const fs::path p = temp_dir() / name;
  std::remove(p.c_str());
  for (const auto& m : members) {  // each member a separate gzip stream (like pigz / cat a.gz b.gz)
    gzFile f = gzopen(p.c_str(), "ab");
    REQUIRE(f != nullptr);
    REQUIRE(gzwrite(f, m.data(), static_cast<unsigned>(m.size())) == static_cast<int>(m.size()));
    gzclose(f);
  }
  return p;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

// Edges as handle pairs (independent of the id assignment).
Pairs handle_pairs(const io::SimpleGraphFile& g) {
  Pairs out;
  for (std::size_t e = 0; e < g.edges.size(); ++e) out.emplace_back(g.ids.handle(g.edges.src[e]), g.ids.handle(g.edges.dst[e]));
  return out;
}

std::vector<std::string> handles(const IdMap& m) {
  std::vector<std::string> out;
  for (VertexId v = 0; v < m.size(); ++v) out.push_back(m.handle(v));
  return out;
}

}  // namespace

TEST_CASE("edge list: whitespace, comments, blank and indented lines", "[ingest]") {
  const auto g = io::read_edge_list(data("whitespace.txt"));
  CHECK(handles(g.ids) == std::vector<std::string>{"1", "2", "3"});
  CHECK(g.edges.src == std::vector<VertexId>{0, 1, 2});
  CHECK(g.edges.dst == std::vector<VertexId>{1, 2, 0});
  CHECK_FALSE(g.edges.weighted());
  CHECK(g.report.lines == 8);
  CHECK(g.report.records == 3);
  CHECK(g.report.skipped == 0);
  CHECK(g.report.bytes == fs::file_size(data("whitespace.txt")));
  CHECK_FALSE(g.report.weighted);
}

TEST_CASE("edge list: TSV header detected by words, weight by position and by name", "[ingest]") {
  const Pairs expected = {{"@anna_m", "@bob"}, {"@bob", "@carla"}, {"@carla", "@anna_m"}};
  const auto plain = io::read_edge_list(data("header_weight.tsv"));
  CHECK(handle_pairs(plain) == expected);
  CHECK_FALSE(plain.edges.weighted());
  for (const io::ColumnSpec& w : {io::ColumnSpec(std::size_t{2}), io::ColumnSpec(std::string("weight"))}) {
    io::EdgeFileOptions o;
    o.weight = w;
    const auto g = io::read_edge_list(data("header_weight.tsv"), o);
    CHECK(handle_pairs(g) == expected);
    CHECK(g.edges.weight == std::vector<Weight>{2.5f, 1.0f, 0.25f});
    CHECK(g.report.weighted);
    CHECK(g.report.lines == 4);
  }
  io::EdgeFileOptions by_name;
  by_name.source = std::string("target");  // reversed roles by name
  by_name.target = std::string("source");
  const auto rev = io::read_edge_list(data("header_weight.tsv"), by_name);
  CHECK(handle_pairs(rev) == Pairs{{"@bob", "@anna_m"}, {"@carla", "@bob"}, {"@anna_m", "@carla"}});
}

TEST_CASE("edge list: semicolons, quoted CSV fields, CRLF", "[ingest]") {
  CHECK(handle_pairs(io::read_edge_list(data("semicolon.csv"))) == Pairs{{"anna", "bob"}, {"bob", "carla"}});
  CHECK(handle_pairs(io::read_edge_list(data("quoted.csv"))) ==
        Pairs{{"anna, m", "bob"}, {"bob", "carla z"}, {"carla", "anna, m"}});
  const auto crlf = io::read_edge_list(data("crlf.csv"));
  CHECK(handle_pairs(crlf) == Pairs{{"x", "y"}, {"y", "z"}});
  CHECK(crlf.report.lines == 3);
}

TEST_CASE("edge list: forced delimiter and header", "[ingest]") {
  const auto p = write_text("forced.txt", "a b,c d\nc d,e\n");
  io::EdgeFileOptions o;
  o.delimiter = ',';
  CHECK(handle_pairs(io::read_edge_list(p, o)) == Pairs{{"a b", "c d"}, {"c d", "e"}});
  const auto words = write_text("words.txt", "source target\nsource target\n");
  io::EdgeFileOptions no_header;
  no_header.header = io::Header::kNo;
  CHECK(io::read_edge_list(words, no_header).edges.size() == 2);
  CHECK(io::read_edge_list(words).edges.size() == 1);  // auto: the first line is a header
  io::EdgeFileOptions yes;
  yes.header = io::Header::kYes;
  CHECK(handle_pairs(io::read_edge_list(data("semicolon.csv"), yes)) == Pairs{{"bob", "carla"}});
  io::EdgeFileOptions contradictory;
  contradictory.header = io::Header::kNo;
  contradictory.source = std::string("source");
  CHECK_THROWS_AS(io::read_edge_list(words, contradictory), InvalidArgument);
  io::EdgeFileOptions same;
  same.target = std::size_t{0};
  CHECK_THROWS_AS(io::read_edge_list(words, same), InvalidArgument);
}

TEST_CASE("edge list: interaction types times weight column, extra columns ignored", "[ingest]") {
  io::EdgeFileOptions o;
  o.type = std::string("kind");
  o.weight = std::string("count");
  const auto g = io::read_edge_list(data("interactions.csv"), o);
  CHECK(handle_pairs(g) == Pairs{{"anna", "bob"}, {"bob", "anna"}, {"carla", "anna"}, {"anna", "carla"}});
  CHECK(g.edges.weight == std::vector<Weight>{2.0f, 3.0f, 6.0f, 1.0f});  // like=1 x2, share=3 x1, comment=2 x3, like x1
  io::EdgeFileOptions custom;
  custom.type = std::size_t{2};
  custom.type_weights = {{"like", 0.5}, {"share", 4.0}, {"comment", 1.0}};
  const auto c = io::read_edge_list(data("interactions.csv"), custom);  // header: 'kind' is not a known type
  CHECK(c.edges.weight == std::vector<Weight>{0.5f, 4.0f, 1.0f, 0.5f});
}

TEST_CASE("edge list: string, integer and 64-bit handles mixed", "[ingest]") {
  const auto g = io::read_edge_list(data("mixed_ids.tsv"));
  CHECK(handles(g.ids) == std::vector<std::string>{"0", "17", "1234567890123456789", "9223372036854775807", "-5", "007",
                                                   "9223372036854775808", "@anna", "@bob"});
  CHECK(g.edges.src == std::vector<VertexId>{7, 1, 2, 5, 4, 3});
  CHECK(g.edges.dst == std::vector<VertexId>{2, 7, 0, 1, 6, 8});
}

TEST_CASE("edge list: 0..n-1 ids map to themselves", "[ingest]") {
  const auto p = write_text("identity.txt", "3 0\n0 1\n1 2\n2 4\n");
  const auto g = io::read_edge_list(p);
  CHECK(g.ids.is_identity());
  CHECK(g.edges.src == std::vector<VertexId>{3, 0, 1, 2});
  CHECK(g.edges.dst == std::vector<VertexId>{0, 1, 2, 4});
}

TEST_CASE("edge list: gzip input by magic bytes, multi-member", "[ingest]") {
  const std::string text = "# gz\n1 2\n2 3\n3 1\n";
  const auto gz = write_gz("edges.txt", {text});  // no .gz extension: detected by magic bytes
  const auto g = io::read_edge_list(gz);
  CHECK(handle_pairs(g) == Pairs{{"1", "2"}, {"2", "3"}, {"3", "1"}});
  CHECK(g.report.bytes == text.size());
  CHECK(g.report.lines == 4);
  const auto multi = write_gz("multi.el.gz", {"1 2\n2 ", "3\n3 1"});  // members split mid-line
  CHECK(handle_pairs(io::read_edge_list(multi)) == Pairs{{"1", "2"}, {"2", "3"}, {"3", "1"}});
}

TEST_CASE("edge list: a file without a trailing newline", "[ingest]") {
  const auto p = write_text("no_newline.txt", "a b\nb c");
  CHECK(handle_pairs(io::read_edge_list(p)) == Pairs{{"a", "b"}, {"b", "c"}});
}

TEST_CASE("GraphIngest: one id space across files, node-only people", "[ingest]") {
  io::GraphIngest in;
  CHECK(in.add_edges(data("follows.tsv")) == 0);
  CHECK(in.add_edges(data("friends.csv")) == 1);
  const auto r = std::move(in).finish();
  CHECK(handles(r.ids) == std::vector<std::string>{"@anna", "@bob", "@carla", "@erin"});
  CHECK(r.edge_sets[0].src == std::vector<VertexId>{0, 1});
  CHECK(r.edge_sets[0].dst == std::vector<VertexId>{1, 2});
  CHECK(r.edge_sets[1].src == std::vector<VertexId>{2, 3});
  CHECK(r.edge_sets[1].dst == std::vector<VertexId>{0, 1});
  REQUIRE(r.reports.size() == 2);
  CHECK(r.reports[1].file == data("friends.csv").string());
}

TEST_CASE("GraphIngest: GraphML, GML and Pajek via igraph", "[ingest]") {
  const auto graphml = write_text("tiny.graphml", R"(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="w" for="edge" attr.name="weight" attr.type="double"/>
  <graph id="G" edgedefault="directed">
    <node id="@anna"/><node id="@bob"/><node id="@carla"/><node id="@lonely"/>
    <edge source="@anna" target="@bob"><data key="w">2.5</data></edge>
    <edge source="@carla" target="@anna"><data key="w">1</data></edge>
  </graph>
</graphml>
)");
  io::GraphIngest in;
  try {
    in.add_edges(graphml);
  } catch (const InputError& e) {
    WARN("GraphML not readable by this igraph build: " << e.what());
    return;
  }
  in.add_edges(data("follows.tsv"));
  const auto gml = write_text("tiny.gml", "graph [ directed 1 node [ id 5 ] node [ id 7 ] edge [ source 5 target 7 weight 3 ] ]\n");
  in.add_edges(gml);
  const auto pajek = write_text("tiny.net", "*Vertices 3\n1 \"@anna\"\n2 \"@dan\"\n3 \"@bob\"\n*Arcs\n1 2\n3 2\n");
  in.add_edges(pajek);
  const auto r = std::move(in).finish();
  CHECK(handles(r.ids) == std::vector<std::string>{"5", "7", "@anna", "@bob", "@carla", "@dan", "@lonely"});
  CHECK(r.edge_sets[0].src == std::vector<VertexId>{2, 4});
  CHECK(r.edge_sets[0].dst == std::vector<VertexId>{3, 2});
  CHECK(r.edge_sets[0].weight == std::vector<Weight>{2.5f, 1.0f});
  CHECK(r.edge_sets[1].src == std::vector<VertexId>{2, 3});  // follows.tsv shares @anna, @bob
  CHECK(r.edge_sets[2].src == std::vector<VertexId>{0});
  CHECK(r.edge_sets[2].dst == std::vector<VertexId>{1});
  CHECK(r.edge_sets[2].weight == std::vector<Weight>{3.0f});
  CHECK(r.edge_sets[3].src == std::vector<VertexId>{2, 3});
  CHECK(r.edge_sets[3].dst == std::vector<VertexId>{5, 5});
}

TEST_CASE("GML: shared karate.gml matches karate/edges.el", "[ingest][shared-data]") {
  const auto dir = test::shared_datasets_dir();
  if (!dir) {
    WARN("skipped: ../shared/datasets not found");
    return;
  }
  const auto gml = io::read_edge_list(*dir / "karate" / "karate.gml");
  const auto el = io::read_edge_list(*dir / "karate" / "edges.el");
  // karate.gml ids are 1..34; edges.el uses gml_id - 1.
  std::vector<std::pair<long, long>> a, b;
  for (std::size_t e = 0; e < gml.edges.size(); ++e) {
    long u = std::stol(gml.ids.handle(gml.edges.src[e])) - 1, v = std::stol(gml.ids.handle(gml.edges.dst[e])) - 1;
    a.emplace_back(std::min(u, v), std::max(u, v));
  }
  for (std::size_t e = 0; e < el.edges.size(); ++e) {
    long u = std::stol(el.ids.handle(el.edges.src[e])), v = std::stol(el.ids.handle(el.edges.dst[e]));
    b.emplace_back(std::min(u, v), std::max(u, v));
  }
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  CHECK(a == b);
  CHECK(a.size() == 78);
}

TEST_CASE("edge list oracle: shared datasets vs naive parse and igraph_read_graph_edgelist", "[ingest][oracle][shared-data]") {
  const auto dir = test::shared_datasets_dir();
  if (!dir) {
    WARN("skipped: ../shared/datasets not found");
    return;
  }
  for (const auto& d : test::shared_datasets()) {
    INFO(d.name);
    const fs::path path = *dir / d.name / "edges.el";
    io::EdgeFileOptions o;
    if (d.weighted) o.weight = std::size_t{2};
    o.allow_negative_weights = true;  // bitcoin ratings are -10..10
    const auto g = io::read_edge_list(path, o);
    // Naive reference: std::ifstream + stoll.
    std::ifstream in(path);
    std::string line;
    std::vector<long long> us, vs;
    std::vector<double> ws;
    std::vector<long long> seen;
    while (std::getline(in, line)) {
      std::istringstream ls(line);
      std::string a, b, w;
      ls >> a >> b;
      if (a.empty()) continue;
      us.push_back(std::stoll(a));
      vs.push_back(std::stoll(b));
      if (d.weighted) {
        ls >> w;
        ws.push_back(std::stod(w));
      }
    }
    REQUIRE(g.edges.size() == us.size());
    seen = us;
    seen.insert(seen.end(), vs.begin(), vs.end());
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    CHECK(g.ids.size() == seen.size());
    const bool identity = seen.back() + 1 == static_cast<long long>(seen.size());
    CHECK(g.ids.is_identity() == identity);
    bool same = true;
    for (std::size_t e = 0; e < us.size() && same; ++e) {
      same = g.ids.handle(g.edges.src[e]) == std::to_string(us[e]) && g.ids.handle(g.edges.dst[e]) == std::to_string(vs[e]);
      if (identity) same = same && g.edges.src[e] == us[e] && g.edges.dst[e] == vs[e];
      if (d.weighted) same = same && g.edges.weight[e] == static_cast<Weight>(ws[e]);
    }
    CHECK(same);
    // igraph reads pairs of integers; for weighted files feed it the first two columns.
    fs::path ig_path = path;
    if (d.weighted) {
      std::ostringstream two;
      for (std::size_t e = 0; e < us.size(); ++e) two << us[e] << ' ' << vs[e] << '\n';
      ig_path = write_text(d.name + "_uv.el", two.str());
    }
    std::FILE* f = std::fopen(ig_path.c_str(), "r");
    REQUIRE(f != nullptr);
    igraph_t ig;
    const auto rc = igraph_read_graph_edgelist(&ig, f, 0, IGRAPH_DIRECTED);
    std::fclose(f);
    REQUIRE(rc == IGRAPH_SUCCESS);
    auto owner = ig::Graph::adopt(ig);
    REQUIRE(static_cast<std::size_t>(igraph_ecount(owner.get())) == g.edges.size());
    bool same_ig = true;
    for (igraph_integer_t e = 0; e < igraph_ecount(owner.get()) && same_ig; ++e) {
      const auto k = static_cast<std::size_t>(e);
      same_ig = g.ids.handle(g.edges.src[k]) == std::to_string(IGRAPH_FROM(owner.get(), e)) &&
                g.ids.handle(g.edges.dst[k]) == std::to_string(IGRAPH_TO(owner.get(), e));
      if (identity) same_ig = same_ig && g.edges.src[k] == IGRAPH_FROM(owner.get(), e) && g.edges.dst[k] == IGRAPH_TO(owner.get(), e);
    }
    CHECK(same_ig);
  }
}

namespace {

// A multi-block file with every handle kind, comments and CRLF lines.
std::string mixed_text(std::size_t lines, std::uint64_t seed, std::size_t bad_line = 0) {
  std::mt19937_64 rng(seed);
  std::string s;
  auto handle = [&]() -> std::string {
    switch (rng() % 5) {
      case 0: return std::to_string(rng() % 3000);
      case 1: return std::to_string(1000000000000ULL + rng() % 5000);
      case 2: return std::to_string(300000000 + rng() % 100);
      case 3: return "@u" + std::to_string(rng() % 4000);
      default: return "\"name " + std::to_string(rng() % 500) + "\"";
    }
  };
  for (std::size_t i = 1; i <= lines; ++i) {
    if (i == bad_line) {
      s += handle() + "\t" + handle() + "\tnot-a-number\n";
      continue;
    }
    switch (rng() % 20) {
      case 0: s += "# comment " + std::to_string(i) + "\n"; continue;
      case 1: s += "\n"; continue;
      default: break;
    }
    s += handle() + "\t" + handle() + "\t" + std::to_string(rng() % 100) + "." + std::to_string(rng() % 10);
    s += (rng() % 3 == 0) ? "\r\n" : "\n";
  }
  return s;
}

struct Outcome {
  IdMap ids;
  EdgeList edges;
  std::string error;
  std::vector<std::string> first_errors;
  std::uint64_t skipped = 0, lines = 0;
};

Outcome read_with(const fs::path& p, const io::EdgeFileOptions& o, int threads, const io::detail::IngestTuning& t) {
  return test::with_threads(threads, [&] {
    Outcome out;
    try {
      auto g = io::detail::read_edge_list(p, o, t);
      out.ids = std::move(g.ids);
      out.edges = std::move(g.edges);
      out.first_errors = g.report.first_errors;
      out.skipped = g.report.skipped;
      out.lines = g.report.lines;
    } catch (const InputError& e) {
      out.error = e.what();
    }
    return out;
  });
}

}  // namespace

TEST_CASE("edge list: identical results for 1 and 2 threads and any block size", "[ingest][threads]") {
  const std::vector<io::detail::IngestTuning> tunings = {
      {std::size_t{1} << 20, std::size_t{64} << 10, true},
      {4096, 512, true},
      {97, 13, false},
      {1, 1, false},
      {std::size_t{1} << 16, 1024, true, false},  // general parser only: must agree with the fast path
  };
  SECTION("valid file") {
    const std::string text = mixed_text(6000, 3);
    const auto p = write_text("mixed_plain.tsv", text);
    const auto gz = write_gz("mixed.tsv.gz", {text});
    io::EdgeFileOptions o;
    o.weight = std::size_t{2};
    const Outcome ref = read_with(p, o, 1, tunings[0]);
    REQUIRE(ref.error.empty());
    REQUIRE(ref.edges.size() > 5000);
    CHECK(ref.lines == 6000);
    for (const auto& t : tunings) {
      for (int threads : {1, 2}) {
        for (const auto& file : {p, gz}) {
          const Outcome o2 = read_with(file, o, threads, t);
          CHECK(o2.error.empty());
          CHECK(o2.ids == ref.ids);
          CHECK(o2.edges.src == ref.edges.src);
          CHECK(o2.edges.dst == ref.edges.dst);
          CHECK(o2.edges.weight == ref.edges.weight);
          CHECK(o2.lines == ref.lines);
        }
      }
    }
  }
  SECTION("error far into the file") {
    const auto p = write_text("mixed_bad.tsv", mixed_text(6000, 4, 5321));
    io::EdgeFileOptions o;
    o.weight = std::size_t{2};
    const Outcome ref = read_with(p, o, 1, tunings[0]);
    REQUIRE(ref.error.rfind(p.string() + ":5321: expected a number in column 3 (weight), found 'not-a-number'", 0) == 0);
    o.on_error = io::OnError::kSkip;
    const Outcome skip_ref = read_with(p, o, 1, tunings[0]);
    CHECK(skip_ref.skipped == 1);
    CHECK(skip_ref.first_errors == std::vector<std::string>{ref.error});
    for (const auto& t : tunings) {
      for (int threads : {1, 2}) {
        o.on_error = io::OnError::kFail;
        CHECK(read_with(p, o, threads, t).error == ref.error);
        o.on_error = io::OnError::kSkip;
        const Outcome s = read_with(p, o, threads, t);
        CHECK(s.first_errors == skip_ref.first_errors);
        CHECK(s.ids == skip_ref.ids);
        CHECK(s.edges.src == skip_ref.edges.src);
        CHECK(s.edges.dst == skip_ref.edges.dst);
      }
    }
  }
}

TEST_CASE("edge list: the integer fast path agrees with the general parser on tricky lines", "[ingest]") {
  const std::string text =
      "1 2 0.5\n"
      "  3\t4   7 extra columns\n"
      "12x 3 1\n"                    // not an integer token: a string handle
      "007 1 1\n"                    // leading zero: a string handle
      "0 0 +2\n"                     // '+' weight: general parser
      "1234567890123456789 5 .25\n"  // 19 digits: general parser, still an integer
      "9223372036854775808 5 1e2\n"  // 2^63: a string
      "123456789012345678 6 3\r\n"   // 18 digits, CRLF
      "99999999 100000000 4.\n"      // 8 and 9 digits (SWAR word boundaries)
      "\"5\" 6 1\n";                 // quoted integer: same handle as 5
  const auto p = write_text("tricky.txt", text);
  io::EdgeFileOptions o;
  o.weight = std::size_t{2};
  const auto fast = io::detail::read_edge_list(p, o, {});
  io::detail::IngestTuning slow_tuning;
  slow_tuning.fast_path = false;
  const auto slow = io::detail::read_edge_list(p, o, slow_tuning);
  CHECK(fast.ids == slow.ids);
  CHECK(fast.edges.src == slow.edges.src);
  CHECK(fast.edges.dst == slow.edges.dst);
  CHECK(fast.edges.weight == slow.edges.weight);
  CHECK(handle_pairs(fast) == Pairs{{"1", "2"},
                                    {"3", "4"},
                                    {"12x", "3"},
                                    {"007", "1"},
                                    {"0", "0"},
                                    {"1234567890123456789", "5"},
                                    {"9223372036854775808", "5"},
                                    {"123456789012345678", "6"},
                                    {"99999999", "100000000"},
                                    {"5", "6"}});
  CHECK(fast.edges.weight == std::vector<Weight>{0.5f, 7.0f, 1.0f, 1.0f, 2.0f, 0.25f, 100.0f, 3.0f, 4.0f, 1.0f});
  CHECK(fast.ids.num_integers() == 11);
}

TEST_CASE("edge list: delimiter priority and header words", "[ingest]") {
  CHECK(io::detect_delimiter("a,b\tc;d") == '\t');
  CHECK(io::detect_delimiter("a,b;c") == ',');
  CHECK(io::detect_delimiter("a;b c") == ';');
  CHECK(io::detect_delimiter("a  b") == ' ');
  CHECK(io::detect_delimiter("\"a,b\" c") == ' ');  // commas inside quotes do not count
  const auto p = write_text("tab_commas.tsv", "a,b\tc\nc\ta,b\n");
  CHECK(handle_pairs(io::read_edge_list(p)) == Pairs{{"a,b", "c"}, {"c", "a,b"}});
  for (const char* h : {"source_id", "Target", "node1", "userId", "FROM", "follower_2"}) {
    INFO(h);
    CHECK(io::detail::is_header_word(h));
  }
  for (const char* h : {"anna", "12", "@source", "sourcery", ""}) {
    INFO(h);
    CHECK_FALSE(io::detail::is_header_word(h));
  }
  // advogato-style header: 'source_id target_id trust_value' is recognised without options.
  const auto adv = write_text("advogato_like.txt", "source_id target_id trust_value\n0 0 0.8\n0 1 1\n");
  io::EdgeFileOptions o;
  o.weight = std::size_t{2};
  CHECK(io::read_edge_list(adv, o).edges.weight == std::vector<Weight>{0.8f, 1.0f});
  CHECK(io::read_edge_list(adv).edges.size() == 2);
}
