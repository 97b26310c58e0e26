// A guard for the suite itself: ctest gets one entry per TEST_CASE from catch_discover_tests, which
// splits names at ';' (a CMake list separator), so a name with ';' would register a truncated
// entry that matches no test and passes without running anything. Names must not contain ';'.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

TEST_CASE("test names contain no semicolon (ctest would run nothing for them)", "[meta]") {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(PEERSCOUT_SOURCE_DIR) / "tests";
  const std::regex name(R"re(TEST_CASE\("([^"]*)")re");
  int files = 0, cases = 0;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.path().extension() != ".cpp") continue;
    ++files;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    for (auto it = std::sregex_iterator(text.begin(), text.end(), name); it != std::sregex_iterator(); ++it) {
      ++cases;
      const std::string n = (*it)[1];
      INFO(e.path().string() << ": " << n);
      CHECK(n.find(';') == std::string::npos);
    }
  }
  CHECK(files > 50);
  CHECK(cases > 200);
}
