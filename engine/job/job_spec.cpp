#include "engine/job/job_spec.hpp"

#include <algorithm>
#include <cmath>
#include <toml++/toml.h>

#include "algorithms/roles/classify.hpp"
#include "engine/error.hpp"
#include "engine/job/analyses.hpp"

namespace peerscout::job {

const std::vector<std::string>& known_analyses() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& a : analysis_registry()) v.push_back(a.name);
    return v;
  }();
  return names;
}

const std::vector<std::string>& default_analyses() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& a : analysis_registry())
      if (a.by_default) v.push_back(a.name);
    return v;
  }();
  return names;
}

community::Objective parse_objective(std::string_view name) {
  if (name == "modularity") return community::Objective::kModularity;
  if (name == "cpm") return community::Objective::kCpm;
  throw InvalidArgument("unknown objective '" + std::string(name) + "' (known: modularity, cpm)");
}

std::string_view objective_name(community::Objective o) {
  return o == community::Objective::kCpm ? "cpm" : "modularity";
}

void CommunitySpec::validate() const {
  if (!(resolution >= 0.0) || !std::isfinite(resolution))
    throw InvalidArgument("--resolution must be a finite number >= 0, got " + std::to_string(resolution));
  if (!(randomness > 0.0) || !std::isfinite(randomness))
    throw InvalidArgument("community randomness must be a finite number > 0, got " + std::to_string(randomness));
  if (runs < 1 || runs > 1000) throw InvalidArgument("--runs must be in [1, 1000], got " + std::to_string(runs));
  if (top_members > 1000) throw InvalidArgument("community top_members must be at most 1000");
}

void InfluenceSpec::validate() const {
  if (k < 1 || k > 100000) throw InvalidArgument("--k must be in [1, 100000], got " + std::to_string(k));
  if (!(epsilon > 0.0 && epsilon < 1.0)) throw InvalidArgument("--epsilon must be in (0, 1), got " + std::to_string(epsilon));
  if (!(ell > 0.0)) throw InvalidArgument("influence ell must be > 0");
  influence::parse_probabilities(probabilities);  // throws with the accepted forms
  if (!(budget >= 0.0) || !std::isfinite(budget)) throw InvalidArgument("--budget must be a finite number >= 0");
  if (!(cost_per_follower >= 0.0)) throw InvalidArgument("influence cost_per_follower must be >= 0");
  if (simulations < 1 || simulations > 100'000'000) throw InvalidArgument("influence simulations must be in [1, 1e8]");
  if (!audience.empty() && audience.find('=') == std::string::npos && audience.rfind("file:", 0) != 0)
    throw InvalidArgument("--audience must be ATTRIBUTE=VALUE, community=ID, community=LAYER/METHOD/ID or file:PATH, got '" +
                          audience + "'");
}

void CentralitySpec::validate() const {
  if (ppr_mode != "exact" && ppr_mode != "push")
    throw InvalidArgument("--ppr-mode must be exact or push, got '" + ppr_mode + "'");
  if (!(push_epsilon >= 1e-15 && push_epsilon <= 1.0)) throw InvalidArgument("centrality push_epsilon must be in [1e-15, 1]");
  if (!(katz_alpha >= 0.0) || !std::isfinite(katz_alpha)) throw InvalidArgument("--katz-alpha must be a finite number >= 0 (0 = automatic)");
  if (!std::isfinite(katz_beta)) throw InvalidArgument("centrality katz_beta must be finite");
  if (!(betweenness_epsilon > 0.0 && betweenness_epsilon < 1.0))
    throw InvalidArgument("--betweenness-epsilon must be in (0, 1), got " + std::to_string(betweenness_epsilon));
  if (!(betweenness_delta > 0.0 && betweenness_delta < 1.0))
    throw InvalidArgument("--betweenness-delta must be in (0, 1), got " + std::to_string(betweenness_delta));
  if (closeness_mode != "exact" && closeness_mode != "sampled" && closeness_mode != "auto")
    throw InvalidArgument("--closeness-mode must be exact, sampled or auto, got '" + closeness_mode + "'");
  if (!(closeness_epsilon > 0.0 && closeness_epsilon < 1.0))
    throw InvalidArgument("--closeness-epsilon must be in (0, 1), got " + std::to_string(closeness_epsilon));
  if (!(closeness_delta > 0.0 && closeness_delta < 1.0)) throw InvalidArgument("centrality closeness_delta must be in (0, 1)");
  if (!(exact_work_limit >= 0.0)) throw InvalidArgument("centrality exact_work_limit must be >= 0");
  if (top_k > 1'000'000) throw InvalidArgument("centrality top_k must be at most 1000000");
}

