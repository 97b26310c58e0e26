#pragma once
/// The campaign shortlist: a scored, ranked, explainable and diverse list of people to contact.
///
/// Score. Four components, each normalized to [0, 1] (docs/roles.md has the rationale):
///   reach  r_v = percentile_rank(PageRank on follows)[v], or of the follower count when no
///                PageRank is given                              ("how many people see them")
///   trust  t_v = percentile_rank(personalized PageRank from the customers)[v], or of the trust-layer
///                core number when no customer list is given     ("who your customers trust")
///   local  l_v = percentile_rank(local influence)[v], the local measure being the community-local
///                PageRank (participation.hpp) or the within-community z-score
///                                                               ("standing inside their community")
///   gain   g_v = marginal_gain[v] / max marginal gain, for the influence-maximization seeds
///                (0 for everyone else)                          ("what they add to a viral seed set")
/// percentile_rank (classify.hpp) is the share of the other people with a strictly smaller value.
///   score_v = (w_r r_v + w_t t_v + w_l l_v + w_g g_v) / (sum of the weights of the PRESENT components)
/// with default weights w_r = 0.2, w_t = 0.3, w_l = 0.3, w_g = 0.2 (trust and local standing first:
/// docs/domain.md, "the follower count does not need to be high; trust and local roots matter").
/// A component whose measure is missing is left out and the remaining weights are renormalized, so
/// the score always lies in [0, 1]. Without any component every score is 0 (ranked by id).
///
/// Ranking. The eligible people (after the filters) are sorted by score (descending), ties by the
/// smaller vertex id, then taken in that order, skipping people whose community already holds
/// max_per_community entries, until k entries (fewer when the candidates run out).
///
/// Coverage mode (a diffusion graph must be given): the first `pool` eligible people in score order
/// are the candidates; theta reverse-reachable sets (influence/rr_sets.hpp; RR set i from
/// Rng::for_item(seed, kRRSets, i)) estimate each candidate's audience, and entries are picked
/// greedily by the number of RR sets they cover that no earlier pick covers (Nemhauser-Wolsey-Fisher
/// greedy maximum coverage, as influence/max_coverage.hpp, with the per-community cap), ties by the
/// higher score, then the smaller id: people whose audiences overlap least with those above. When
/// no candidate adds coverage, the remaining picks follow the score order.
/// With a diffusion graph in score mode, the same RR sets only annotate the entries (audience and
/// new audience), they do not change the order.
///
/// Reasons. Every entry carries its reasons as data (Reason below: a kind plus numbers and ids);
/// reason_text() renders one as an English sentence. A reason is only produced from measures that
/// were given. Kinds, in the order they appear:
///   kTopLocalInfluence  local rank in the top reason_top_share (10%) of the community
///   kBridges            ties (>= ties_options.min_ties each) into >= bridge_min_communities communities
///   kFollowedByCustomers  at least one customer follows them (needs the follows layer)
///   kTrustedByCustomers personalized-PageRank percentile among non-customers >= reason_percentile
///   kGlobalReach        follower (or PageRank) percentile >= reason_percentile
///   kInfluenceSeed      an influence-maximization seed
///   kNewAudience        estimated audience and its part not reached by the entries above
///   kRole               a Guimera-Amaral hub or connector role (R3..R7)
///   kCustomer           already a customer
///
/// Filters (all must hold): not in `exclude`, every attribute equality, follower count inside the
/// band, carries one of `labels` (when given), has one of `roles` (when given), and optionally not
/// a customer.
///
/// Determinism: per-vertex computations in parallel, sorts with total orders (ties by id), serial
/// greedy; identical for any thread count. Complexity: O(n log n) for the percentile ranks, O(n)
/// for filters and scores, O(k * pool + RR-set members) for coverage, O(sum of entry degrees) for
/// the reasons.
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "algorithms/community/describe.hpp"
#include "algorithms/influence/diffusion.hpp"
#include "algorithms/roles/classify.hpp"
#include "algorithms/roles/participation.hpp"
#include "engine/column.hpp"
#include "engine/csr_graph.hpp"
#include "engine/run_context.hpp"

