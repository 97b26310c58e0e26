#include "algorithms/roles/shortlist.hpp"

#include <parallel/algorithm>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>
#include <variant>

#include "algorithms/influence/max_coverage.hpp"
#include "algorithms/influence/rr_sets.hpp"
#include "algorithms/roles/detail/input_checks.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout::roles {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string fixed(double x, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

// "1%", "0.4%", "0.02%": the share as a percentage rounded UP to one significant digit below 1%,
// to an integer above (so "top 1%" never claims more than the truth).
std::string top_percent(double share) {
  const double pct = std::max(0.0, share) * 100.0;
  if (pct >= 1.0) return fixed(std::ceil(pct - 1e-9), 0) + "%";
  if (pct <= 0.0) return "0%";
  const int e = static_cast<int>(std::floor(std::log10(pct)));  // pct in [10^e, 10^(e+1))
  const double unit = std::pow(10.0, e);
  const double up = std::ceil(pct / unit - 1e-9) * unit;
  if (up >= 1.0 - 1e-12) return "1%";  // 0.95% rounds up to 1%, not "1.0%"
  // One significant digit of the rounded value: 0.093% -> 0.1%, not "0.10%".
  const int digits = -static_cast<int>(std::floor(std::log10(up) + 1e-9));
  return fixed(up, std::max(0, digits)) + "%";
}

std::string join_ids(const std::vector<std::uint32_t>& ids) {
  std::string s;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) s += i + 1 == ids.size() ? " and " : ", ";
    s += std::to_string(ids[i]);
  }
  return s;
}

std::string people(std::uint64_t n) { return thousands(static_cast<std::int64_t>(n)) + (n == 1 ? " person" : " people"); }

// Per-vertex number of OTHER vertices with a strictly smaller value (from percentile_rank).
std::uint64_t below(double pct, std::size_t n) {
  return n <= 1 ? 0 : static_cast<std::uint64_t>(std::llround(pct * static_cast<double>(n - 1)));
}

bool attribute_matches(const NamedColumn& col, const std::string& value, std::vector<std::uint8_t>& ok) {
  const std::size_t n = ok.size();
  if (const auto* s = std::get_if<StringColumn>(&col.values)) {
    for (std::size_t v = 0; v < n; ++v)
      if ((*s)[v] != value) ok[v] = 0;
    return true;
  }
  if (const auto* iv = std::get_if<std::vector<std::int64_t>>(&col.values)) {
    std::int64_t x = 0;
    const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), x);
    if (ec != std::errc() || p != value.data() + value.size()) return false;
    for (std::size_t v = 0; v < n; ++v)
      if ((*iv)[v] != x) ok[v] = 0;
    return true;
  }
  const auto& dv = std::get<std::vector<double>>(col.values);
  double x = 0;
  const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), x);
  if (ec != std::errc() || p != value.data() + value.size()) return false;
  for (std::size_t v = 0; v < n; ++v)
    if (!(dv[v] == x)) ok[v] = 0;
  return true;
}

std::vector<ProfileShare> profile_of(std::span<const community::AttributeProfile> profiles, std::uint32_t c) {
  std::vector<ProfileShare> out;
  for (const auto& p : profiles)
    if (c < p.dominant_share.size() && c < p.dominant_value.size() && p.dominant_share[c] >= 0.5)
      out.push_back({p.attribute, p.dominant_value[c], p.dominant_share[c]});
  std::stable_sort(out.begin(), out.end(), [](const ProfileShare& a, const ProfileShare& b) {
    if (a.share != b.share) return a.share > b.share;
    return a.attribute < b.attribute;
  });
  if (out.size() > 2) out.resize(2);
  return out;
}

}  // namespace

