#pragma once
/// Roles and marketing labels of every person.
///
/// 1. Guimera-Amaral roles (R. Guimera & L. A. N. Amaral, Nature 433:895, 2005, Fig. 2 and
///    Supplementary Information), from the within-module degree z-score z and the participation
///    coefficient P of participation.hpp. A vertex is a hub when z >= hub_z (2.5); then
///      non-hubs:  R1 ultra-peripheral  P <= 0.05          hubs:  R5 provincial hub  P <= 0.30
///                 R2 peripheral        0.05 < P <= 0.62          R6 connector hub   0.30 < P <= 0.75
///                 R3 non-hub connector 0.62 < P <= 0.80          R7 kinless hub     P > 0.75
///                 R4 non-hub kinless   P > 0.80
///    Boundary values belong to the lower class, as in the paper's "P <= 0.05". NaN z or P (only
///    from user-supplied vectors) gives Role::kUnknown.
///
/// 2. Marketing labels (docs/roles.md gives the full rationale). Every label has its own score, a
///    per-vertex number used to rank the people carrying it; a person can carry several labels.
///    Percentile ranks are percentile_rank() below (share of all OTHER people with a strictly
///    smaller value, so ties share one value and the maximum is 1).
///    - micro-influencer: a within-community hub (z >= micro_min_z, default 2.5 = hub_z) whose
///      follower count lies inside a band: by default the percentile band
///      [micro_followers_percentile_min, micro_followers_percentile_max) = [0.50, 0.999), i.e. more
///      followers than at least half of the others but outside the top 0.1% (the celebrities);
///      or absolute bounds [micro_followers_min, micro_followers_max] when set (e.g. 1,000-100,000).
///      Score: z.  z is meant to come from the roles layer (by default the weighted trust layer:
///      a person many members of their own community trust and engage with).
///    - broker / networker: communities_reached >= broker_min_communities (default 3: at least
///      min_ties, default 3, ties into each of three communities, home included) and
///      P >= broker_min_participation (default 0.30, the lowest P Guimera & Amaral call a
///      connector, for hubs) and, when betweenness and/or Burt constraint are given, high
///      betweenness OR low constraint: max(percentile of betweenness, percentile of -constraint)
///      >= broker_structural_percentile (default 0.50, above the median). Score: the mean of the
///      percentile ranks of P, of betweenness (when given) and of -constraint (when given: low
///      Burt constraint = many structural holes).
///    - celebrity: follower percentile rank >= celebrity_percentile (default 0.999: the top 0.1%)
///      and at least celebrity_min_followers followers (default 0: no absolute floor). Without a
///      follower count, the global PageRank percentile is used instead. Score: followers (or
///      PageRank).
///    - trusted peer of customers: not a customer, and personalized PageRank from the customer list
///      with percentile rank among the non-customers >= trusted_peer_percentile (default 0.99: the
///      top 1% of non-customers). Score: the personalized PageRank.
///    A label whose required measure is missing (empty span) is given to nobody and its score
///    vector is empty; the result says which labels were available.
///
/// Determinism: element-wise rules, percentile ranks from a sort with ties broken by id;
/// identical for any thread count. Complexity: O(n log n) (percentile sorts, parallel), O(n) memory.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/types.hpp"

