#include "engine/job/resume.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "engine/error.hpp"
#include "engine/hash.hpp"
#include "engine/version.hpp"
#include "io/hdf5/results_reader.hpp"

namespace peerscout::job {

namespace {

void hash_column(Hasher& h, const ColumnData& c) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, StringColumn>) {
          h.u64(1).u64(hash_array(v.offsets())).str(v.data());
        } else {
          h.u64(std::is_same_v<T, std::vector<double>> ? 2 : 3).u64(hash_array(std::span(v.data(), v.size())));
        }
      },
      c);
}

std::uint64_t hash_file(const std::optional<std::filesystem::path>& p) {
  if (!p) return 0;
  std::ifstream f(*p, std::ios::binary | std::ios::ate);
  if (!f) return 1;  // unreadable: the stage itself reports it
  std::string s(static_cast<std::size_t>(f.tellg()), '\0');
  f.seekg(0);
  f.read(s.data(), static_cast<std::streamsize>(s.size()));
  return Hasher().str(s).digest();
}

const std::set<std::string> kReadsEarlier = {"imm", "opim"};

// The parameters a stage's result depends on, by family. Doubles print in shortest round-trip form.
std::string stage_parameters(const std::string& a, const JobSpec& s) {
  const auto& pr = s.pagerank;
  const auto& c = s.centrality;
  const auto& cm = s.community;
  const auto& im = s.influence;
  auto layers = [](const std::vector<LayerKind>& ls) {
    std::string out;
    for (auto l : ls) out += std::string(layer_name(l)) + ",";
    return out;
  };
  const std::string pagerank = fmt::format("pagerank {} {} {} {}", pr.damping, pr.tolerance, pr.max_iterations, pr.use_weights);
  const std::string centrality =
      fmt::format("centrality {} {} {} {} {} {} {} {} {} {} {} {} {} {} seed {}", layers(c.layers), c.use_weights, c.path_weights,
                  c.ppr_mode, c.push_epsilon, c.katz_alpha, c.katz_beta, c.betweenness_epsilon, c.betweenness_delta,
                  c.closeness_mode, c.closeness_epsilon, c.closeness_delta, c.exact_work_limit, c.top_k, s.seed);
  const std::string community =
      fmt::format("community {} {} {} {} {} {} {} seed {}", static_cast<int>(cm.objective), cm.resolution, cm.randomness,
                  cm.runs, layers(cm.layers), static_cast<int>(cm.symmetrize), cm.top_members, s.seed);
  if (a == "degree" || a == "components" || a == "reciprocity" || a == "clustering") return a;
  if (a == "pagerank") return pagerank;
  if (a == "personalized_pagerank") return pagerank + centrality;
  if (a == "coreness") return fmt::format("coreness {}", static_cast<int>(s.coreness.mode));
  if (a == "constraint" || a == "effective_size") {
    // One pass writes both when both are selected (engine/job/steps_measures.cpp).
    const auto& sel = s.analyses.empty() ? default_analyses() : s.analyses;
    const bool both = std::count(sel.begin(), sel.end(), "constraint") && std::count(sel.begin(), sel.end(), "effective_size");
    return fmt::format("{} both {}", centrality, both);
  }
  if (a == "leiden" || a == "louvain" || a == "label_propagation") return community;
  if (a == "imm" || a == "opim") {
    const std::string audience_file =
        im.audience.rfind("file:", 0) == 0 ? std::to_string(hash_file(std::filesystem::path(im.audience.substr(5)))) : "";
    return fmt::format("influence {} {} {} {} {} {} {} {} {} {} {} {} {} exclude {} {} {}", im.k, im.epsilon, im.ell,
                       static_cast<int>(im.model), im.probabilities, im.audience, audience_file, im.budget,
                       im.cost_per_follower, im.simulations, im.baselines, layers(im.layers), s.seed,
                       hash_file(im.exclude), community, pagerank);
  }
  return centrality;  // katz, eigenvector, hits, betweenness(_approx), closeness, harmonic
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    const auto end = s.find(';', start);
    out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ";") + x;
  return out;
}

}  // namespace