std::string thousands(std::int64_t x) {
  const bool neg = x < 0;
  std::string digits = std::to_string(neg ? -static_cast<std::uint64_t>(x) : static_cast<std::uint64_t>(x));
  std::string out;
  const std::size_t len = digits.size();
  for (std::size_t i = 0; i < len; ++i) {
    if (i > 0 && (len - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return neg ? "-" + out : out;
}

std::string_view reason_key(ReasonKind k) noexcept {
  switch (k) {
    case ReasonKind::kTopLocalInfluence: return "top_local_influence";
    case ReasonKind::kBridges: return "bridges";
    case ReasonKind::kFollowedByCustomers: return "followed_by_customers";
    case ReasonKind::kTrustedByCustomers: return "trusted_by_customers";
    case ReasonKind::kGlobalReach: return "global_reach";
    case ReasonKind::kInfluenceSeed: return "influence_seed";
    case ReasonKind::kNewAudience: return "new_audience";
    case ReasonKind::kRole: return "role";
    case ReasonKind::kCustomer: return "customer";
  }
  return "?";
}

std::string reason_text(const Reason& r) {
  switch (r.kind) {
    case ReasonKind::kTopLocalInfluence: {
      const double share = r.size > 0 ? static_cast<double>(r.rank) / static_cast<double>(r.size) : 1.0;
      std::string s = "top " + top_percent(share) +
                      (r.measure == LocalMeasure::kLocalPageRank ? " PageRank" : " within-community z-score") +
                      " inside community " + std::to_string(r.community) + ": " + people(r.size);
      for (const auto& p : r.profile)
        s += ", " + fixed(std::floor(p.share * 100.0 + 1e-9), 0) + "% " + p.attribute + " " + p.value;
      return s;
    }
    case ReasonKind::kBridges:
      return "bridges communities " + join_ids(r.communities);
    case ReasonKind::kFollowedByCustomers:
      return thousands(static_cast<std::int64_t>(r.count)) + " of your customers " + (r.count == 1 ? "follows" : "follow") +
             " them";
    case ReasonKind::kTrustedByCustomers:
      return "top " + top_percent(r.share) + " of the people your " + thousands(static_cast<std::int64_t>(r.size)) +
             " customers trust (personalized PageRank, customers excluded)";
    case ReasonKind::kGlobalReach:
      if (r.count > 0 || r.value == 0.0)
        return thousands(static_cast<std::int64_t>(r.count)) + (r.count == 1 ? " follower" : " followers") + ": top " +
               top_percent(r.share) + " of " + people(r.size);
      return "top " + top_percent(r.share) + " global PageRank among " + people(r.size);
    case ReasonKind::kInfluenceSeed:
      return "influence-maximization seed #" + std::to_string(r.rank) + ": adds about " +
             thousands(std::llround(r.value)) + " people to the expected spread";
    case ReasonKind::kNewAudience:
      return "reaches about " + thousands(std::llround(r.value)) + " people in expectation, " +
             fixed(std::floor(r.share * 100.0 + 1e-9), 0) + "% of them not reached by those ranked above";
    case ReasonKind::kRole: {
      std::string s = std::string(role_name(r.role)) + " (" + std::string(role_code(r.role)) + ")";
      if (r.community != kNoCommunity) s += " of community " + std::to_string(r.community);
      std::string detail;
      if (!std::isnan(r.value)) detail += "within-community z-score " + fixed(r.value, 1);
      if (!std::isnan(r.share)) detail += (detail.empty() ? "" : ", ") + std::string("participation ") + fixed(r.share, 2);
      return detail.empty() ? s : s + ": " + detail;
    }
    case ReasonKind::kCustomer:
      return "already one of your customers";
  }
  return "";
}

void ShortlistOptions::validate() const {
  if (k < 1) throw InvalidArgument("shortlist: k must be >= 1");
  const double w[] = {weights.reach, weights.trust, weights.local, weights.gain};
  for (double x : w)
    if (!(x >= 0.0) || !std::isfinite(x))
      throw InvalidArgument("shortlist: score weights must be finite and >= 0 (reach, trust, local, gain)");
  if (rr_sets < 1) throw InvalidArgument("shortlist: rr_sets must be >= 1");
  if (!(reason_top_share > 0.0 && reason_top_share <= 1.0))
    throw InvalidArgument("shortlist: reason_top_share must be in (0, 1], got " + std::to_string(reason_top_share));
  if (!(reason_percentile >= 0.0 && reason_percentile <= 1.0))
    throw InvalidArgument("shortlist: reason_percentile must be in [0, 1], got " + std::to_string(reason_percentile));
  if (bridge_min_communities < 2) throw InvalidArgument("shortlist: bridge_min_communities must be >= 2");
  if (filters.min_followers >= 0 && filters.max_followers >= 0 && filters.min_followers > filters.max_followers)
    throw InvalidArgument("shortlist: min_followers (" + std::to_string(filters.min_followers) +
                          ") exceeds max_followers (" + std::to_string(filters.max_followers) + ")");
}

ShortlistResult shortlist(const ShortlistInputs& in, const ShortlistOptions& opts, RunContext& ctx) {
  opts.validate();
  const VertexId n = in.num_vertices;
  detail::check_per_person("shortlist", "membership", in.membership.size(), n);
  detail::check_per_person("shortlist", "followers", in.followers.size(), n);
  detail::check_per_person("shortlist", "pagerank", in.pagerank.size(), n);
  detail::check_per_person("shortlist", "customer_ppr", in.customer_ppr.size(), n);
  detail::check_per_person("shortlist", "coreness", in.coreness.size(), n);
  detail::check_per_person("shortlist", "local", in.local.size(), n);
  detail::check_per_person("shortlist", "z", in.z.size(), n);
  detail::check_per_person("shortlist", "participation", in.participation.size(), n);
  detail::check_per_person("shortlist", "roles", in.roles.size(), n);
  detail::check_per_person("shortlist", "labels", in.labels.size(), n);
  detail::check_person_ids("shortlist", "customer", in.customers, n);
  detail::check_person_ids("shortlist", "seed", in.seeds, n);
  detail::check_person_ids("shortlist", "excluded", opts.filters.exclude, n);
  if (in.marginal_gain.size() != in.seeds.size())
    throw InvalidArgument("shortlist: " + std::to_string(in.seeds.size()) + " seeds but " +
                          std::to_string(in.marginal_gain.size()) + " marginal gains");
  for (const CsrGraph* g : {in.follows, in.ties})
    if (g && g->num_vertices() != n)
      throw InvalidArgument("shortlist: a layer has " + std::to_string(g->num_vertices()) + " vertices, expected " +
                            std::to_string(n));
  if (in.follows && (!in.follows->directed() || !in.follows->has_in_edges()))
    throw InvalidArgument("shortlist: the follows layer must be directed with in-adjacency");
  if (in.ties && in.membership.empty()) throw InvalidArgument("shortlist: the ties layer needs the membership");
  if (in.diffusion && in.diffusion->num_vertices() != n)
    throw InvalidArgument("shortlist: the diffusion graph has " + std::to_string(in.diffusion->num_vertices()) +
                          " vertices, expected " + std::to_string(n));
  if (opts.coverage && !in.diffusion) throw InvalidArgument("shortlist: coverage mode needs a diffusion graph");
  if (opts.max_per_community > 0 && in.membership.empty())
    throw InvalidArgument("shortlist: max_per_community needs the community membership");
  const auto& f = opts.filters;
  if ((f.min_followers >= 0 || f.max_followers >= 0) && in.followers.empty())
    throw InvalidArgument("shortlist: the follower-count filter needs follower counts");
  if (f.labels != 0 && in.labels.empty()) throw InvalidArgument("shortlist: the label filter needs the labels");
  if (!f.roles.empty() && in.roles.empty()) throw InvalidArgument("shortlist: the role filter needs the roles");
  for (const auto& p : in.profiles)
    if (p.dominant_value.size() != p.dominant_share.size())
      throw InvalidArgument("shortlist: profile '" + p.attribute + "' has mismatched value and share lengths");
  std::vector<std::uint32_t> community_count;
  if (!in.membership.empty()) {
    std::uint32_t count = 0;
    for (std::uint32_t c : in.membership) {
      if (c >= n)
        throw InvalidArgument("shortlist: community id " + std::to_string(c) + " is not below the number of people (" +
                              std::to_string(n) + ")");
      count = std::max(count, c + 1);
    }
    community_count.assign(count, 0);
    for (std::uint32_t c : in.membership) ++community_count[c];
  }

  auto phase = ctx.phase("roles/shortlist");
  ShortlistResult res;
  res.mode = opts.coverage ? "coverage" : "score";
  const auto sn = static_cast<std::int64_t>(n);

  // ---- components -------------------------------------------------------------------------------
  std::vector<double> reach, trust, local, gain;
  std::vector<double> follower_pct, pagerank_pct;
  if (!in.followers.empty()) follower_pct = percentile_rank(in.followers);
  if (!in.pagerank.empty()) {
    pagerank_pct = percentile_rank(in.pagerank);
    reach = pagerank_pct;
  } else if (!in.followers.empty()) {
    reach = follower_pct;
  }
  if (!in.customer_ppr.empty()) {
    trust = percentile_rank(in.customer_ppr);
  } else if (!in.coreness.empty()) {
    std::vector<double> core(in.coreness.begin(), in.coreness.end());
    trust = percentile_rank(core);
  }
  if (!in.local.empty()) local = percentile_rank(in.local);
  if (!in.seeds.empty()) {
    gain.assign(n, 0.0);
    double max_gain = 0.0;
    for (double g : in.marginal_gain) max_gain = std::max(max_gain, g);
    for (std::size_t i = 0; i < in.seeds.size(); ++i)
      gain[in.seeds[i]] = max_gain > 0.0 ? std::max(0.0, in.marginal_gain[i]) / max_gain : 0.0;
  }
  ctx.check_cancelled();
  ScoreWeights w{reach.empty() ? 0.0 : opts.weights.reach, trust.empty() ? 0.0 : opts.weights.trust,
                 local.empty() ? 0.0 : opts.weights.local, gain.empty() ? 0.0 : opts.weights.gain};
  const double wsum = w.reach + w.trust + w.local + w.gain;
  if (wsum > 0.0) {
    w.reach /= wsum;
    w.trust /= wsum;
    w.local /= wsum;
    w.gain /= wsum;
  }
  res.effective_weights = w;
  res.score.assign(n, 0.0);
#pragma omp parallel for schedule(static) if (sn > kParallelMin)
  for (std::int64_t i = 0; i < sn; ++i) {
    const auto v = static_cast<std::size_t>(i);
    double s = 0.0;
    if (w.reach > 0.0) s += w.reach * reach[v];
    if (w.trust > 0.0) s += w.trust * trust[v];
    if (w.local > 0.0) s += w.local * local[v];
    if (w.gain > 0.0) s += w.gain * gain[v];
    res.score[v] = s;
  }

  // ---- filters ----------------------------------------------------------------------------------
  std::vector<std::uint8_t> ok(n, 1), customer(n, 0);
  for (VertexId c : in.customers) customer[c] = 1;
  for (VertexId v : f.exclude) ok[v] = 0;
  for (const auto& af : f.attributes) {
    const NamedColumn* col = nullptr;
    for (const auto& c : in.attributes)
      if (c.name == af.attribute) col = &c;
    if (!col) {
      std::string known;
      for (const auto& c : in.attributes) known += (known.empty() ? "" : ", ") + c.name;
      throw InvalidArgument("shortlist: no node attribute '" + af.attribute + "' (known: " +
                            (known.empty() ? std::string("none") : known) + ")");
    }
    if (column_size(col->values) != n)
      throw InvalidArgument("shortlist: attribute '" + af.attribute + "' has " + std::to_string(column_size(col->values)) +
                            " values, expected " + std::to_string(n));
    if (!attribute_matches(*col, af.value, ok))
      throw InvalidArgument("shortlist: attribute '" + af.attribute + "' is numeric, '" + af.value +
                            "' is not a number");
  }
#pragma omp parallel for schedule(static) if (sn > kParallelMin)
  for (std::int64_t i = 0; i < sn; ++i) {
    const auto v = static_cast<std::size_t>(i);
    if (!ok[v]) continue;
    bool keep = true;
    if (f.exclude_customers && customer[v]) keep = false;
    if (f.min_followers >= 0 && in.followers[v] < f.min_followers) keep = false;
    if (f.max_followers >= 0 && in.followers[v] > f.max_followers) keep = false;
    if (f.labels != 0 && (in.labels[v] & f.labels) == 0) keep = false;
    if (!f.roles.empty() && std::find(f.roles.begin(), f.roles.end(), in.roles[v]) == f.roles.end()) keep = false;
    ok[v] = keep ? 1 : 0;
  }
  std::vector<VertexId> order;
  for (VertexId v = 0; v < n; ++v)
    if (ok[v]) order.push_back(v);
  res.candidates = order.size();
  auto by_score = [&](VertexId a, VertexId b) {
    if (res.score[a] != res.score[b]) return res.score[a] > res.score[b];
    return a < b;
  };
  if (order.size() > static_cast<std::size_t>(kParallelMin))
    __gnu_parallel::sort(order.begin(), order.end(), by_score);
  else
    std::sort(order.begin(), order.end(), by_score);
  ctx.check_cancelled();

  // ---- selection ----------------------------------------------------------------------------------
  std::vector<VertexId> picked;
  std::vector<double> audience, new_audience;  // per pick, when RR sets exist
  std::vector<std::uint32_t> per_community(community_count.size(), 0);
  auto room = [&](VertexId v) {
    return opts.max_per_community == 0 || per_community[in.membership[v]] < opts.max_per_community;
  };
  auto take = [&](VertexId v) {
    picked.push_back(v);
    if (!in.membership.empty()) ++per_community[in.membership[v]];
  };
  influence::RRSets sets;
  double per_set = 0.0;  // people per covered RR set
  if (opts.coverage) {
    const std::size_t pool_size = std::min(order.size(), opts.pool > 0 ? opts.pool : 10 * opts.k);
    std::vector<std::uint8_t> keep(n, 0);
    std::vector<std::uint32_t> pool_index(n, std::numeric_limits<std::uint32_t>::max());
    for (std::size_t i = 0; i < pool_size; ++i) {
      keep[order[i]] = 1;
      pool_index[order[i]] = static_cast<std::uint32_t>(i);
    }
    influence::RRSampler sampler(*in.diffusion, in.model, opts.seed, {}, keep);
    sampler.append(sets, 0, opts.rr_sets, ctx);
    res.rr_sets = sets.size();
    per_set = static_cast<double>(sampler.target_size()) / static_cast<double>(sets.size());
    // Inverted index pool member -> sets (serial: the pool is small).
    std::vector<std::uint64_t> cnt(pool_size + 1, 0);
    for (VertexId v : sets.members) ++cnt[pool_index[v] + 1];
    for (std::size_t i = 0; i < pool_size; ++i) cnt[i + 1] += cnt[i];
    std::vector<std::uint64_t> fill(cnt.begin(), cnt.end() - 1);
    std::vector<std::uint64_t> sets_of(sets.members.size());
    for (std::uint64_t s = 0; s < sets.size(); ++s)
      for (VertexId v : sets[s]) sets_of[fill[pool_index[v]]++] = s;
    std::vector<std::uint64_t> count(pool_size);
    for (std::size_t i = 0; i < pool_size; ++i) count[i] = cnt[i + 1] - cnt[i];
    const std::vector<std::uint64_t> alone = count;
    std::vector<std::uint8_t> covered(sets.size(), 0), chosen(pool_size, 0);
    while (picked.size() < opts.k) {
      ctx.check_cancelled();
      std::size_t best = pool_size;
      for (std::size_t i = 0; i < pool_size; ++i)  // pool is in score order: ties go to the earlier one
        if (!chosen[i] && room(order[i]) && (best == pool_size || count[i] > count[best])) best = i;
      if (best == pool_size) break;
      chosen[best] = 1;
      take(order[best]);
      audience.push_back(static_cast<double>(alone[best]) * per_set);
      new_audience.push_back(static_cast<double>(count[best]) * per_set);
      for (std::uint64_t j = cnt[best]; j < cnt[best + 1]; ++j) {
        const std::uint64_t s = sets_of[j];
        if (covered[s]) continue;
        covered[s] = 1;
        for (VertexId u : sets[s]) --count[pool_index[u]];
      }
    }
  } else {
    for (VertexId v : order) {
      if (picked.size() >= opts.k) break;
      if (room(v)) take(v);
    }
    if (in.diffusion && !picked.empty()) {
      std::vector<std::uint8_t> keep(n, 0);
      for (VertexId v : picked) keep[v] = 1;
      influence::RRSampler sampler(*in.diffusion, in.model, opts.seed, {}, keep);
      sampler.append(sets, 0, opts.rr_sets, ctx);
      res.rr_sets = sets.size();
      per_set = static_cast<double>(sampler.target_size()) / static_cast<double>(sets.size());
      std::vector<std::uint64_t> alone(n, 0);
      for (VertexId v : sets.members) ++alone[v];
      const auto gains = influence::prefix_gains(sets, picked, n);
      for (std::size_t i = 0; i < picked.size(); ++i) {
        audience.push_back(static_cast<double>(alone[picked[i]]) * per_set);
        new_audience.push_back(static_cast<double>(gains[i]) * per_set);
      }
    }
  }
  if (!audience.empty()) {
    double total = 0.0;
    for (double x : new_audience) total += x;
    res.total_audience = total;
  }
  ctx.check_cancelled();

  // ---- entries and reasons ----------------------------------------------------------------------
  std::vector<std::uint64_t> local_rank;
  if (!local.empty() && !in.membership.empty()) local_rank = community_rank(in.local, in.membership);
  std::vector<double> trusted_pct;  // percentile among non-customers (customers: NaN)
  std::uint64_t non_customers = 0;
  if (!in.customer_ppr.empty()) {
    std::vector<VertexId> others;
    std::vector<double> values;
    for (VertexId v = 0; v < n; ++v)
      if (!customer[v]) {
        others.push_back(v);
        values.push_back(in.customer_ppr[v]);
      }
    non_customers = others.size();
    const auto pct = percentile_rank(values);
    trusted_pct.assign(n, kNaN);
    for (std::size_t i = 0; i < others.size(); ++i) trusted_pct[others[i]] = pct[i];
  }
  std::uint64_t num_customers = 0;
  for (VertexId v = 0; v < n; ++v) num_customers += customer[v];
  auto seed_index = [&](VertexId v) -> std::size_t {
    for (std::size_t i = 0; i < in.seeds.size(); ++i)
      if (in.seeds[i] == v) return i;
    return in.seeds.size();
  };

  res.entries.reserve(picked.size());
  for (std::size_t i = 0; i < picked.size(); ++i) {
    const VertexId v = picked[i];
    ShortlistEntry e;
    e.vertex = v;
    e.rank = static_cast<std::uint32_t>(i + 1);
    e.score = res.score[v];
    e.components = {reach.empty() ? kNaN : reach[v], trust.empty() ? kNaN : trust[v],
                    local.empty() ? kNaN : local[v], gain.empty() ? kNaN : gain[v]};
    e.community = in.membership.empty() ? kNoCommunity : in.membership[v];
    e.labels = in.labels.empty() ? 0 : in.labels[v];
    e.role = in.roles.empty() ? Role::kUnknown : in.roles[v];
    e.followers = in.followers.empty() ? -1 : in.followers[v];
    if (i < audience.size()) {
      e.audience = audience[i];
      e.new_audience = new_audience[i];
    }
    std::vector<CommunityTies> ties;
    if (in.ties) {
      ties = community_ties(*in.ties, in.membership, v, in.ties_options);
      e.communities.assign(ties.begin(), ties.begin() + static_cast<std::ptrdiff_t>(std::min(ties.size(), opts.max_communities)));
    } else if (e.community != kNoCommunity) {
      e.communities.push_back({e.community, 0.0, 0});
    }

    // kTopLocalInfluence
    if (!local_rank.empty()) {
      const std::uint64_t size = community_count[e.community];
      const std::uint64_t rank = local_rank[v];
      if (size >= 2 && static_cast<double>(rank) <= opts.reason_top_share * static_cast<double>(size)) {
        Reason r;
        r.kind = ReasonKind::kTopLocalInfluence;
        r.community = e.community;
        r.rank = rank;
        r.size = size;
        r.value = in.local[v];
        r.measure = in.local_measure;
        r.profile = profile_of(in.profiles, e.community);
        e.reasons.push_back(std::move(r));
      }
    }
    // kBridges
    if (in.ties) {
      std::vector<std::pair<std::uint32_t, double>> strong;
      for (const auto& t : ties)
        if (t.edges >= in.ties_options.min_ties) strong.emplace_back(t.community, t.ties);
      if (strong.size() >= opts.bridge_min_communities) {
        std::sort(strong.begin(), strong.end());
        Reason r;
        r.kind = ReasonKind::kBridges;
        for (const auto& [c, t] : strong) {
          r.communities.push_back(c);
          r.ties.push_back(t);
        }
        e.reasons.push_back(std::move(r));
      }
    }
    // kFollowedByCustomers
    if (in.follows && num_customers > 0) {
      std::uint64_t count = 0;
      VertexId last = kNoVertex;
      for (VertexId u : in.follows->in_neighbors(v)) {
        if (u != v && u != last && customer[u]) ++count;  // parallel arcs: one follower
        last = u;
      }
      if (count > 0) {
        Reason r;
        r.kind = ReasonKind::kFollowedByCustomers;
        r.count = count;
        r.size = num_customers;
        e.reasons.push_back(std::move(r));
      }
    }
    // kTrustedByCustomers
    if (!trusted_pct.empty() && !customer[v] && trusted_pct[v] >= opts.reason_percentile && in.customer_ppr[v] > 0.0) {
      Reason r;
      r.kind = ReasonKind::kTrustedByCustomers;
      r.value = in.customer_ppr[v];
      r.share = static_cast<double>(non_customers - below(trusted_pct[v], non_customers)) / static_cast<double>(non_customers);
      r.size = num_customers;
      e.reasons.push_back(std::move(r));
    }
    // kGlobalReach
    {
      const std::vector<double>& pct = !follower_pct.empty() ? follower_pct : pagerank_pct;
      if (!pct.empty() && pct[v] >= opts.reason_percentile) {
        Reason r;
        r.kind = ReasonKind::kGlobalReach;
        if (!in.followers.empty())
          r.count = static_cast<std::uint64_t>(std::max<std::int64_t>(0, in.followers[v]));
        else
          r.value = in.pagerank[v];
        r.size = n;
        r.share = static_cast<double>(n - below(pct[v], n)) / static_cast<double>(n);
        e.reasons.push_back(std::move(r));
      }
    }
    // kInfluenceSeed
    if (const std::size_t si = seed_index(v); si < in.seeds.size()) {
      Reason r;
      r.kind = ReasonKind::kInfluenceSeed;
      r.rank = si + 1;
      r.value = in.marginal_gain[si];
      e.reasons.push_back(std::move(r));
    }
    // kNewAudience
    if (!std::isnan(e.audience)) {
      Reason r;
      r.kind = ReasonKind::kNewAudience;
      r.value = e.audience;
      r.share = e.audience > 0.0 ? std::min(1.0, e.new_audience / e.audience) : 0.0;
      e.reasons.push_back(std::move(r));
    }
    // kRole
    if (e.role == Role::kNonHubConnector || e.role == Role::kNonHubKinless || is_hub(e.role)) {
      Reason r;
      r.kind = ReasonKind::kRole;
      r.role = e.role;
      r.community = e.community;
      r.value = in.z.empty() ? kNaN : in.z[v];
      r.share = in.participation.empty() ? kNaN : in.participation[v];
      e.reasons.push_back(std::move(r));
    }
    if (customer[v]) {
      Reason r;
      r.kind = ReasonKind::kCustomer;
      e.reasons.push_back(std::move(r));
    }
    res.entries.push_back(std::move(e));
  }
  return res;
}

}  // namespace peerscout::roles
