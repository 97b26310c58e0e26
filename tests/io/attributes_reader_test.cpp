#include <catch2/catch.hpp>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "io/graph_ingest.hpp"
#include "tests/support/files.hpp"

using namespace peerscout;
namespace fs = std::filesystem;

namespace {

fs::path data(const std::string& name) { return test::test_data(name); }

fs::path write_text(const std::string& name, const std::string& text) {
  const fs::path d = fs::temp_directory_path() / ("peerscout_attr_test_" + std::to_string(::getpid()));
  fs::create_directories(d);
  std::ofstream(d / name, std::ios::binary) << text;
  return d / name;
}

const NamedColumn& column(const io::IngestResult& r, const std::string& name) {
  for (const auto& c : r.attributes) {
    if (c.name == name) return c;
  }
  FAIL("no column " << name);
  throw;
}

}  // namespace

TEST_CASE("node attributes: typed columns over all vertices, isolated people get ids", "[ingest]") {
  io::GraphIngest in;
  in.add_edges(data("follows.tsv"));  // @anna -> @bob -> @carla
  in.add_nodes(data("nodes.csv"));    // @anna, @bob, @dave (no edges)
  const auto r = std::move(in).finish();
  REQUIRE(r.ids.size() == 4);
  const VertexId anna = *r.ids.find("@anna"), bob = *r.ids.find("@bob"), carla = *r.ids.find("@carla"),
                 dave = *r.ids.find("@dave");
  CHECK(std::vector<VertexId>{anna, bob, carla, dave} == std::vector<VertexId>{0, 1, 2, 3});
  REQUIRE(r.attributes.size() == 4);
  CHECK(r.attributes[0].name == "region");  // header order
  CHECK(r.attributes[3].name == "topic");
  const auto& region = std::get<StringColumn>(column(r, "region").values);
  CHECK(region.size() == 4);
  CHECK(region[anna] == "north");
  CHECK(region[bob] == "south");
  CHECK(region[carla] == "");
  CHECK(region[dave] == "north");
  // age: integers, but @carla is missing -> float64 with NaN
  const auto& age = std::get<std::vector<double>>(column(r, "age").values);
  CHECK(age[anna] == 31.0);
  CHECK(std::isnan(age[carla]));
  CHECK(age[dave] == 28.0);
  const auto& score = std::get<std::vector<double>>(column(r, "score").values);
  CHECK(score[anna] == 0.5);
  CHECK(score[bob] == 1.0);
  CHECK(std::isnan(score[carla]));
  CHECK(score[dave] == 2.5);
  const auto& topic = std::get<StringColumn>(column(r, "topic").values);
  CHECK(topic[bob] == "");
  CHECK(topic[dave] == "cycling");
  CHECK(r.reports[1].records == 3);
  CHECK(r.reports[1].lines == 4);
}

TEST_CASE("node attributes: int64 when complete, subset and id by position", "[ingest]") {
  const auto p = write_text("people.tsv", "# people\nhandle\tage\tcity\tscore\n\"@b\"\t40\tRome\t-1e3\n@a\t7\t\"Paris, TX\"\t2\n");
  io::GraphIngest in;
  io::NodeFileOptions o;
  o.id = std::size_t{0};
  o.columns = {"score", "age"};
  in.add_nodes(p, o);
  const auto r = std::move(in).finish();
  REQUIRE(r.attributes.size() == 2);
  CHECK(r.attributes[0].name == "score");
  CHECK(std::get<std::vector<std::int64_t>>(r.attributes[1].values) == std::vector<std::int64_t>{7, 40});
  CHECK(std::get<std::vector<double>>(r.attributes[0].values) == std::vector<double>{2.0, -1000.0});
  io::GraphIngest in2;
  io::NodeFileOptions all;
  all.id = std::string("handle");
  in2.add_nodes(p, all);
  const auto r2 = std::move(in2).finish();
  REQUIRE(r2.attributes.size() == 3);
  CHECK(std::get<StringColumn>(r2.attributes[1].values)[0] == "Paris, TX");
}

TEST_CASE("node attributes: the same column name in two node files is refused", "[ingest]") {
  const auto a = write_text("a.csv", "id,region\nx,1\n");
  const auto b = write_text("b.csv", "id,region\ny,2\n");
  io::GraphIngest in;
  in.add_nodes(a);
  CHECK_THROWS_AS(in.add_nodes(b), InvalidArgument);
}
