#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "io/id_list_reader.hpp"
#include "tests/support/files.hpp"

using namespace peerscout;
namespace fs = std::filesystem;

namespace {
fs::path data(const std::string& name) { return test::test_data(name); }
}  // namespace

TEST_CASE("id list: file order, duplicates ignored, unknown handles reported", "[ingest]") {
  const IdMap ids = IdMap::from_handles({"@anna", "@bob", "@carla", "17"});
  const auto r = io::read_id_list(data("customers.txt"), ids);
  CHECK(r.ids == std::vector<VertexId>{*ids.find("@bob"), *ids.find("@anna"), *ids.find("@carla")});
  CHECK(r.lines == 5);
  CHECK(r.unknown == 1);
  CHECK(r.first_unknown == std::vector<std::string>{"@nobody"});
  const auto none = io::read_id_list(data("customers.txt"), ids, 0);
  CHECK(none.first_unknown.empty());
  CHECK(none.unknown == 1);
}

TEST_CASE("id list: missing file", "[ingest][malformed]") {
  const IdMap ids = IdMap::from_handles({"a"});
  const fs::path p = data("no_such_list.txt");
  try {
    io::read_id_list(p, ids);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) == p.string() + ": cannot open: No such file or directory");
  }
}
