#include "algorithms/roles/classify.hpp"

#include <parallel/algorithm>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "algorithms/roles/detail/input_checks.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"

namespace peerscout::roles {

namespace {

std::string normalized(std::string_view text) {
  std::string s;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    s.push_back(ch == '_' || ch == '-' ? ' ' : static_cast<char>(std::tolower(c)));
  }
  return s;
}

template <class T>
void sort_ids(std::vector<VertexId>& ids, T&& less) {
  if (ids.size() > static_cast<std::size_t>(kParallelMin))
    __gnu_parallel::sort(ids.begin(), ids.end(), less);
  else
    std::sort(ids.begin(), ids.end(), less);
}

// NaN sorts below every number.
double key(double x) { return std::isnan(x) ? -std::numeric_limits<double>::infinity() : x; }

template <class T>
std::vector<double> percentile_impl(std::span<const T> x) {
  const std::size_t n = x.size();
  std::vector<double> pct(n, 0.0);
  if (n == 0) return pct;
  if (n == 1) {
    pct[0] = 1.0;
    return pct;
  }
  std::vector<VertexId> ids(n);
  std::iota(ids.begin(), ids.end(), VertexId{0});
  auto value = [&](VertexId v) {
    if constexpr (std::is_floating_point_v<T>)
      return key(x[v]);
    else
      return x[v];
  };
  sort_ids(ids, [&](VertexId a, VertexId b) {
    const auto va = value(a), vb = value(b);
    if (va != vb) return va < vb;
    return a < b;
  });
  const double denom = static_cast<double>(n - 1);
  std::size_t start = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && value(ids[i]) != value(ids[i - 1])) start = i;
    bool nan = false;
    if constexpr (std::is_floating_point_v<T>) nan = std::isnan(x[ids[i]]);
    pct[ids[i]] = nan ? 0.0 : static_cast<double>(start) / denom;
  }
  return pct;
}

void check_unit(const char* name, double x) {
  if (!(x >= 0.0 && x <= 1.0))
    throw InvalidArgument(std::string("label options: ") + name + " must be in [0, 1], got " + std::to_string(x));
}

}  // namespace

std::string_view role_name(Role r) noexcept {
  switch (r) {
    case Role::kUltraPeripheral: return "ultra-peripheral";
    case Role::kPeripheral: return "peripheral";
    case Role::kNonHubConnector: return "non-hub connector";
    case Role::kNonHubKinless: return "non-hub kinless";
    case Role::kProvincialHub: return "provincial hub";
    case Role::kConnectorHub: return "connector hub";
    case Role::kKinlessHub: return "kinless hub";
    case Role::kUnknown: break;
  }
  return "unknown";
}

std::string_view role_code(Role r) noexcept {
  static constexpr std::string_view codes[] = {"R?", "R1", "R2", "R3", "R4", "R5", "R6", "R7"};
  const auto i = static_cast<std::size_t>(r);
  return i < 8 ? codes[i] : codes[0];
}

Role parse_role(std::string_view text) {
  const std::string s = normalized(text);
  for (int i = 1; i <= 7; ++i) {
    const auto r = static_cast<Role>(i);
    if (s == normalized(role_code(r)) || s == normalized(role_name(r))) return r;
  }
  throw InvalidArgument("unknown role '" + std::string(text) +
                        "': expected R1..R7 or ultra-peripheral, peripheral, non-hub connector, non-hub kinless, "
                        "provincial hub, connector hub, kinless hub");
}

void RoleThresholds::validate() const {
  const double all[] = {hub_z, ultra_peripheral, peripheral, connector, provincial_hub, connector_hub};
  for (double x : all)
    if (!std::isfinite(x)) throw InvalidArgument("role thresholds must be finite numbers");
  if (!(0.0 <= ultra_peripheral && ultra_peripheral <= peripheral && peripheral <= connector && connector <= 1.0))
    throw InvalidArgument("role thresholds: need 0 <= ultra_peripheral <= peripheral <= connector <= 1, got " +
                          std::to_string(ultra_peripheral) + ", " + std::to_string(peripheral) + ", " +
                          std::to_string(connector));
  if (!(0.0 <= provincial_hub && provincial_hub <= connector_hub && connector_hub <= 1.0))
    throw InvalidArgument("role thresholds: need 0 <= provincial_hub <= connector_hub <= 1, got " +
                          std::to_string(provincial_hub) + ", " + std::to_string(connector_hub));
}