void ShortlistSpec::validate() const {
  for (const auto& f : filters)
    if (f.find('=') == std::string::npos || f.front() == '=')
      throw InvalidArgument("--filter must be ATTRIBUTE=VALUE, got '" + f + "'");
  if (min_followers >= 0 && max_followers >= 0 && min_followers > max_followers)
    throw InvalidArgument("--min-followers must not exceed --max-followers");
  for (double w : {weight_reach, weight_trust, weight_local, weight_gain})
    if (!(w >= 0.0) || !std::isfinite(w)) throw InvalidArgument("shortlist weights must be finite numbers >= 0");
  if (rr_sets < 1 || rr_sets > 100'000'000) throw InvalidArgument("shortlist rr_sets must be in [1, 1e8]");
  for (const auto& r : roles) {
    try {
      roles::parse_label(r);
    } catch (const InvalidArgument&) {
      try {
        roles::parse_role(r);
      } catch (const InvalidArgument&) {
        throw InvalidArgument("--roles: unknown label or role '" + r +
                              "' (labels: micro_influencer, broker, celebrity, trusted_peer; roles: R1..R7)");
      }
    }
  }
}

std::filesystem::path JobSpec::report_path() const {
  if (shortlist_options.report) return *shortlist_options.report;
  return out.parent_path() / "report.html";
}

std::filesystem::path JobSpec::shortlist_path() const {
  if (shortlist) return *shortlist;
  return out.parent_path() / "shortlist.csv";
}

void JobSpec::validate() const {
  if (threads < 0) throw InvalidArgument("--threads must be >= 0 (0 = all cores), got " + std::to_string(threads));
  if (out.empty()) throw InvalidArgument("--out must name a file");
  if (top == 0) throw InvalidArgument("--top must be at least 1");
  for (const auto& a : analyses) {
    const auto& known = known_analyses();
    if (std::find(known.begin(), known.end(), a) == known.end()) {
      std::string msg = "unknown analysis '" + a + "' (known: ";
      for (std::size_t i = 0; i < known.size(); ++i) msg += (i ? ", " : "") + known[i];
      msg += ")";
      if (auto s = suggest(a, known); !s.empty()) msg += "; did you mean '" + s + "'?";
      throw InvalidArgument(msg);
    }
  }
  if (!edges.empty() && demo) throw InvalidArgument("give input files or the demo network, not both");
  if (graph && (!edges.empty() || demo || !nodes.empty()))
    throw InvalidArgument("a graph snapshot (--graph) replaces input files: give one or the other");
  for (const auto& e : edges)
    if (e.layer == LayerKind::kTrust) throw InvalidArgument("the trust layer is derived; it cannot be read from a file");
  pagerank.validate(0);
  community.validate();
  influence.validate();
  centrality.validate();
  shortlist_options.validate();
}

std::string suggest(std::string_view word, const std::vector<std::string>& known) {
  auto distance = [](std::string_view a, std::string_view b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      cur[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j)
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      std::swap(prev, cur);
    }
    return prev[b.size()];
  };
  std::string best;
  std::size_t best_d = 3;
  for (const auto& k : known) {
    const auto d = distance(word, k);
    if (d < best_d) {
      best_d = d;
      best = k;
    }
  }
  return best;
}

// ---- TOML job files --------------------------------------------------------------------------------

namespace {

class JobReader {
 public:
  explicit JobReader(std::filesystem::path file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const toml::source_region& where, const std::string& msg) const {
    throw InputError(file_.string(), where.begin.line, msg);
  }

  void check_keys(const toml::table& t, const std::vector<std::string>& allowed, const std::string& where) const {
    for (auto&& [k, v] : t) {
      const std::string key(k.str());
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      std::string msg = "unknown key '" + key + "'" + (where.empty() ? "" : " in [" + where + "]");
      if (auto s = suggest(key, allowed); !s.empty()) msg += "; did you mean '" + s + "'?";
      fail(k.source(), msg);
    }
  }