InputFingerprints fingerprint_inputs(const LayeredGraph& lg, const std::vector<VertexId>& customers) {
  InputFingerprints f;
  {
    Hasher h;
    hash_column(h, lg.ids.handles());
    f.people = h.digest();
  }
  {
    Hasher h;
    for (const auto& a : lg.attributes) {
      h.str(a.name);
      hash_column(h, a.values);
    }
    f.attributes = h.digest();
  }
  {
    auto c = customers;
    std::sort(c.begin(), c.end());
    f.customers = Hasher().u64(c.size()).u64(hash_array(std::span<const VertexId>(c))).digest();
  }
  for (LayerKind k : kAllLayers) {
    const CsrGraph* g = lg.graph(k);
    if (!g) continue;
    f.layer[static_cast<int>(k)] = Hasher()
                                       .u64(g->directed())
                                       .u64(g->weighted())
                                       .u64(hash_array(g->offsets()))
                                       .u64(hash_array(g->targets()))
                                       .u64(hash_array(g->weights()))
                                       .digest();
  }
  return f;
}

std::uint64_t stage_key(const std::string& analysis, LayerKind layer, const InputFingerprints& in, const JobSpec& spec,
                        std::uint64_t earlier) {
  Hasher h;
  h.str(kVersion).str(kGitSha).str(analysis).str(layer_name(layer));
  h.u64(in.people).u64(in.attributes).u64(in.customers);
  for (std::uint64_t l : in.layer) h.u64(l);  // trust and audiences combine layers: all of them
  h.str(stage_parameters(analysis, spec));
  if (kReadsEarlier.count(analysis)) h.u64(earlier);
  return h.digest();
}

std::filesystem::path checkpoint_path(const JobSpec& spec) {
  auto p = spec.out;
  p.replace_extension(".checkpoint.h5");
  return p;
}

std::optional<ResumeSource> open_resume_source(const JobSpec& spec) {
  for (const auto& file : {checkpoint_path(spec), spec.out}) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) continue;
    ResumeSource src{file, {}};
    const auto objects = io::list_objects_h5(file);
    if (!std::binary_search(objects.begin(), objects.end(), std::string("/run/resume/stage"))) continue;
    const auto stage = std::get<StringColumn>(io::read_dataset_h5(file, "/run/resume/stage"));
    const auto key = std::get<StringColumn>(io::read_dataset_h5(file, "/run/resume/key"));
    const auto ds = std::get<StringColumn>(io::read_dataset_h5(file, "/run/resume/datasets"));
    const auto gs = std::get<StringColumn>(io::read_dataset_h5(file, "/run/resume/groups"));
    if (key.size() != stage.size() || ds.size() != stage.size() || gs.size() != stage.size())
      throw InputError(file.string(), 0, "/run/resume columns of equal length", "a damaged table");
    for (std::size_t i = 0; i < stage.size(); ++i)
      src.stages[std::string(stage[i])] = {std::string(stage[i]), std::string(key[i]), split(std::string(ds[i])),
                                           split(std::string(gs[i]))};
    return src;
  }
  return std::nullopt;
}

void load_stage(const ResumeSource& src, const ResumeRecord& rec, std::vector<io::Dataset>& datasets,
                std::vector<io::Group>& groups) {
  for (const auto& g : rec.groups) groups.push_back({g, io::read_attributes_h5(src.file, g)});
  for (const auto& d : rec.datasets)
    datasets.push_back({d, io::read_dataset_h5(src.file, d), io::read_attributes_h5(src.file, d)});
}

void add_resume_table(io::ResultsDocument& doc, const std::vector<ResumeRecord>& records) {
  StringColumn stage, key, ds, gs;
  for (const auto& r : records) {
    stage.push_back(r.stage);
    key.push_back(r.key);
    ds.push_back(join(r.datasets));
    gs.push_back(join(r.groups));
  }
  doc.groups.push_back({"/run/resume", {{"kind", std::string("table")}}});
  doc.datasets.push_back({"/run/resume/stage", std::move(stage), {}});
  doc.datasets.push_back({"/run/resume/key", std::move(key), {}});
  doc.datasets.push_back({"/run/resume/datasets", std::move(ds), {}});
  doc.datasets.push_back({"/run/resume/groups", std::move(gs), {}});
}

}  // namespace peerscout::job