Role classify_role(double z, double p, const RoleThresholds& t) noexcept {
  if (std::isnan(z) || std::isnan(p)) return Role::kUnknown;
  if (z >= t.hub_z) {
    if (p <= t.provincial_hub) return Role::kProvincialHub;
    if (p <= t.connector_hub) return Role::kConnectorHub;
    return Role::kKinlessHub;
  }
  if (p <= t.ultra_peripheral) return Role::kUltraPeripheral;
  if (p <= t.peripheral) return Role::kPeripheral;
  if (p <= t.connector) return Role::kNonHubConnector;
  return Role::kNonHubKinless;
}

std::vector<Role> classify_roles(std::span<const double> z, std::span<const double> p, const RoleThresholds& t) {
  t.validate();
  if (z.size() != p.size())
    throw InvalidArgument("classify_roles: z has " + std::to_string(z.size()) + " entries, P has " +
                          std::to_string(p.size()));
  std::vector<Role> out(z.size());
  const auto n = static_cast<std::int64_t>(z.size());
#pragma omp parallel for schedule(static) if (n > kParallelMin)
  for (std::int64_t i = 0; i < n; ++i) {
    const auto v = static_cast<std::size_t>(i);
    out[v] = classify_role(z[v], p[v], t);
  }
  return out;
}

std::vector<double> percentile_rank(std::span<const double> x) { return percentile_impl(x); }
std::vector<double> percentile_rank(std::span<const std::int64_t> x) { return percentile_impl(x); }

std::vector<std::uint64_t> community_rank(std::span<const double> x, std::span<const std::uint32_t> membership) {
  if (x.size() != membership.size())
    throw InvalidArgument("community_rank: " + std::to_string(x.size()) + " values for " +
                          std::to_string(membership.size()) + " vertices");
  const std::size_t n = x.size();
  std::vector<VertexId> ids(n);
  std::iota(ids.begin(), ids.end(), VertexId{0});
  sort_ids(ids, [&](VertexId a, VertexId b) {
    if (membership[a] != membership[b]) return membership[a] < membership[b];
    const double va = key(x[a]), vb = key(x[b]);
    if (va != vb) return va > vb;
    return a < b;
  });
  std::vector<std::uint64_t> rank(n, 0);
  std::size_t first = 0, tie = 0;  // first position of the community, of the run of equal values
  for (std::size_t i = 0; i < n; ++i) {
    if (i == 0 || membership[ids[i]] != membership[ids[i - 1]]) {
      first = i;
      tie = i;
    } else if (key(x[ids[i]]) != key(x[ids[i - 1]])) {
      tie = i;
    }
    rank[ids[i]] = tie - first + 1;
  }
  return rank;
}

std::string_view label_name(Label l) noexcept {
  switch (l) {
    case Label::kMicroInfluencer: return "micro-influencer";
    case Label::kBroker: return "broker";
    case Label::kCelebrity: return "celebrity";
    case Label::kTrustedPeer: return "trusted peer of customers";
  }
  return "?";
}

std::string_view label_key(Label l) noexcept {
  switch (l) {
    case Label::kMicroInfluencer: return "micro_influencer";
    case Label::kBroker: return "broker";
    case Label::kCelebrity: return "celebrity";
    case Label::kTrustedPeer: return "trusted_peer";
  }
  return "?";
}

std::string labels_text(std::uint8_t mask, std::string_view separator, bool keys) {
  std::string out;
  for (Label l : kAllLabels)
    if (has_label(mask, l)) {
      if (!out.empty()) out += separator;
      out += keys ? label_key(l) : label_name(l);
    }
  return out;
}

Label parse_label(std::string_view text) {
  const std::string s = normalized(text);
  for (Label l : kAllLabels)
    if (s == normalized(label_key(l)) || s == normalized(label_name(l))) return l;
  if (s == "networker") return Label::kBroker;
  throw InvalidArgument("unknown label '" + std::string(text) +
                        "': expected micro_influencer, broker (networker), celebrity or trusted_peer");
}

