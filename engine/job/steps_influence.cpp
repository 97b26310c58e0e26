// Analysis steps: influence maximization (IMM, OPIM-C) with Monte Carlo spread of the chosen seeds,
// the spread-vs-k curve and the heuristic baselines side by side.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "algorithms/centrality/pagerank.hpp"
#include "algorithms/influence/baselines.hpp"
#include "algorithms/influence/imm.hpp"
#include "algorithms/influence/opim.hpp"
#include "algorithms/influence/spread.hpp"
#include "engine/error.hpp"
#include "engine/job/detail/steps.hpp"
#include "io/id_list_reader.hpp"

namespace peerscout::job::detail {

bool influence_layer(LayerKind layer, const LayeredGraph& lg, const JobSpec& spec) {
  const auto& want = spec.influence.layers;
  if (!want.empty()) return std::find(want.begin(), want.end(), layer) != want.end();
  if (lg.get(LayerKind::kFollows)) return layer == LayerKind::kFollows;  // messages spread against follows
  return layer == LayerKind::kInteractions;
}

namespace {

struct Audience {
  std::vector<VertexId> members;  // empty = everyone
  std::string description = "everyone";
};

// --audience: ATTR=VALUE | community=ID | community=LAYER/METHOD/ID | file:PATH.
Audience resolve_audience(const AnalysisInput& in) {
  const std::string& text = in.spec.influence.audience;
  Audience a;
  if (text.empty()) return a;
  a.description = text;
  const auto& lg = in.lg;
  if (text.rfind("file:", 0) == 0) {
    const auto r = io::read_id_list(text.substr(5), lg.ids);
    a.members = r.ids;
  } else {
    const auto eq = text.find('=');
    const std::string key = text.substr(0, eq), value = text.substr(eq + 1);
    if (key == "community") {
      // community=ID (the first Leiden result of this run) or community=LAYER/METHOD/ID.
      std::string path;
      std::string id_text = value;
      if (const auto slash = value.rfind('/'); slash != std::string::npos) {
        path = "/community/" + value.substr(0, slash) + "/membership";
        id_text = value.substr(slash + 1);
      } else {
        for (const auto& d : in.previous)
          if (d.path.rfind("/community/", 0) == 0 && d.path.size() > 18 &&
              d.path.compare(d.path.size() - 18, 18, "/leiden/membership") == 0) {
            path = d.path;
            break;
          }
        if (path.empty())
          throw InvalidArgument("--audience community=" + value +
                                " needs community results in the same run: add leiden to --analyses (or name "
                                "LAYER/METHOD/ID)");
      }
      const auto* membership = find_int(in.previous, path);
      if (!membership)
        throw InvalidArgument("--audience " + text + ": no " + path + " in this run (run that community analysis first)");
      std::int64_t id = -1;
      const auto [p, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
      if (ec != std::errc() || p != id_text.data() + id_text.size() || id < 0)
        throw InvalidArgument("--audience " + text + ": expected a community id (a non-negative integer)");
      for (std::size_t v = 0; v < membership->size(); ++v)
        if ((*membership)[v] == id) a.members.push_back(static_cast<VertexId>(v));
      a.description = "community " + id_text + " of " + path.substr(0, path.size() - 11);
    } else {
      const NamedColumn* col = lg.attribute(key);
      if (!col) {
        std::string known;
        for (const auto& c : lg.attributes) known += (known.empty() ? "" : ", ") + c.name;
        throw InvalidArgument("--audience " + text + ": no node attribute '" + key + "' (known: " +
                              (known.empty() ? "none; give --nodes" : known) + ")");
      }
      std::visit(
          [&](const auto& values) {
            using T = std::decay_t<decltype(values)>;
            for (std::size_t v = 0; v < values.size(); ++v) {
              bool match = false;
              if constexpr (std::is_same_v<T, StringColumn>) {
                match = values[v] == value;
              } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
                match = std::to_string(values[v]) == value;
              } else {
                match = fmt::format("{}", values[v]) == value;
              }
              if (match) a.members.push_back(static_cast<VertexId>(v));
            }
          },
          col->values);
    }
  }
  if (a.members.empty()) throw InvalidArgument("--audience " + text + " selects nobody");
  return a;
}

struct Estimate {
  std::string method;
  std::vector<VertexId> seeds;
  influence::SpreadEstimate spread;
};

AnalysisOutput run_seed_selection(const AnalysisInput& in, bool opim) {
  const auto t0 = Clock::now();
  const auto& is = in.spec.influence;
  const auto probabilities = influence::parse_probabilities(is.probabilities);
  const auto dg = influence::make_diffusion_graph(in.graph, probabilities, in.lg.graph(LayerKind::kInteractions),
                                                  in.spec.seed, in.ctx);
  const Audience audience = resolve_audience(in);
  std::vector<VertexId> excluded;
  std::uint64_t excluded_unknown = 0;
  if (is.exclude) {
    const auto r = io::read_id_list(*is.exclude, in.lg.ids);
    excluded = r.ids;
    excluded_unknown = r.unknown;
  }
  influence::SeedOptions o;
  o.k = is.k;
  o.epsilon = is.epsilon;
  o.ell = is.ell;
  o.model = is.model;
  o.seed = in.spec.seed;
  o.audience = audience.members;
  o.excluded = excluded;
  const auto followers = influence::follower_counts(dg);
  if (is.budget > 0) {
    o.budget = is.budget;
    o.cost.resize(dg.num_vertices());
    for (VertexId v = 0; v < dg.num_vertices(); ++v) o.cost[v] = 1.0 + is.cost_per_follower * followers[v];
  }
  const auto r = opim ? influence::opim_c(dg, o, in.ctx) : influence::imm(dg, o, in.ctx);

  // Spread of the chosen seeds on fresh Monte Carlo samples, and the curve over prefixes.
  influence::SpreadOptions so;
  so.simulations = is.simulations;
  so.model = is.model;
  so.seed = in.spec.seed;
  so.audience = audience.members;
  const auto curve = influence::spread_curve(dg, r.seeds, so, in.ctx);

  // Baselines with the same k (or as many seeds as were chosen in budget mode), same estimator.
  std::vector<Estimate> rows;
  rows.push_back({r.method, r.seeds, curve.empty() ? influence::SpreadEstimate{} : curve.back()});
  if (is.baselines && !r.seeds.empty()) {
    const std::size_t k = r.seeds.size();
    auto add = [&](std::string name, std::vector<VertexId> seeds) {
      const auto e = influence::monte_carlo_spread(dg, seeds, so, in.ctx);
      rows.push_back({std::move(name), std::move(seeds), e});
    };
    add("most_followers", influence::top_k_by_score(followers, k, excluded));
    const std::string pr_path = centrality_path(in.layer, "pagerank");
    if (const auto* pr = find_double(in.previous, pr_path)) {
      add("pagerank", influence::top_k_by_score(*pr, k, excluded));
    } else {
      add("pagerank", influence::top_k_by_score(centrality::pagerank(in.graph, {}, in.ctx).score, k, excluded));
    }
    add("degree_discount", influence::degree_discount(dg, k, dg.mean_probability(), excluded, in.ctx));
    add("vote_rank", influence::vote_rank(dg, k, excluded, in.ctx));
  }
  const double seconds = since(t0);

  const std::string name = opim ? "opim" : "imm";
  const std::string base = "/influence/" + std::string(layer_name(in.layer)) + "/" + name;
  AnalysisOutput out;
  io::Group grp{base, {}};
  grp.attributes = {{"algorithm", r.method},
                    {"model", std::string(influence::model_name(is.model))},
                    {"probabilities", influence::probabilities_name(probabilities)},
                    {"k", static_cast<std::int64_t>(is.k)},
                    {"epsilon", is.epsilon},
                    {"ell", is.ell},
                    {"samples", static_cast<std::int64_t>(r.rr_sets)},
                    {"approximation", r.approximation},
                    {"estimated_spread", r.estimated_spread},
                    {"target_audience", audience.description},
                    {"target_size", static_cast<std::int64_t>(r.target_size)},
                    {"excluded", static_cast<std::int64_t>(excluded.size())},
                    {"excluded_unknown", static_cast<std::int64_t>(excluded_unknown)},
                    {"budget", is.budget},
                    {"total_cost", r.total_cost},
                    {"selection_rule", r.selection_rule},
                    {"simulations", static_cast<std::int64_t>(is.simulations)},
                    {"rr_memory_bytes", static_cast<std::int64_t>(r.rr_memory_bytes)},
                    {"seconds", seconds}};
  out.groups.push_back(std::move(grp));
  StringColumn handles;
  for (VertexId v : r.seeds) handles.push_back(in.lg.ids.handle(v));
  out.datasets.push_back({base + "/seeds", to_int64(r.seeds), {}});
  out.datasets.push_back({base + "/seed_handles", std::move(handles), {}});
  out.datasets.push_back({base + "/marginal_gain", r.marginal_gain, {}});
  const auto& final = rows.front().spread;
  out.datasets.push_back({base + "/spread", std::vector<double>{final.mean}, {}});
  out.datasets.push_back({base + "/spread_ci_low", std::vector<double>{final.ci_low}, {}});
  out.datasets.push_back({base + "/spread_ci_high", std::vector<double>{final.ci_high}, {}});
  std::vector<double> cm, cl, ch;
  for (const auto& e : curve) {
    cm.push_back(e.mean);
    cl.push_back(e.ci_low);
    ch.push_back(e.ci_high);
  }
  out.datasets.push_back({base + "/spread_curve", std::move(cm), {}});
  out.datasets.push_back({base + "/spread_curve_ci_low", std::move(cl), {}});
  out.datasets.push_back({base + "/spread_curve_ci_high", std::move(ch), {}});
  const std::string table = base + "/comparison";
  out.groups.push_back({table, {{"kind", std::string("table")}}});
  StringColumn method, seeds;
  std::vector<double> mean, low, high;
  for (const auto& row : rows) {
    method.push_back(row.method);
    seeds.push_back(join_handles(in.lg, row.seeds));
    mean.push_back(row.spread.mean);
    low.push_back(row.spread.ci_low);
    high.push_back(row.spread.ci_high);
  }
  out.datasets.push_back({table + "/method", std::move(method), {}});
  out.datasets.push_back({table + "/spread", std::move(mean), {}});
  out.datasets.push_back({table + "/spread_ci_low", std::move(low), {}});
  out.datasets.push_back({table + "/spread_ci_high", std::move(high), {}});
  out.datasets.push_back({table + "/seeds", std::move(seeds), {}});

  std::string cmp;
  for (std::size_t i = 1; i < rows.size(); ++i) cmp += fmt::format(", {} {:.0f}", rows[i].method, rows[i].spread.mean);
  out.summary = fmt::format("{} seeds reach {:.0f} [{:.0f}, {:.0f}] of {} ({} RR sets{}){}", r.seeds.size(), final.mean,
                            final.ci_low, final.ci_high, audience.description, r.rr_sets,
                            opim ? fmt::format(", certified ratio {:.3f}", r.approximation) : std::string(),
                            cmp.empty() ? "" : "; baselines" + cmp);
  return out;
}

}  // namespace

AnalysisOutput run_imm(const AnalysisInput& in) { return run_seed_selection(in, false); }
AnalysisOutput run_opim(const AnalysisInput& in) { return run_seed_selection(in, true); }

}  // namespace peerscout::job::detail