namespace peerscout::roles {

inline constexpr std::uint32_t kNoCommunity = std::numeric_limits<std::uint32_t>::max();

/// Which per-vertex measure ShortlistInputs::local holds (for the reason text).
enum class LocalMeasure : std::uint8_t {
  kLocalPageRank,  ///< local_pagerank(): community-local PageRank, community mean = 1
  kWithinZ,        ///< the within-community degree z-score
};

/// Everything the shortlist can use. Spans are indexed by VertexId and are either empty (missing)
/// or exactly num_vertices long (InvalidArgument otherwise). Pointers may be null.
struct ShortlistInputs {
  VertexId num_vertices = 0;
  std::span<const std::uint32_t> membership = {};   ///< community per vertex (needed for max_per_community, local reasons)
  std::span<const std::int64_t> followers = {};     ///< in-degree on follows
  std::span<const double> pagerank = {};            ///< global PageRank on follows (reach)
  std::span<const double> customer_ppr = {};        ///< personalized PageRank from the customers (trust)
  std::span<const VertexId> customers = {};         ///< the customer list (any length; ids < num_vertices)
  std::span<const std::uint32_t> coreness = {};     ///< trust-layer core numbers (trust fallback)
  std::span<const double> local = {};               ///< local influence (see local_measure)
  LocalMeasure local_measure = LocalMeasure::kLocalPageRank;
  std::span<const double> z = {};                   ///< within-community z-score (roles layer), for kRole
  std::span<const double> participation = {};       ///< participation coefficient (roles layer), for kRole
  std::span<const Role> roles = {};                 ///< Guimera-Amaral roles (filters, kRole)
  std::span<const std::uint8_t> labels = {};        ///< LabelResult::labels (filters, entries)
  std::span<const VertexId> seeds = {};             ///< influence-maximization seeds in selection order
  std::span<const double> marginal_gain = {};       ///< same length as seeds
  const CsrGraph* follows = nullptr;           ///< directed follows layer (kFollowedByCustomers)
  const CsrGraph* ties = nullptr;              ///< the roles layer (communities reached, kBridges)
  ParticipationOptions ties_options = {};      ///< how ties are counted on `ties` (direction, min_ties)
  std::span<const community::AttributeProfile> profiles = {};  ///< per-community dominant attribute values
  std::span<const NamedColumn> attributes = {};     ///< node attributes (attribute filters)
  const influence::DiffusionGraph* diffusion = nullptr;   ///< audiences (coverage mode, kNewAudience)
  influence::Model model = influence::Model::kIndependentCascade;
};

struct ScoreWeights {
  double reach = 0.2, trust = 0.3, local = 0.3, gain = 0.2;  ///< finite, >= 0
};

struct AttributeFilter {
  std::string attribute;  ///< a node attribute name
  std::string value;      ///< string columns: exact text; integer / float columns: the number
};

struct ShortlistFilters {
  std::vector<VertexId> exclude = {};           ///< never listed
  std::vector<AttributeFilter> attributes = {}; ///< all must match
  std::int64_t min_followers = -1;         ///< >= 0: at least this many followers
  std::int64_t max_followers = -1;         ///< >= 0: at most this many followers
  std::uint8_t labels = 0;                 ///< non-zero: must carry at least one of these label bits
  std::vector<Role> roles = {};                 ///< non-empty: must have one of these roles
  bool exclude_customers = false;
};

struct ShortlistOptions {
  std::size_t k = 50;                       ///< entries wanted, >= 1
  ScoreWeights weights = {};
  std::uint32_t max_per_community = 0;      ///< 0 = no cap; else needs membership
  ShortlistFilters filters = {};
  bool coverage = false;                    ///< coverage mode (needs inputs.diffusion)
  std::size_t pool = 0;                     ///< coverage candidates: 0 = 10 * k
  std::uint64_t rr_sets = 100000;           ///< RR sets for audiences (coverage mode, annotations), >= 1
  std::uint64_t seed = 1;                   ///< RR-set seed
  double reason_top_share = 0.10;           ///< kTopLocalInfluence when rank / size <= this, in (0, 1]
  double reason_percentile = 0.90;          ///< kGlobalReach / kTrustedByCustomers threshold, in [0, 1]
  std::uint32_t bridge_min_communities = 3; ///< kBridges threshold, >= 2
  std::size_t max_communities = 5;          ///< ShortlistEntry::communities: at most this many
  void validate() const;                    ///< InvalidArgument naming the field
};

enum class ReasonKind : std::uint8_t {
  kTopLocalInfluence,
  kBridges,
  kFollowedByCustomers,
  kTrustedByCustomers,
  kGlobalReach,
  kInfluenceSeed,
  kNewAudience,
  kRole,
  kCustomer,
};

/// "top_local_influence", "bridges", "followed_by_customers", "trusted_by_customers",
/// "global_reach", "influence_seed", "new_audience", "role", "customer".
std::string_view reason_key(ReasonKind k) noexcept;

struct ProfileShare {
  std::string attribute, value;
  double share = 0;  ///< share of the community's members with this value, in (0, 1]
  friend bool operator==(const ProfileShare&, const ProfileShare&) = default;
};

/// One reason, as data. Fields used per kind (others keep their defaults):
///   kTopLocalInfluence  community, rank (1 = best inside it), size (members), value (the local
///                       measure), measure, profile (dominant attribute values with share >= 0.5,
///                       highest share first, at most 2)
///   kBridges            communities (ascending ids), ties (ties into each, same order)
///   kFollowedByCustomers count (customers following them), size (customers in the list)
///   kTrustedByCustomers value (personalized PageRank), share (top share among non-customers,
///                       = people with a value >= theirs / non-customers), size (customers)
///   kGlobalReach        count (followers; or 0 with PageRank), value (PageRank when no followers),
///                       share (top share = people with a value >= theirs / n), size (n)
///   kInfluenceSeed      rank (position in the seed order, 1-based), value (marginal gain)
///   kNewAudience        value (estimated audience alone, in people), share (fraction of it not
///                       reached by the entries ranked above; 0 when the audience is 0)
///   kRole               role, community, value (z; NaN if missing), share (P; NaN if missing)
///   kCustomer           (nothing)
struct Reason {
  ReasonKind kind = ReasonKind::kCustomer;
  std::uint32_t community = kNoCommunity;
  std::uint64_t rank = 0;
  std::uint64_t size = 0;
  std::uint64_t count = 0;
  double value = 0;
  double share = 0;
  LocalMeasure measure = LocalMeasure::kLocalPageRank;
  Role role = Role::kUnknown;
  std::vector<std::uint32_t> communities = {};
  std::vector<double> ties = {};
  std::vector<ProfileShare> profile = {};
  friend bool operator==(const Reason&, const Reason&) = default;
};

/// The reason as one English sentence, e.g. "top 1% PageRank inside community 12: 2,340 people,
/// 81% region north", "bridges communities 4, 9 and 15", "3 of your customers follow them".
/// Numbers use thousands separators; user text is copied as is (escape it when writing HTML).
std::string reason_text(const Reason& r);

/// Normalized components of one entry; NaN when the component is missing.
struct ScoreComponents {
  double reach = 0, trust = 0, local = 0, gain = 0;
};

struct ShortlistEntry {
  VertexId vertex = kNoVertex;
  std::uint32_t rank = 0;                   ///< 1-based position in the shortlist
  double score = 0;                         ///< the formula score, in [0, 1]
  ScoreComponents components;
  std::uint32_t community = kNoCommunity;   ///< kNoCommunity without membership
  std::uint8_t labels = 0;                  ///< label bits (0 without labels)
  Role role = Role::kUnknown;
  std::int64_t followers = -1;              ///< -1 without followers
  /// Communities they have ties to on the `ties` layer (most ties first, at most
  /// max_communities); without a ties layer just {community, 0, 0} when the community is known.
  std::vector<CommunityTies> communities = {};
  double audience = std::numeric_limits<double>::quiet_NaN();      ///< estimated spread alone (RR sets)
  double new_audience = std::numeric_limits<double>::quiet_NaN();  ///< ... not reached by entries above
  std::vector<Reason> reasons = {};
};

struct ShortlistResult {
  std::vector<ShortlistEntry> entries = {};  ///< in rank order
  std::vector<double> score = {};            ///< per vertex: the formula score (everyone, filtered or not)
  ScoreWeights effective_weights;       ///< renormalized weights (0 for missing components)
  std::uint64_t candidates = 0;         ///< people passing the filters
  std::uint64_t rr_sets = 0;            ///< RR sets sampled (0 without a diffusion graph)
  double total_audience = std::numeric_limits<double>::quiet_NaN();  ///< estimated union audience of all entries
  std::string mode;                     ///< "score" or "coverage"
};

/// Builds the shortlist. Throws InvalidArgument for inconsistent inputs (sizes, ids, unknown
/// attribute, a filter or cap whose measure is missing, coverage without a diffusion graph) or bad
/// options. Calls ctx.check_cancelled() between phases.
ShortlistResult shortlist(const ShortlistInputs& in, const ShortlistOptions& opts = {},
                          RunContext& ctx = RunContext::none());

/// "1,234,567" (integers with thousands separators; negative numbers keep their sign).
std::string thousands(std::int64_t x);

}  // namespace peerscout::roles
