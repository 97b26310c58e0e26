#include "engine/job/shortlist_stage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "algorithms/community/describe.hpp"
#include "algorithms/influence/diffusion.hpp"
#include "algorithms/roles/classify.hpp"
#include "algorithms/roles/participation.hpp"
#include "algorithms/roles/shortlist.hpp"
#include "engine/error.hpp"
#include "io/id_list_reader.hpp"

namespace peerscout::job {

namespace {

template <class T>
const std::vector<T>* find(const std::vector<io::Dataset>& ds, const std::string& path) {
  for (const auto& d : ds)
    if (d.path == path) return std::get_if<std::vector<T>>(&d.data);
  return nullptr;
}

std::string centrality(LayerKind l, const char* m) { return "/centrality/" + std::string(layer_name(l)) + "/" + m; }

template <class To, class From>
std::vector<To> convert(const std::vector<From>& v) {
  std::vector<To> out(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) out[i] = static_cast<To>(v[i]);
  return out;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : sep) + x;
  return out;
}

}  // namespace

std::optional<ShortlistStage> build_shortlist_stage(const LayeredGraph& lg, const JobSpec& spec,
                                                    const std::vector<io::Dataset>& ds, const std::vector<io::Group>&,
                                                    const std::vector<VertexId>& customers, RunContext& ctx) {
  const VertexId n = lg.num_vertices();
  // The roles layer: the first community result.
  LayerKind layer = LayerKind::kTrust;
  std::string method;
  const std::vector<std::int64_t>* membership64 = nullptr;
  for (LayerKind l : {LayerKind::kTrust, LayerKind::kFriends, LayerKind::kFollows, LayerKind::kInteractions}) {
    for (const char* m : {"leiden", "louvain", "label_propagation"}) {
      if (membership64) break;
      if (const auto* v = find<std::int64_t>(ds, "/community/" + std::string(layer_name(l)) + "/" + m + "/membership")) {
        membership64 = v;
        layer = l;
        method = m;
      }
    }
  }
  if (!membership64 || !lg.graph(layer)) return std::nullopt;
  const CsrGraph& g = *lg.graph(layer);
  const std::string lname(layer_name(layer));
  const auto membership = convert<std::uint32_t>(*membership64);
  std::uint32_t num_communities = 0;
  for (auto c : membership) num_communities = std::max(num_communities, c + 1);

  ShortlistStage st;
  // Guimera-Amaral measures and roles on the roles layer.
  roles::ParticipationOptions po;
  po.use_weights = true;
  auto part = roles::participation(g, membership, po, ctx);
  const auto role = roles::classify_roles(part.z, part.participation);
  auto local = roles::local_pagerank(g, membership, {}, ctx);
  ctx.check_cancelled();

  // Measures from the earlier analyses.
  std::vector<std::int64_t> followers;
  if (const auto* f = find<std::int64_t>(ds, centrality(LayerKind::kFollows, "in_degree"))) {
    followers = *f;
  } else if (const CsrGraph* fg = lg.graph(LayerKind::kFollows)) {
    followers.resize(n);
    for (VertexId v = 0; v < n; ++v) followers[v] = static_cast<std::int64_t>(fg->in_neighbors(v).size());
  }
  const auto* pagerank = find<double>(ds, centrality(LayerKind::kFollows, "pagerank"));
  const std::vector<double>* ppr = nullptr;
  for (LayerKind l : {LayerKind::kTrust, LayerKind::kFollows, LayerKind::kFriends, LayerKind::kInteractions})
    if (!ppr) ppr = find<double>(ds, centrality(l, "personalized_pagerank"));
  const auto* betweenness = find<double>(ds, centrality(layer, "betweenness_approx"));
  if (!betweenness) betweenness = find<double>(ds, centrality(layer, "betweenness"));
  const auto* constraint = find<double>(ds, centrality(layer, "constraint"));
  std::vector<std::uint32_t> coreness;
  if (const auto* c = find<std::int64_t>(ds, centrality(LayerKind::kTrust, "coreness"))) coreness = convert<std::uint32_t>(*c);
  std::vector<VertexId> seeds;
  const std::vector<double>* gain = nullptr;
  std::string influence_base;
  for (const char* m : {"imm", "opim"}) {
    const std::string base = "/influence/follows/" + std::string(m);
    if (const auto* s = find<std::int64_t>(ds, base + "/seeds"); s && seeds.empty()) {
      seeds = convert<VertexId>(*s);
      gain = find<double>(ds, base + "/marginal_gain");
      influence_base = base;
    }
  }

  // Marketing labels.
  roles::LabelInputs li;
  li.num_vertices = n;
  li.z = part.z;
  li.participation = part.participation;
  li.communities_reached = part.communities_reached;
  li.followers = followers;
  if (pagerank) li.pagerank = *pagerank;
  if (betweenness) li.betweenness = *betweenness;
  if (constraint) li.constraint = *constraint;
  if (ppr) li.customer_ppr = *ppr;
  li.customers = customers;
  const auto labels = roles::label_people(li);

  // Audiences (RR sets on the follows layer) for coverage mode and the "new audience" reason.
  std::optional<influence::DiffusionGraph> diffusion;
  if (const CsrGraph* fg = lg.graph(LayerKind::kFollows))
    diffusion = influence::make_diffusion_graph(*fg, influence::parse_probabilities(spec.influence.probabilities),
                                                lg.graph(LayerKind::kInteractions), spec.seed, ctx);
  const auto profiles = community::profiles(community::Partition{membership, num_communities}, lg.attributes);

  const auto& so = spec.shortlist_options;
  roles::ShortlistInputs in;
  in.num_vertices = n;
  in.membership = membership;
  in.followers = followers;
  if (pagerank) in.pagerank = *pagerank;
  if (ppr) in.customer_ppr = *ppr;
  in.customers = customers;
  in.coreness = coreness;
  in.local = local;
  in.z = part.z;
  in.participation = part.participation;
  in.roles = role;
  in.labels = labels.labels;
  if (gain && gain->size() == seeds.size()) {
    in.seeds = seeds;
    in.marginal_gain = *gain;
  }
  in.follows = lg.graph(LayerKind::kFollows);
  in.ties = &g;
  in.ties_options = po;
  in.profiles = profiles;
  in.attributes = lg.attributes;
  if (diffusion) in.diffusion = &*diffusion;
  in.model = spec.influence.model;

  roles::ShortlistOptions o;
  o.k = spec.top;
  o.weights = {so.weight_reach, so.weight_trust, so.weight_local, so.weight_gain};
  o.max_per_community = so.max_per_community;
  o.coverage = so.coverage && diffusion.has_value();
  o.rr_sets = so.rr_sets;
  o.seed = spec.seed;
  if (spec.influence.exclude) o.filters.exclude = io::read_id_list(*spec.influence.exclude, lg.ids).ids;
  for (const auto& f : so.filters) {
    const auto eq = f.find('=');
    o.filters.attributes.push_back({f.substr(0, eq), f.substr(eq + 1)});
  }
  o.filters.min_followers = so.min_followers;
  o.filters.max_followers = so.max_followers;
  for (const auto& r : so.roles) {
    try {
      o.filters.labels |= roles::label_bit(roles::parse_label(r));
    } catch (const InvalidArgument&) {
      o.filters.roles.push_back(roles::parse_role(r));  // throws naming the choices
    }
  }
  o.filters.exclude_customers = so.exclude_customers;
  const auto r = roles::shortlist(in, o, ctx);

  // /roles/<layer>/...
  const std::string rb = "/roles/" + lname;
  io::Group rg{rb, {{"community_method", method},
                    {"thresholds", std::string("Guimera-Amaral: hub z >= 2.5; P 0.05/0.62/0.80 (non-hubs), 0.30/0.75 (hubs)")}}};
  for (std::size_t i = 0; i < 4; ++i)
    rg.attributes.push_back({"count_" + std::string(roles::label_key(roles::kAllLabels[i])), static_cast<std::int64_t>(labels.count[i])});
  st.groups.push_back(std::move(rg));
  StringColumn role_col, label_col;
  for (VertexId v = 0; v < n; ++v) {
    role_col.push_back(roles::role_code(role[v]));
    label_col.push_back(roles::labels_text(labels.labels[v]));
  }
  st.datasets.push_back({rb + "/z_score", std::move(part.z), {}});
  st.datasets.push_back({rb + "/participation", std::move(part.participation), {}});
  st.datasets.push_back({rb + "/communities_reached", convert<std::int64_t>(part.communities_reached), {}});
  st.datasets.push_back({rb + "/role", std::move(role_col), {}});
  st.datasets.push_back({rb + "/labels", std::move(label_col), {}});
  st.datasets.push_back({rb + "/local_pagerank", local, {}});

  // The /shortlist table and the CSV.
  const std::size_t k = r.entries.size();
  std::vector<std::int64_t> rank(k), vertex(k), community(k), fol(k);
  std::vector<double> score(k), reach(k), trust(k), loc(k), gn(k), audience(k), new_audience(k);
  StringColumn id, role_s, label_s, comms, reasons, kinds, first_reason;
  for (std::size_t i = 0; i < k; ++i) {
    const auto& e = r.entries[i];
    rank[i] = e.rank;
    vertex[i] = e.vertex;
    id.push_back(lg.ids.handle(e.vertex));
    score[i] = e.score;
    reach[i] = e.components.reach;
    trust[i] = e.components.trust;
    loc[i] = e.components.local;
    gn[i] = e.components.gain;
    community[i] = e.community == roles::kNoCommunity ? -1 : static_cast<std::int64_t>(e.community);
    role_s.push_back(roles::role_code(e.role));
    label_s.push_back(roles::labels_text(e.labels));
    fol[i] = e.followers;
    audience[i] = e.audience;
    new_audience[i] = e.new_audience;
    std::vector<std::string> cs, rs, ks;
    for (const auto& c : e.communities) cs.push_back(fmt::format("{} ({} ties)", c.community, c.edges));
    for (const auto& reason : e.reasons) {
      rs.push_back(roles::reason_text(reason));
      ks.push_back(std::string(roles::reason_key(reason.kind)));
    }
    comms.push_back(join(cs, "; "));
    first_reason.push_back(rs.empty() ? std::string() : rs.front());
    reasons.push_back(join(rs, " | "));
    kinds.push_back(join(ks, ";"));
  }
  io::Group sg{"/shortlist",
               {{"kind", std::string("table")},
                {"mode", r.mode},
                {"roles_layer", lname},
                {"community_method", method},
                {"candidates", static_cast<std::int64_t>(r.candidates)},
                {"weight_reach", r.effective_weights.reach},
                {"weight_trust", r.effective_weights.trust},
                {"weight_local", r.effective_weights.local},
                {"weight_gain", r.effective_weights.gain},
                {"max_per_community", std::int64_t{so.max_per_community}},
                {"rr_sets", static_cast<std::int64_t>(r.rr_sets)},
                {"total_audience", r.total_audience}}};
  st.groups.push_back(std::move(sg));
  auto col = [&](const char* name, ColumnData c) {
    st.datasets.push_back({std::string("/shortlist/") + name, c, {}});
    st.csv.push_back({name, std::move(c)});
  };
  col("rank", rank);
  col("id", id);
  st.datasets.push_back({"/shortlist/vertex", vertex, {}});
  col("score", score);
  col("labels", label_s);
  col("role", role_s);
  col("community", community);
  col("followers", fol);
  col("reach", reach);
  col("trust", trust);
  col("local", loc);
  col("gain", gn);
  col("audience", audience);
  col("new_audience", new_audience);
  col("communities", comms);
  col("reasons", reasons);
  col("reason_kinds", kinds);
  for (const auto& attr : lg.attributes) {
    std::visit(
        [&](const auto& values) {
          using T = std::decay_t<decltype(values)>;
          T c;
          for (const auto& e : r.entries) c.push_back(values[e.vertex]);
          st.csv.push_back({attr.name, std::move(c)});
        },
        attr.values);
  }
  st.printed = {{"rank", rank}, {"id", id}, {"score", score}, {"labels", label_s}, {"followers", fol}, {"why", first_reason}};
  st.summary = fmt::format("{} people ({} mode, {} candidates); roles on {} ({}): {} micro-influencers, {} brokers, {} celebrities, {} trusted peers",
                           k, r.mode, r.candidates, lname, method, labels.count[0], labels.count[1], labels.count[2],
                           labels.count[3]);

  // The report.
  io::ReportData& rep = st.report;
  rep.summary.push_back(fmt::format("{} people; roles and communities on the {} layer ({}, {} communities)", n, lname,
                                    method, num_communities));
  for (LayerKind l : kAllLayers)
    if (const CsrGraph* lgph = lg.graph(l))
      rep.summary.push_back(fmt::format("{}: {} edges ({})", layer_name(l), lgph->num_edges(), lgph->directed() ? "directed" : "undirected"));
  rep.summary.push_back(fmt::format("score = {:.2f} reach + {:.2f} trust + {:.2f} local + {:.2f} gain; {} mode; at most {} per community",
                                    r.effective_weights.reach, r.effective_weights.trust, r.effective_weights.local,
                                    r.effective_weights.gain, r.mode, so.max_per_community));
  rep.summary.push_back(fmt::format("labels: {} micro-influencers, {} brokers, {} celebrities, {} trusted peers of customers",
                                    labels.count[0], labels.count[1], labels.count[2], labels.count[3]));
  for (const auto& e : r.entries) {
    io::ReportRow row;
    row.name = lg.ids.handle(e.vertex);
    row.score = e.score;
    for (auto l : roles::kAllLabels)
      if (roles::has_label(e.labels, l)) row.labels.emplace_back(roles::label_name(l));
    row.community = e.community == roles::kNoCommunity ? "" : std::to_string(e.community);
    row.followers = e.followers;
    for (const auto& reason : e.reasons) row.reasons.push_back(roles::reason_text(reason));
    rep.shortlist.push_back(std::move(row));
  }
  {
    const std::string table = "/community/" + lname + "/" + method + "/communities";
    const auto* size = find<std::int64_t>(ds, table + "/size");
    const auto* density = find<double>(ds, table + "/density");
    if (size && density) {
      std::vector<std::uint32_t> order(size->size());
      for (std::uint32_t c = 0; c < order.size(); ++c) order[c] = c;
      std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return (*size)[a] > (*size)[b]; });
      if (order.size() > 15) order.resize(15);
      for (auto c : order) {
        io::ReportCommunity rc{std::to_string(c), static_cast<std::uint64_t>((*size)[c]), (*density)[c], {}};
        for (const auto& p : profiles)
          if (c < p.dominant_value.size() && !p.dominant_value[c].empty())
            rc.profile.push_back(fmt::format("{:.0f}% {} {}", 100.0 * p.dominant_share[c], p.attribute, p.dominant_value[c]));
        rep.communities.push_back(std::move(rc));
      }
    }
  }
  rep.follower_histogram = io::log_histogram(followers);
  if (!influence_base.empty()) {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    const auto* curve = find<double>(ds, influence_base + "/spread_curve");
    const auto* lo = find<double>(ds, influence_base + "/spread_curve_ci_low");
    const auto* hi = find<double>(ds, influence_base + "/spread_curve_ci_high");
    if (curve)
      for (std::size_t i = 0; i < curve->size(); ++i)
        rep.spread.push_back({static_cast<double>(i + 1), (*curve)[i], lo ? (*lo)[i] : kNaN, hi ? (*hi)[i] : kNaN});
    rep.spread_caption = fmt::format("expected people reached by the first k influence seeds ({}, {}), 95% CI",
                                     spec.influence.model == influence::Model::kIndependentCascade ? "independent cascade" : "linear threshold",
                                     spec.influence.probabilities);
  }
  {
    std::map<std::uint32_t, std::size_t> community_node;
    const std::size_t people = std::min<std::size_t>(r.entries.size(), 8);
    for (std::size_t i = 0; i < people; ++i) {
      const auto& e = r.entries[i];
      const std::size_t p = rep.nodes.size();
      rep.nodes.push_back({lg.ids.handle(e.vertex), false, std::max(e.score, 0.05)});
      for (const auto& c : e.communities) {
        if (c.edges == 0) continue;
        auto it = community_node.find(c.community);
        if (it == community_node.end()) {
          it = community_node.emplace(c.community, rep.nodes.size()).first;
          rep.nodes.push_back({"community " + std::to_string(c.community), true, 1.0});  // size: members, below
        }
        rep.edges.push_back({p, it->second, static_cast<double>(c.edges)});
      }
    }
    // Community node sizes: members.
    std::vector<std::uint64_t> members(num_communities, 0);
    for (auto c : membership) ++members[c];
    for (const auto& [c, idx] : community_node) rep.nodes[idx].size = static_cast<double>(members[c]);
  }
  return st;
}

}  // namespace peerscout::job
