#include "engine/job/provenance.hpp"

#include <ctime>

#include "engine/version.hpp"

namespace peerscout::job {

namespace {
std::string shell_quote(const std::string& s) {
  if (!s.empty() && s.find_first_of(" \t\n'\"\\$`*?[]{}()<>|&;#~") == std::string::npos) return s;
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}
}  // namespace

std::string utc_now_iso8601() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Provenance make_provenance(const std::vector<std::string>& argv, std::uint64_t seed, int threads) {
  Provenance p;
  p.peerscout_version = std::string(kVersion) + " (git " + kGitSha + ")";
  p.created_utc = utc_now_iso8601();
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (i) p.command_line += ' ';
    p.command_line += shell_quote(argv[i]);
  }
  p.seed = seed;
  p.threads = threads;
  return p;
}

}  // namespace peerscout::job
