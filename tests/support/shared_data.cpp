#include "tests/support/shared_data.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "engine/csr_builder.hpp"

namespace peerscout::test {

std::optional<std::filesystem::path> shared_datasets_dir() {
  if (const char* env = std::getenv("PEERSCOUT_SHARED_DATASETS")) {
    std::filesystem::path p(env);
    if (std::filesystem::is_directory(p)) return p;
    return std::nullopt;
  }
  const std::filesystem::path p = std::filesystem::path(PEERSCOUT_SOURCE_DIR) / ".." / "shared" / "datasets";
  if (std::filesystem::is_directory(p / "karate")) return std::filesystem::canonical(p);
  return std::nullopt;
}

const std::vector<SharedDataset>& shared_datasets() {
  static const std::vector<SharedDataset> all = {
      {"karate", false, false, 34},
      {"dolphins", false, false, 62},
      {"lesmis", false, true, 77},
      {"polbooks", false, false, 105},
      {"football", false, false, 115},
      {"email-Eu-core", true, false, 1005},
      {"ego-Facebook", false, false, 4039},
      {"physicians", true, false, 241},
      {"hartford-drug", true, false, 212},
      {"lastfm-asia", false, false, 7624},
      {"facebook-page-page", false, false, 22470},
      {"github-social", false, false, 37700},
      {"deezer-europe", false, false, 28281},
      {"deezer-hu", false, false, 47538},
      {"wiki-Vote", true, false, 7115},
      {"soc-Epinions1", true, false, 75879},
      {"soc-Slashdot0902", true, false, 82168},
      {"bitcoin-otc", true, true, 5881},
      {"bitcoin-alpha", true, true, 3783},
      {"advogato", true, true, 6539},
  };
  return all;
}

CsrGraph load_shared(const SharedDataset& d, bool use_weights, bool keep_self_loops) {
  const auto dir = shared_datasets_dir();
  if (!dir) throw std::runtime_error("shared datasets not found");
  const auto path = *dir / d.name / "edges.el";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  EdgeList el;
  std::string line;
  VertexId max_id = 0;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    long long u = 0, v = 0;
    double w = 1.0;
    if (!(ls >> u >> v)) continue;
    if (d.weighted) ls >> w;
    if (use_weights && d.weighted) {
      el.add(static_cast<VertexId>(u), static_cast<VertexId>(v), static_cast<Weight>(w));
    } else {
      el.add(static_cast<VertexId>(u), static_cast<VertexId>(v));
    }
    max_id = std::max({max_id, static_cast<VertexId>(u), static_cast<VertexId>(v)});
  }
  const VertexId n = std::max(d.vertices, max_id + 1);
  BuildOptions opts{.directed = d.directed,
                    .self_loops = keep_self_loops ? SelfLoops::kKeep : SelfLoops::kDrop};
  return build_csr(std::move(el), n, opts).graph;
}

std::vector<std::int64_t> load_shared_labels(const SharedDataset& d) {
  std::vector<std::int64_t> labels(d.vertices, -1);
  const auto dir = shared_datasets_dir();
  if (!dir) return labels;
  std::ifstream in(*dir / d.name / "labels.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    long long v = 0, l = 0;
    if (!(ls >> v >> l)) continue;
    if (v >= 0 && static_cast<std::size_t>(v) < labels.size() && labels[static_cast<std::size_t>(v)] < 0)
      labels[static_cast<std::size_t>(v)] = l;
  }
  return labels;
}

}  // namespace peerscout::test