namespace peerscout::roles {

/// Guimera-Amaral roles; the numeric value is the role number (stored as uint8 in outputs).
enum class Role : std::uint8_t {
  kUnknown = 0,
  kUltraPeripheral = 1,  ///< R1
  kPeripheral = 2,       ///< R2
  kNonHubConnector = 3,  ///< R3
  kNonHubKinless = 4,    ///< R4
  kProvincialHub = 5,    ///< R5
  kConnectorHub = 6,     ///< R6
  kKinlessHub = 7,       ///< R7
};

/// "ultra-peripheral", "peripheral", "non-hub connector", "non-hub kinless", "provincial hub",
/// "connector hub", "kinless hub" ("unknown" for kUnknown).
std::string_view role_name(Role r) noexcept;
/// "R1" .. "R7" ("R?" for kUnknown).
std::string_view role_code(Role r) noexcept;
/// Accepts "R1".."R7" (any case) or the names above ('_' or '-' for spaces); InvalidArgument otherwise.
Role parse_role(std::string_view text);
inline bool is_hub(Role r) noexcept { return r >= Role::kProvincialHub; }

struct RoleThresholds {
  double hub_z = 2.5;              ///< hub iff z >= hub_z
  double ultra_peripheral = 0.05;  ///< non-hubs: R1 iff P <= this
  double peripheral = 0.62;        ///< non-hubs: R2 iff ultra_peripheral < P <= this
  double connector = 0.80;         ///< non-hubs: R3 iff peripheral < P <= this, else R4
  double provincial_hub = 0.30;    ///< hubs: R5 iff P <= this
  double connector_hub = 0.75;     ///< hubs: R6 iff provincial_hub < P <= this, else R7
  /// Throws InvalidArgument unless the values are finite and
  /// 0 <= ultra_peripheral <= peripheral <= connector <= 1 and 0 <= provincial_hub <= connector_hub <= 1.
  void validate() const;
};

/// Role of one vertex from its z and P.
Role classify_role(double z, double p, const RoleThresholds& t = {}) noexcept;
/// Roles of every vertex (z.size() == p.size(), InvalidArgument otherwise; thresholds validated).
std::vector<Role> classify_roles(std::span<const double> z, std::span<const double> p, const RoleThresholds& t = {});

/// Percentile rank of every entry: pct[v] = #{u != v : x[u] < x[v]} / (n - 1), in [0, 1]; equal
/// values share a percentile; NaN counts as smaller than everything (and NaN entries get 0);
/// n = 1 gives {1}. O(n log n), parallel sort, identical for any thread count.
std::vector<double> percentile_rank(std::span<const double> x);
std::vector<double> percentile_rank(std::span<const std::int64_t> x);

/// Rank of every vertex inside its community by `x`, descending: rank[v] = 1 + #{u in community
/// of v : x[u] > x[v]} (ties share the best rank; NaN ranks last). O(n log n).
std::vector<std::uint64_t> community_rank(std::span<const double> x, std::span<const std::uint32_t> membership);

/// Marketing labels as bits of a per-vertex mask.
enum class Label : std::uint8_t {
  kMicroInfluencer = 1,
  kBroker = 2,
  kCelebrity = 4,
  kTrustedPeer = 8,
};
inline constexpr Label kAllLabels[] = {Label::kMicroInfluencer, Label::kBroker, Label::kCelebrity, Label::kTrustedPeer};
inline constexpr std::uint8_t label_bit(Label l) noexcept { return static_cast<std::uint8_t>(l); }
inline constexpr bool has_label(std::uint8_t mask, Label l) noexcept { return (mask & label_bit(l)) != 0; }
/// "micro-influencer", "broker", "celebrity", "trusted peer of customers".
std::string_view label_name(Label l) noexcept;
/// "micro_influencer", "broker", "celebrity", "trusted_peer" (CSV / HDF5 / CLI spelling).
std::string_view label_key(Label l) noexcept;
/// The labels of a mask joined by `separator`, in kAllLabels order, as label_key() (keys = true:
/// "micro_influencer;broker", for CSV/HDF5) or label_name() ("micro-influencer, broker"); "" for 0.
std::string labels_text(std::uint8_t mask, std::string_view separator = ";", bool keys = true);
/// Accepts label_key() or label_name() spellings ('-', '_' and ' ' interchangeable), and
/// "networker" for kBroker; InvalidArgument listing the choices otherwise.
Label parse_label(std::string_view text);

/// Per-vertex measures the labels are computed from. Every span is indexed by VertexId and is
/// either empty (measure not computed) or has exactly num_vertices entries (InvalidArgument
/// otherwise).
struct LabelInputs {
  VertexId num_vertices = 0;
  std::span<const double> z = {};                        ///< within-module z-score (roles layer)
  std::span<const double> participation = {};            ///< P (roles layer)
  std::span<const std::uint32_t> communities_reached = {};  ///< ParticipationResult::communities_reached
  std::span<const std::int64_t> followers = {};          ///< in-degree on the follows layer
  std::span<const double> pagerank = {};                 ///< global PageRank on follows (celebrity fallback)
  std::span<const double> betweenness = {};              ///< optional, any scale (only ranks are used)
  std::span<const double> constraint = {};               ///< optional Burt constraint (low = broker)
  std::span<const double> customer_ppr = {};             ///< personalized PageRank from the customers
  std::span<const VertexId> customers = {};              ///< the customer list (ids < num_vertices)
};

struct LabelOptions {
  double micro_min_z = 2.5;
  double micro_followers_percentile_min = 0.50;   ///< in [0, 1]
  double micro_followers_percentile_max = 0.999;  ///< in (min, 1]; exclusive bound
  std::int64_t micro_followers_min = -1;          ///< >= 0: absolute band (inclusive), replaces the percentile band
  std::int64_t micro_followers_max = -1;          ///< >= 0: absolute upper bound (inclusive)
  std::uint32_t broker_min_communities = 3;       ///< >= 2
  double broker_min_participation = 0.30;         ///< in [0, 1]
  /// When betweenness and/or constraint are given: the higher of the percentile ranks of
  /// betweenness and of -constraint must reach this ("high betweenness or low constraint"); in
  /// [0, 1], 0 = no structural condition.
  double broker_structural_percentile = 0.50;
  double celebrity_percentile = 0.999;            ///< in [0, 1]
  std::int64_t celebrity_min_followers = 0;       ///< >= 0
  double trusted_peer_percentile = 0.99;          ///< in [0, 1]
  void validate() const;                          ///< InvalidArgument naming the field
};

struct LabelResult {
  std::vector<std::uint8_t> labels = {};        ///< per vertex: OR of label_bit()s
  std::vector<double> micro_score = {};         ///< per vertex (z); empty when z is missing
  std::vector<double> broker_score = {};        ///< per vertex, in [0, 1]; empty when P is missing
  std::vector<double> celebrity_score = {};     ///< per vertex (followers, or PageRank); empty if neither
  std::vector<double> trusted_peer_score = {};  ///< per vertex (personalized PageRank); empty if missing
  std::vector<double> follower_percentile = {}; ///< per vertex; empty without followers
  /// The follower band actually used for micro-influencers (inclusive), -1/-1 when no followers.
  std::int64_t micro_band_min = -1, micro_band_max = -1;
  std::uint8_t available = 0;              ///< label_bit()s of the labels that could be computed
  std::uint64_t count[4] = {0, 0, 0, 0};   ///< people per label, in kAllLabels order
};

/// Labels of every vertex (see the file comment for the rules).
LabelResult label_people(const LabelInputs& in, const LabelOptions& opts = {});

/// The people carrying `l`, ranked by the label's score (descending, ties by id). Empty when the
/// label is unavailable.
std::vector<VertexId> ranked_by_label(const LabelResult& r, Label l);

}  // namespace peerscout::roles
