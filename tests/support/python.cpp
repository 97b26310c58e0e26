#include "tests/support/python.hpp"

#include <fstream>
#include <map>

namespace peerscout::test {

bool python_has(const std::string& modules) {
  static std::map<std::string, bool> cache;
  auto it = cache.find(modules);
  if (it != cache.end()) return it->second;
  const bool ok = std::filesystem::exists(kPython) &&
                  run_process({kPython, "-I", "-c", "import " + modules}).exit_code == 0;
  cache.emplace(modules, ok);
  return ok;
}

ProcessResult run_python(const std::filesystem::path& dir, const std::string& name, const std::string& script,
                         const std::vector<std::string>& args) {
  const auto path = dir / name;
  std::ofstream(path) << script;
  std::vector<std::string> argv{kPython, "-I", path.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, dir);
}

}  // namespace peerscout::test