void LabelOptions::validate() const {
  if (!std::isfinite(micro_min_z)) throw InvalidArgument("label options: micro_min_z must be finite");
  check_unit("micro_followers_percentile_min", micro_followers_percentile_min);
  check_unit("micro_followers_percentile_max", micro_followers_percentile_max);
  if (!(micro_followers_percentile_min < micro_followers_percentile_max))
    throw InvalidArgument("label options: micro_followers_percentile_min must be below micro_followers_percentile_max");
  if (micro_followers_min >= 0 && micro_followers_max >= 0 && micro_followers_min > micro_followers_max)
    throw InvalidArgument("label options: micro_followers_min (" + std::to_string(micro_followers_min) +
                          ") exceeds micro_followers_max (" + std::to_string(micro_followers_max) + ")");
  if (broker_min_communities < 2)
    throw InvalidArgument("label options: broker_min_communities must be >= 2, got " +
                          std::to_string(broker_min_communities));
  check_unit("broker_min_participation", broker_min_participation);
  check_unit("broker_structural_percentile", broker_structural_percentile);
  check_unit("celebrity_percentile", celebrity_percentile);
  if (celebrity_min_followers < 0) throw InvalidArgument("label options: celebrity_min_followers must be >= 0");
  check_unit("trusted_peer_percentile", trusted_peer_percentile);
}