  template <class T>
  std::optional<T> get(const toml::table& t, const char* key, const char* type_name) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if constexpr (std::is_same_v<T, double>) {
      if (auto v = n->value<double>()) return *v;  // integers convert
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
      if (n->is_integer()) return n->value<std::int64_t>();
    } else {
      if (auto v = n->value<T>()) return *v;
    }
    fail(n->source(), std::string("expected ") + type_name + " for '" + key + "'");
  }

  // t.layers (an array of layer names) appended to `out`, each error at its own line.
  void layers_of(const toml::table& t, std::vector<LayerKind>& out) const {
    const auto* n = t.get("layers");
    if (!n) return;
    const auto* arr = n->as_array();
    if (!arr) fail(n->source(), "expected an array of layer names for 'layers'");
    for (const auto& a : *arr) {
      auto v = a.value<std::string>();
      if (!v) fail(a.source(), "expected a layer name (string)");
      try {
        out.push_back(parse_layer(*v));
      } catch (const InvalidArgument& e) {
        fail(a.source(), e.what());
      }
    }
  }

  std::filesystem::path path_of(const toml::table& t, const char* key, bool required) const {
    auto s = get<std::string>(t, key, "a string (file path)");
    if (!s) {
      if (required) fail(t.source(), std::string("missing required key '") + key + "'");
      return {};
    }
    std::filesystem::path p(*s);
    if (p.is_relative()) p = file_.parent_path() / p;
    return p.lexically_normal();
  }

