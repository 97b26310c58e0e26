// End to end on the demo network: roles, labels and the shortlist from the real algorithms, then
// the HTML report built from them (the same mapping the pipeline uses: ReportData holds only
// strings and numbers). Checks the shortlist's contract on real data (cap, reasons, filters) and
// reports what it found; PEERSCOUT_REPORT_COPY=<file> keeps a copy of the report for inspection.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <set>

#include "algorithms/community/describe.hpp"
#include "algorithms/influence/diffusion.hpp"
#include "algorithms/roles/shortlist.hpp"
#include "io/report/report_html.hpp"
#include "tests/algorithms/roles/demo_fixture.hpp"
#include "tests/support/files.hpp"

using namespace peerscout;
using namespace peerscout::roles;

namespace {

std::vector<NamedColumn> demo_attributes(const datasets::SocialNetwork& net) {
  StringColumn region, topic;
  for (VertexId v = 0; v < net.num_people(); ++v) {
    region.push_back(net.region_names[net.region[v]]);
    topic.push_back(net.topic_names[net.topic[v]]);
  }
  std::vector<NamedColumn> cols;
  cols.push_back({"region", std::move(region)});
  cols.push_back({"topic", std::move(topic)});
  return cols;
}

}  // namespace

TEST_CASE("demo network: shortlist and report end to end", "[roles][demo][report]") {
  const auto& d = test::roles_demo();
  const auto& net = d.net;
  const VertexId n = net.num_people();
  const auto& membership = d.leiden.partition.membership;
  const auto roles = classify_roles(d.part.z, d.part.participation);
  const auto labels = label_people(test::label_inputs(d));
  const auto attributes = demo_attributes(net);
  const auto profiles = community::profiles(d.leiden.partition, attributes);
  const auto diffusion = influence::make_diffusion_graph(d.follows, {});

  ShortlistInputs in;
  in.num_vertices = n;
  in.membership = membership;
  in.followers = d.followers;
  in.pagerank = d.pagerank;
  in.customer_ppr = d.customer_ppr;
  in.customers = net.customers;
  in.local = d.local_pr;
  in.z = d.part.z;
  in.participation = d.part.participation;
  in.roles = roles;
  in.labels = labels.labels;
  in.follows = &d.follows;
  in.ties = &d.trust;
  in.ties_options = {.min_ties = 3};
  in.profiles = profiles;
  in.attributes = attributes;
  in.diffusion = &diffusion;
  const ShortlistOptions opts{.k = 20, .max_per_community = 2, .filters = {.exclude_customers = true},
                              .rr_sets = 20000, .seed = 42};
  const auto r = shortlist(in, opts);
  REQUIRE(r.entries.size() == 20);
  std::map<std::uint32_t, int> per_community;
  std::size_t planted = 0, with_reasons = 0;
  std::map<std::string, std::size_t> planted_roles;
  for (const auto& e : r.entries) {
    CHECK(++per_community[e.community] <= 2);
    CHECK_FALSE(std::binary_search(net.customers.begin(), net.customers.end(), e.vertex));
    with_reasons += e.reasons.empty() ? 0 : 1;
    if (net.role[e.vertex] != datasets::Role::kRegular) ++planted;
    ++planted_roles[std::string(datasets::role_name(net.role[e.vertex]))];
    CHECK(e.new_audience <= e.audience + 1e-9);
  }
  CHECK(with_reasons == r.entries.size());
  std::string roles_found;
  for (const auto& [name, cnt] : planted_roles) roles_found += fmt::format(" {} {}", name, cnt);
  WARN(fmt::format("demo shortlist (k 20, at most 2 per community, customers excluded): planted roles among the "
                   "entries:{}; estimated union audience {:.0f} people",
                   roles_found, r.total_audience));
  CHECK(planted >= 10);  // the planted key people dominate the list

  // ---- the report ------------------------------------------------------------------------------
  const auto stats = community::describe(d.trust, d.leiden.partition, 0);
  io::ReportData rep;
  rep.title = "peerscout demo: key recommenders";
  rep.summary = {fmt::format("{} people, {} follows, {} trusted ties", thousands(n),
                             thousands(static_cast<std::int64_t>(d.follows.num_edges())),
                             thousands(static_cast<std::int64_t>(d.trust.num_edges() / 2))),
                 fmt::format("Leiden on the trust layer: {} communities", d.leiden.partition.count),
                 fmt::format("shortlist: {} mode, {} candidates after filters", r.mode,
                             thousands(static_cast<std::int64_t>(r.candidates)))};
  for (const auto& e : r.entries) {
    io::ReportRow row;
    row.name = net.handles[e.vertex];
    row.score = e.score;
    for (Label l : kAllLabels)
      if (has_label(e.labels, l)) row.labels.emplace_back(label_name(l));
    row.community = std::to_string(e.community);
    row.followers = e.followers;
    for (const auto& reason : e.reasons) row.reasons.push_back(reason_text(reason));
    rep.shortlist.push_back(std::move(row));
  }
  std::set<std::uint32_t> shown;
  for (const auto& e : r.entries) shown.insert(e.community);
  for (std::uint32_t c : shown) {
    io::ReportCommunity rc{std::to_string(c), stats.size[c], stats.density[c], {}};
    for (const auto& p : profiles)
      rc.profile.push_back(fmt::format("{:.0f}% {} {}", 100 * p.dominant_share[c], p.attribute, p.dominant_value[c]));
    rep.communities.push_back(std::move(rc));
  }
  rep.follower_histogram = io::log_histogram(d.followers);
  double cumulative = 0;
  for (std::size_t i = 0; i < r.entries.size(); ++i) {
    cumulative += r.entries[i].new_audience;
    rep.spread.push_back({static_cast<double>(i + 1), cumulative});
  }
  rep.spread_caption = "estimated audience of the top k entries (IC, weighted cascade, 20,000 RR sets)";
  std::map<std::uint32_t, std::size_t> community_node;
  for (std::size_t i = 0; i < 10; ++i) rep.nodes.push_back({net.handles[r.entries[i].vertex], false, r.entries[i].score});
  for (std::size_t i = 0; i < 10; ++i)
    for (const auto& t : r.entries[i].communities) {
      if (t.edges < 3) continue;
      auto [it, added] = community_node.emplace(t.community, rep.nodes.size());
      if (added) rep.nodes.push_back({"community " + std::to_string(t.community), true, double(stats.size[t.community])});
      rep.edges.push_back({i, it->second, t.ties});
    }
  const std::string html = io::render_report_html(rep);
  CHECK(html.find("http") == std::string::npos);
  test::TempDir dir("demo-report");
  io::write_report_html(dir / "report.html", rep);
  CHECK(test::read_file(dir / "report.html") == html);
  if (const char* keep = std::getenv("PEERSCOUT_REPORT_COPY"))
    std::filesystem::copy_file(dir / "report.html", keep, std::filesystem::copy_options::overwrite_existing);
}