LabelResult label_people(const LabelInputs& in, const LabelOptions& opts) {
  opts.validate();
  const VertexId n = in.num_vertices;
  detail::check_per_person("label_people", "z", in.z.size(), n);
  detail::check_per_person("label_people", "participation", in.participation.size(), n);
  detail::check_per_person("label_people", "communities_reached", in.communities_reached.size(), n);
  detail::check_per_person("label_people", "followers", in.followers.size(), n);
  detail::check_per_person("label_people", "pagerank", in.pagerank.size(), n);
  detail::check_per_person("label_people", "betweenness", in.betweenness.size(), n);
  detail::check_per_person("label_people", "constraint", in.constraint.size(), n);
  detail::check_per_person("label_people", "customer_ppr", in.customer_ppr.size(), n);
  detail::check_person_ids("label_people", "customer", in.customers, n);

  LabelResult r;
  r.labels.assign(n, 0);
  const auto sn = static_cast<std::int64_t>(n);
  const bool have_followers = !in.followers.empty();
  if (have_followers) r.follower_percentile = percentile_rank(in.followers);

  // Micro-influencers.
  if (!in.z.empty()) {
    r.micro_score.assign(in.z.begin(), in.z.end());
    r.available |= label_bit(Label::kMicroInfluencer);
    // The band as absolute inclusive bounds.
    std::int64_t lo = std::numeric_limits<std::int64_t>::min(), hi = std::numeric_limits<std::int64_t>::max();
    if (have_followers) {
      if (opts.micro_followers_min >= 0 || opts.micro_followers_max >= 0) {
        if (opts.micro_followers_min >= 0) lo = opts.micro_followers_min;
        if (opts.micro_followers_max >= 0) hi = opts.micro_followers_max;
      } else {
        // Smallest / largest follower count whose percentile lies in [pmin, pmax).
        std::int64_t found_lo = std::numeric_limits<std::int64_t>::max(), found_hi = -1;
        for (VertexId v = 0; v < n; ++v) {
          const double p = r.follower_percentile[v];
          if (p >= opts.micro_followers_percentile_min && p < opts.micro_followers_percentile_max) {
            found_lo = std::min(found_lo, in.followers[v]);
            found_hi = std::max(found_hi, in.followers[v]);
          }
        }
        lo = found_lo;
        hi = found_hi;  // empty band when nobody qualifies (lo > hi)
      }
      r.micro_band_min = lo;
      r.micro_band_max = hi;
    }
#pragma omp parallel for schedule(static) if (sn > kParallelMin)
    for (std::int64_t i = 0; i < sn; ++i) {
      const auto v = static_cast<VertexId>(i);
      const bool band = !have_followers || (in.followers[v] >= lo && in.followers[v] <= hi);
      if (in.z[v] >= opts.micro_min_z && band) r.labels[v] |= label_bit(Label::kMicroInfluencer);
    }
  }

  // Brokers.
  if (!in.participation.empty()) {
    r.available |= label_bit(Label::kBroker);
    std::vector<std::vector<double>> parts;
    parts.push_back(percentile_rank(in.participation));
    if (!in.betweenness.empty()) parts.push_back(percentile_rank(in.betweenness));
    if (!in.constraint.empty()) {
      std::vector<double> neg(n);
      for (VertexId v = 0; v < n; ++v) neg[v] = -in.constraint[v];  // NaN stays NaN: percentile 0
      parts.push_back(percentile_rank(neg));
    }
    const bool structural = parts.size() > 1;  // betweenness and/or constraint given
    r.broker_score.assign(n, 0.0);
    const double m = static_cast<double>(parts.size());
#pragma omp parallel for schedule(static) if (sn > kParallelMin)
    for (std::int64_t i = 0; i < sn; ++i) {
      const auto v = static_cast<VertexId>(i);
      double s = 0.0, best_structural = 0.0;
      for (std::size_t j = 0; j < parts.size(); ++j) {
        s += parts[j][v];
        if (j > 0) best_structural = std::max(best_structural, parts[j][v]);
      }
      r.broker_score[v] = s / m;
      const bool reach = in.communities_reached.empty() || in.communities_reached[v] >= opts.broker_min_communities;
      const bool holes = !structural || best_structural >= opts.broker_structural_percentile;
      if (reach && holes && in.participation[v] >= opts.broker_min_participation)
        r.labels[v] |= label_bit(Label::kBroker);
    }
  }

  // Celebrities.
  if (have_followers || !in.pagerank.empty()) {
    r.available |= label_bit(Label::kCelebrity);
    std::vector<double> pct;
    if (have_followers) {
      r.celebrity_score.assign(in.followers.begin(), in.followers.end());
    } else {
      r.celebrity_score.assign(in.pagerank.begin(), in.pagerank.end());
      pct = percentile_rank(in.pagerank);
    }
    const auto& p = have_followers ? r.follower_percentile : pct;
#pragma omp parallel for schedule(static) if (sn > kParallelMin)
    for (std::int64_t i = 0; i < sn; ++i) {
      const auto v = static_cast<VertexId>(i);
      const bool floor_ok = !have_followers || in.followers[v] >= opts.celebrity_min_followers;
      if (p[v] >= opts.celebrity_percentile && floor_ok) r.labels[v] |= label_bit(Label::kCelebrity);
    }
  }

  // Trusted peers of the customers: percentile among the non-customers.
  if (!in.customer_ppr.empty()) {
    r.available |= label_bit(Label::kTrustedPeer);
    r.trusted_peer_score.assign(in.customer_ppr.begin(), in.customer_ppr.end());
    std::vector<std::uint8_t> customer(n, 0);
    for (VertexId c : in.customers) customer[c] = 1;
    std::vector<VertexId> others;
    std::vector<double> values;
    for (VertexId v = 0; v < n; ++v)
      if (!customer[v]) {
        others.push_back(v);
        values.push_back(in.customer_ppr[v]);
      }
    const auto pct = percentile_rank(values);
    for (std::size_t i = 0; i < others.size(); ++i)
      if (pct[i] >= opts.trusted_peer_percentile && in.customer_ppr[others[i]] > 0.0)
        r.labels[others[i]] |= label_bit(Label::kTrustedPeer);
  }

  for (VertexId v = 0; v < n; ++v)
    for (std::size_t l = 0; l < 4; ++l)
      if (has_label(r.labels[v], kAllLabels[l])) ++r.count[l];
  return r;
}

std::vector<VertexId> ranked_by_label(const LabelResult& r, Label l) {
  const std::vector<double>* score = nullptr;
  switch (l) {
    case Label::kMicroInfluencer: score = &r.micro_score; break;
    case Label::kBroker: score = &r.broker_score; break;
    case Label::kCelebrity: score = &r.celebrity_score; break;
    case Label::kTrustedPeer: score = &r.trusted_peer_score; break;
  }
  std::vector<VertexId> out;
  if (score->empty()) return out;
  for (VertexId v = 0; v < static_cast<VertexId>(r.labels.size()); ++v)
    if (has_label(r.labels[v], l)) out.push_back(v);
  std::sort(out.begin(), out.end(), [&](VertexId a, VertexId b) {
    const double sa = key((*score)[a]), sb = key((*score)[b]);
    if (sa != sb) return sa > sb;
    return a < b;
  });
  return out;
}

}  // namespace peerscout::roles