  // An input file: must exist when the job file is read (validated before any work).
  std::filesystem::path input_path_of(const toml::table& t, const char* key) const {
    auto p = path_of(t, key, true);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec))
      fail(t.get(key)->source(), std::string("input file '") + p.string() + "' " +
                                     (std::filesystem::exists(p, ec) ? "is not a regular file" : "does not exist"));
    return p;
  }

  io::ColumnSpec column_of(const toml::node& n, const char* key) const {
    if (n.is_integer()) {
      const auto v = *n.value<std::int64_t>();
      if (v < 0) fail(n.source(), std::string("expected a column name or a 0-based position >= 0 for '") + key + "'");
      return static_cast<std::size_t>(v);
    }
    if (n.is_string()) return *n.value<std::string>();
    fail(n.source(), std::string("expected a column name or a 0-based position for '") + key + "'");
  }

  std::optional<char> delimiter_of(const toml::table& t) const {
    auto d = get<std::string>(t, "delimiter", "a string");
    if (!d || *d == "auto") return std::nullopt;
    if (*d == "\\t" || *d == "tab") return '\t';
    if (*d == "whitespace" || *d == "space") return ' ';
    if (d->size() != 1) fail(t.get("delimiter")->source(), "expected one character, \"tab\", \"whitespace\" or \"auto\" for 'delimiter'");
    return (*d)[0];
  }

  EdgeInput edge_input(const toml::table& t, LayerKind layer) const {
    check_keys(t,
               {"path", "format", "delimiter", "header", "source", "target", "weight", "type", "type_weights",
                "allow_negative_weights"},
               std::string(layer_name(layer)));
    EdgeInput in;
    in.layer = layer;
    in.auto_columns = false;
    in.path = input_path_of(t, "path");
    auto& o = in.options;
    if (auto f = get<std::string>(t, "format", "a string")) {
      if (*f == "auto") o.format = io::FileFormat::kAuto;
      else if (*f == "edgelist") o.format = io::FileFormat::kEdgeList;
      else if (*f == "graphml") o.format = io::FileFormat::kGraphML;
      else if (*f == "gml") o.format = io::FileFormat::kGml;
      else if (*f == "pajek") o.format = io::FileFormat::kPajek;
      else fail(t.get("format")->source(), "expected one of auto, edgelist, graphml, gml, pajek for 'format'");
    }
    o.delimiter = delimiter_of(t);
    if (auto h = get<std::string>(t, "header", "a string")) {
      if (*h == "auto") o.header = io::Header::kAuto;
      else if (*h == "yes") o.header = io::Header::kYes;
      else if (*h == "no") o.header = io::Header::kNo;
      else fail(t.get("header")->source(), "expected one of auto, yes, no for 'header'");
    }
    if (const auto* n = t.get("source")) o.source = column_of(*n, "source");
    if (const auto* n = t.get("target")) o.target = column_of(*n, "target");
    if (const auto* n = t.get("weight")) o.weight = column_of(*n, "weight");
    if (const auto* n = t.get("type")) o.type = column_of(*n, "type");
    if (const auto* n = t.get("type_weights")) {
      const auto* tw = n->as_table();
      if (!tw) fail(n->source(), "expected a table like { like = 1, comment = 2, share = 3 } for 'type_weights'");
      o.type_weights.clear();
      for (auto&& [k, v] : *tw) {
        auto w = v.value<double>();
        if (!w || !(*w >= 0.0)) fail(v.source(), "expected a non-negative number for type weight '" + std::string(k.str()) + "'");
        o.type_weights.emplace_back(std::string(k.str()), *w);
      }
    }
    if (auto b = get<bool>(t, "allow_negative_weights", "true or false")) o.allow_negative_weights = *b;
    return in;
  }

  NodeInput node_input(const toml::table& t) const {
    check_keys(t, {"path", "delimiter", "id", "columns"}, "nodes");
    NodeInput in;
    in.path = input_path_of(t, "path");
    in.options.delimiter = delimiter_of(t);
    if (const auto* n = t.get("id")) in.options.id = column_of(*n, "id");
    if (const auto* n = t.get("columns")) {
      const auto* arr = n->as_array();
      if (!arr) fail(n->source(), "expected an array of column names for 'columns'");
      for (const auto& c : *arr) {
        auto s = c.value<std::string>();
        if (!s) fail(c.source(), "expected a column name (string) in 'columns'");
        in.options.columns.push_back(*s);
      }
    }
    return in;
  }

  template <class F>
  void for_each_table(const toml::table& root, const char* key, F&& f) const {
    const toml::node* n = root.get(key);
    if (!n) return;
    if (const auto* arr = n->as_array()) {
      for (const auto& e : *arr) {
        const auto* t = e.as_table();
        if (!t) fail(e.source(), std::string("expected a table in [[") + key + "]]");
        f(*t);
      }
    } else if (const auto* t = n->as_table()) {
      f(*t);
    } else {
      fail(n->source(), std::string("expected [[") + key + "]] tables");
    }
  }

  JobSpec read() const {
    toml::table root;
    try {
      root = toml::parse_file(file_.string());
    } catch (const toml::parse_error& e) {
      const auto& where = e.source();
      if (where.begin.line == 0) throw InputError(file_.string(), 0, std::string(e.description()));
      throw InputError(file_.string(), where.begin.line, "invalid TOML: " + std::string(e.description()));
    }
    check_keys(root, {"run", "demo", "follows", "friends", "interactions", "nodes", "build", "pagerank", "coreness", "community", "influence", "centrality", "shortlist"}, "");
    JobSpec spec;
    spec.job_file = file_;
    if (const auto* run = root.get_as<toml::table>("run")) {
      check_keys(*run, {"out", "shortlist", "top", "threads", "seed", "analyses", "layers", "trust", "on_error", "graph", "customers", "resume"}, "run");
      if (run->get("customers")) spec.customers = input_path_of(*run, "customers");
      if (auto v = get<bool>(*run, "resume", "true or false")) spec.resume = *v;
      if (run->get("out")) spec.out = path_of(*run, "out", true);
      if (run->get("graph")) spec.graph = input_path_of(*run, "graph");
      if (run->get("shortlist")) spec.shortlist = path_of(*run, "shortlist", true);
      if (auto v = get<std::int64_t>(*run, "top", "an integer")) {
        if (*v < 1) fail(run->get("top")->source(), "expected an integer >= 1 for 'top'");
        spec.top = static_cast<std::size_t>(*v);
      }
      if (auto v = get<std::int64_t>(*run, "threads", "an integer")) {
        if (*v < 0 || *v > 4096) fail(run->get("threads")->source(), "expected an integer in [0, 4096] for 'threads'");
        spec.threads = static_cast<int>(*v);
      }
      if (auto v = get<std::int64_t>(*run, "seed", "an integer")) spec.seed = static_cast<std::uint64_t>(*v);
      if (auto v = get<bool>(*run, "trust", "true or false")) spec.trust = *v;
      if (auto v = get<std::string>(*run, "on_error", "a string")) {
        if (*v == "fail") spec.on_error = io::OnError::kFail;
        else if (*v == "skip") spec.on_error = io::OnError::kSkip;
        else fail(run->get("on_error")->source(), "expected \"fail\" or \"skip\" for 'on_error'");
      }
      if (const auto* n = run->get("analyses")) {
        const auto* arr = n->as_array();
        if (!arr) fail(n->source(), "expected an array of analysis names for 'analyses'");
        for (const auto& a : *arr) {
          auto s = a.value<std::string>();
          if (!s) fail(a.source(), "expected an analysis name (string)");
          const auto& known = known_analyses();
          if (std::find(known.begin(), known.end(), *s) == known.end()) {
            std::string msg = "unknown analysis '" + *s + "'";
            if (auto sug = suggest(*s, known); !sug.empty()) msg += "; did you mean '" + sug + "'?";
            fail(a.source(), msg);
          }
          spec.analyses.push_back(*s);
        }
      }
      layers_of(*run, spec.layers);
    }
    if (const auto* demo = root.get_as<toml::table>("demo")) {
      check_keys(*demo, {"people", "seed", "dir"}, "demo");
      DemoSpec d;
      if (auto v = get<std::int64_t>(*demo, "people", "an integer")) {
        if (*v < 100 || *v > 100'000'000) fail(demo->get("people")->source(), "expected an integer in [100, 100000000] for 'people'");
        d.people = static_cast<VertexId>(*v);
      }
      if (auto v = get<std::int64_t>(*demo, "seed", "an integer")) d.seed = static_cast<std::uint64_t>(*v);
      if (demo->get("dir")) d.dir = path_of(*demo, "dir", true);
      spec.demo = d;
    }
    for (LayerKind layer : {LayerKind::kFollows, LayerKind::kFriends, LayerKind::kInteractions}) {
      for_each_table(root, std::string(layer_name(layer)).c_str(),
                     [&](const toml::table& t) { spec.edges.push_back(edge_input(t, layer)); });
    }
    for_each_table(root, "nodes", [&](const toml::table& t) { spec.nodes.push_back(node_input(t)); });
    if (const auto* build = root.get_as<toml::table>("build")) {
      check_keys(*build, {"follows", "friends", "interactions"}, "build");
      for (auto&& [k, v] : *build) {
        const auto* t = v.as_table();
        if (!t) fail(v.source(), "expected a table [build." + std::string(k.str()) + "]");
        check_keys(*t, {"self_loops", "duplicates"}, "build." + std::string(k.str()));
        auto& b = spec.build[static_cast<int>(parse_layer(k.str()))];
        if (auto s = get<std::string>(*t, "self_loops", "a string")) {
          if (*s == "drop") b.self_loops = SelfLoops::kDrop;
          else if (*s == "keep") b.self_loops = SelfLoops::kKeep;
          else fail(t->get("self_loops")->source(), "expected \"drop\" or \"keep\" for 'self_loops'");
        }
        if (auto s = get<std::string>(*t, "duplicates", "a string")) {
          if (*s == "sum") b.duplicates = Duplicates::kSumWeights;
          else if (*s == "max") b.duplicates = Duplicates::kMaxWeight;
          else if (*s == "first") b.duplicates = Duplicates::kKeepFirst;
          else if (*s == "all") b.duplicates = Duplicates::kKeepAll;
          else fail(t->get("duplicates")->source(), "expected one of sum, max, first, all for 'duplicates'");
        }
      }
    }
    if (const auto* pr = root.get_as<toml::table>("pagerank")) {
      check_keys(*pr, {"damping", "tolerance", "max_iterations", "weights"}, "pagerank");
      if (auto v = get<double>(*pr, "damping", "a number")) spec.pagerank.damping = *v;
      if (auto v = get<double>(*pr, "tolerance", "a number")) spec.pagerank.tolerance = *v;
      if (auto v = get<std::int64_t>(*pr, "max_iterations", "an integer")) spec.pagerank.max_iterations = static_cast<int>(*v);
      if (auto v = get<bool>(*pr, "weights", "true or false")) spec.pagerank.use_weights = *v;
      try {
        spec.pagerank.validate(0);
      } catch (const InvalidArgument& e) {
        fail(pr->source(), e.what());
      }
    }
    if (const auto* kc = root.get_as<toml::table>("coreness")) {
      check_keys(*kc, {"mode"}, "coreness");
      if (auto s = get<std::string>(*kc, "mode", "a string")) {
        if (*s == "all") spec.coreness.mode = centrality::DegreeMode::kAll;
        else if (*s == "in") spec.coreness.mode = centrality::DegreeMode::kIn;
        else if (*s == "out") spec.coreness.mode = centrality::DegreeMode::kOut;
        else fail(kc->get("mode")->source(), "expected one of all, in, out for 'mode'");
      }
    }
    if (const auto* c = root.get_as<toml::table>("community")) {
      check_keys(*c, {"objective", "resolution", "randomness", "runs", "layers", "symmetrize", "top_members"}, "community");
      auto& cs = spec.community;
      if (auto v = get<std::string>(*c, "objective", "a string")) {
        if (*v != "modularity" && *v != "cpm") fail(c->get("objective")->source(), "expected \"modularity\" or \"cpm\" for 'objective'");
        cs.objective = parse_objective(*v);
      }
      if (auto v = get<double>(*c, "resolution", "a number")) cs.resolution = *v;
      if (auto v = get<double>(*c, "randomness", "a number")) cs.randomness = *v;
      if (auto v = get<std::int64_t>(*c, "runs", "an integer")) cs.runs = static_cast<int>(std::clamp<std::int64_t>(*v, -1, 100000));
      if (auto v = get<std::int64_t>(*c, "top_members", "an integer")) cs.top_members = static_cast<std::size_t>(std::max<std::int64_t>(0, *v));
      if (auto v = get<std::string>(*c, "symmetrize", "a string")) {
        if (*v == "sum") cs.symmetrize = SymmetrizeWeights::kSum;
        else if (*v == "max") cs.symmetrize = SymmetrizeWeights::kMax;
        else if (*v == "mean") cs.symmetrize = SymmetrizeWeights::kMean;
        else fail(c->get("symmetrize")->source(), "expected one of sum, max, mean for 'symmetrize'");
      }
      layers_of(*c, cs.layers);
      try {
        cs.validate();
      } catch (const InvalidArgument& e) {
        fail(c->source(), e.what());
      }
    }
    if (const auto* t = root.get_as<toml::table>("influence")) {
      check_keys(*t, {"k", "epsilon", "ell", "model", "probabilities", "audience", "exclude", "budget", "cost_per_follower",
                      "simulations", "baselines", "layers"},
                 "influence");
      auto& is = spec.influence;
      if (auto v = get<std::int64_t>(*t, "k", "an integer")) is.k = static_cast<std::size_t>(std::max<std::int64_t>(0, *v));
      if (auto v = get<double>(*t, "epsilon", "a number")) is.epsilon = *v;
      if (auto v = get<double>(*t, "ell", "a number")) is.ell = *v;
      if (auto v = get<std::string>(*t, "model", "a string")) {
        if (*v != "ic" && *v != "lt") fail(t->get("model")->source(), "expected \"ic\" or \"lt\" for 'model'");
        is.model = influence::parse_model(*v);
      }
      if (auto v = get<std::string>(*t, "probabilities", "a string")) is.probabilities = *v;
      if (auto v = get<std::string>(*t, "audience", "a string")) is.audience = *v;
      if (t->get("exclude")) is.exclude = input_path_of(*t, "exclude");
      if (auto v = get<double>(*t, "budget", "a number")) is.budget = *v;
      if (auto v = get<double>(*t, "cost_per_follower", "a number")) is.cost_per_follower = *v;
      if (auto v = get<std::int64_t>(*t, "simulations", "an integer")) is.simulations = static_cast<std::uint64_t>(std::max<std::int64_t>(0, *v));
      if (auto v = get<bool>(*t, "baselines", "true or false")) is.baselines = *v;
      layers_of(*t, is.layers);
      try {
        is.validate();
      } catch (const InvalidArgument& e) {
        fail(t->source(), e.what());
      }
    }
    if (const auto* t = root.get_as<toml::table>("shortlist")) {
      check_keys(*t, {"max_per_community", "coverage", "filters", "min_followers", "max_followers", "roles",
                      "exclude_customers", "weight_reach", "weight_trust", "weight_local", "weight_gain", "rr_sets",
                      "report", "write_report"},
                 "shortlist");
      auto& ss = spec.shortlist_options;
      if (auto v = get<std::int64_t>(*t, "max_per_community", "an integer"))
        ss.max_per_community = static_cast<std::uint32_t>(std::clamp<std::int64_t>(*v, 0, 1'000'000));
      if (auto v = get<bool>(*t, "coverage", "true or false")) ss.coverage = *v;
      if (auto v = get<std::int64_t>(*t, "min_followers", "an integer")) ss.min_followers = *v;
      if (auto v = get<std::int64_t>(*t, "max_followers", "an integer")) ss.max_followers = *v;
      if (auto v = get<bool>(*t, "exclude_customers", "true or false")) ss.exclude_customers = *v;
      if (auto v = get<double>(*t, "weight_reach", "a number")) ss.weight_reach = *v;
      if (auto v = get<double>(*t, "weight_trust", "a number")) ss.weight_trust = *v;
      if (auto v = get<double>(*t, "weight_local", "a number")) ss.weight_local = *v;
      if (auto v = get<double>(*t, "weight_gain", "a number")) ss.weight_gain = *v;
      if (auto v = get<std::int64_t>(*t, "rr_sets", "an integer")) ss.rr_sets = static_cast<std::uint64_t>(std::max<std::int64_t>(0, *v));
      if (auto v = get<bool>(*t, "write_report", "true or false")) ss.write_report = *v;
      if (t->get("report")) ss.report = path_of(*t, "report", true);
      for (const char* key : {"filters", "roles"}) {
        const auto* n = t->get(key);
        if (!n) continue;
        const auto* arr = n->as_array();
        if (!arr) fail(n->source(), std::string("expected an array of strings for '") + key + "'");
        for (const auto& a : *arr) {
          auto v = a.value<std::string>();
          if (!v) fail(a.source(), "expected a string");
          (std::string(key) == "filters" ? ss.filters : ss.roles).push_back(*v);
        }
      }
      try {
        ss.validate();
      } catch (const InvalidArgument& e) {
        fail(t->source(), e.what());
      }
    }
    if (const auto* t = root.get_as<toml::table>("centrality")) {
      check_keys(*t, {"layers", "use_weights", "path_weights", "ppr_mode", "push_epsilon", "katz_alpha", "katz_beta", "betweenness_epsilon",
                      "betweenness_delta", "closeness_mode", "closeness_epsilon", "closeness_delta", "exact_work_limit", "top_k"},
                 "centrality");
      auto& cs = spec.centrality;
      if (auto v = get<bool>(*t, "use_weights", "true or false")) cs.use_weights = *v;
      if (auto v = get<bool>(*t, "path_weights", "true or false")) cs.path_weights = *v;
      if (auto v = get<std::string>(*t, "ppr_mode", "a string")) {
        if (*v != "exact" && *v != "push") fail(t->get("ppr_mode")->source(), "expected \"exact\" or \"push\" for 'ppr_mode'");
        cs.ppr_mode = *v;
      }
      if (auto v = get<double>(*t, "push_epsilon", "a number")) cs.push_epsilon = *v;
      if (auto v = get<double>(*t, "katz_alpha", "a number")) cs.katz_alpha = *v;
      if (auto v = get<double>(*t, "katz_beta", "a number")) cs.katz_beta = *v;
      if (auto v = get<double>(*t, "betweenness_epsilon", "a number")) cs.betweenness_epsilon = *v;
      if (auto v = get<double>(*t, "betweenness_delta", "a number")) cs.betweenness_delta = *v;
      if (auto v = get<std::string>(*t, "closeness_mode", "a string")) {
        if (*v != "exact" && *v != "sampled" && *v != "auto")
          fail(t->get("closeness_mode")->source(), "expected one of exact, sampled, auto for 'closeness_mode'");
        cs.closeness_mode = *v;
      }
      if (auto v = get<double>(*t, "closeness_epsilon", "a number")) cs.closeness_epsilon = *v;
      if (auto v = get<double>(*t, "closeness_delta", "a number")) cs.closeness_delta = *v;
      if (auto v = get<double>(*t, "exact_work_limit", "a number")) cs.exact_work_limit = *v;
      if (auto v = get<std::int64_t>(*t, "top_k", "an integer")) cs.top_k = static_cast<std::size_t>(std::max<std::int64_t>(0, *v));
      layers_of(*t, cs.layers);
      try {
        cs.validate();
      } catch (const InvalidArgument& e) {
        fail(t->source(), e.what());
      }
    }
    if (spec.edges.empty() && !spec.demo && !spec.graph)
      throw InputError(file_.string(), 0,
                       "no inputs: add [[follows]], [[friends]] or [[interactions]] tables, a [demo] table, or [run] graph");
    return spec;
  }

 private:
  std::filesystem::path file_;
};

}  // namespace

JobSpec load_job_file(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) throw InputError(file.string(), 0, "cannot open: No such file or directory");
  return JobReader(file).read();
}

}  // namespace peerscout::job
