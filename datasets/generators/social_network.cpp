#include "datasets/generators/social_network.hpp"

#include <parallel/algorithm>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "engine/random.hpp"

namespace peerscout::datasets {

namespace {

// ------------------------------------------------------------------------------------------------
// Vocabulary

constexpr std::array<std::string_view, 8> kRegionNames = {"north", "south", "east",  "west",
                                                          "central", "coast", "lakes", "highlands"};
constexpr std::array<std::string_view, 12> kTopicNames = {"sports", "music",   "food",    "tech",
                                                          "fashion", "gaming", "travel",  "books",
                                                          "fitness", "film",   "parenting", "outdoors"};
// Mean age of a community with this dominant topic (years).
constexpr std::array<double, 12> kTopicAge = {31, 27, 38, 33, 27, 23, 35, 41, 30, 34, 36, 39};
// What a person posting about the topic calls themselves in a handle ("@anna_eats").
constexpr std::array<std::string_view, 12> kTopicWord = {"sport", "beats", "eats",   "codes", "style",  "plays",
                                                         "roams", "reads", "lifts", "films", "family", "hikes"};
constexpr std::array<std::string_view, 128> kFirstNames = {
    "anna",   "ben",    "clara",  "david",  "emma",   "felix",  "greta",  "hugo",   "ida",    "jonas",  "karla",
    "leon",   "mia",    "noah",   "olga",   "paul",   "rosa",   "simon",  "tara",   "uwe",    "vera",   "willi",
    "yara",   "zoe",    "ali",    "bea",    "chen",   "dana",   "eli",    "fatima", "gabriel", "hana",  "ivan",
    "jana",   "kemal",  "lena",   "marco",  "nina",   "omar",   "pia",    "quinn",  "rafael", "sara",   "timo",
    "ursula", "viktor", "wen",    "ximena", "yusuf",  "zara",   "aisha",  "bruno",  "carmen", "dimitri", "elif",
    "finn",   "giulia", "hannes", "ines",   "jakob",  "kim",    "lukas",  "maja",   "nils",   "oskar",  "priya",
    "ronja",  "samir",  "tilda",  "umut",   "valerie", "wanda", "xaver",  "yasmin", "zeynep", "amir",   "birgit",
    "cem",    "doris",  "emil",   "frieda", "georg",  "helga",  "ilias",  "julia",  "kai",    "lotte",  "mats",
    "nora",   "ole",    "petra",  "ruben",  "selin",  "theo",   "ulla",   "vincent", "wilma", "adam",   "bianca",
    "carl",   "daria",  "erik",   "flora",  "gustav", "heidi",  "igor",   "jule",   "karim",  "lara",   "moritz",
    "nele",   "otto",   "paula",  "rania",  "sven",   "tessa",  "ugo",    "veit",   "wiebke", "yannick", "zora",
    "arne",   "berit",  "chiara", "deniz",  "elena",  "fynn",   "gina"};
constexpr std::array<std::string_view, 96> kLastNames = {
    "meier",   "schmidt", "novak",   "rossi",   "yilmaz",  "kowalski", "berg",    "lindqvist", "dubois",
    "garcia",  "hansen",  "ivanova", "jensen",  "keller",  "lehmann",  "moreau",  "nielsen",   "oliveira",
    "petrov",  "quast",   "richter", "silva",   "tanaka",  "urban",    "vogel",   "wagner",    "xu",
    "young",   "zimmer",  "arslan",  "baumann", "costa",   "demir",    "engel",   "fischer",   "graf",
    "horvat",  "ito",     "jovanovic", "kaya",  "lang",    "martin",   "nowak",   "otto",      "pohl",
    "reuter",  "sommer",  "thaler",  "ulrich",  "vasquez", "weber",    "ziegler", "albrecht",  "bauer",
    "celik",   "dietz",   "ebert",   "fuchs",   "gruber",  "haas",     "isik",    "jung",      "koch",
    "lorenz",  "maier",   "neumann", "ortiz",   "pavlov",  "roth",     "sauer",   "tomic",     "unger",
    "voss",    "winter",  "yildiz",  "zorn",    "adler",   "brandt",   "conti",   "dahl",      "eriksson",
    "frank",   "gomez",   "hahn",    "ilic",    "jaeger",  "krause",   "lindner", "mayer",     "nagel",
    "oswald",  "peters",  "ramos",   "schulz",  "thomsen", "vidal"};

// Sub-keys of Rng::for_item(seed, Stream::kDemo, item, tag): one per kind of decision, so the
// draws of one phase never depend on another phase.
enum Tag : std::uint64_t {
  kTagCommunitySize = 1,
  kTagCommunityId,
  kTagCommunityAttr,
  kTagPersonOrder,
  kTagPersonAttr,
  kTagFitness,
  kTagFollowCount,
  kTagFollow,
  kTagPlanted,
  kTagPlantedSize,
  kTagBrokerCommunities,
  kTagFollowBack,
  kTagFriendPair,
  kTagFriend,
  kTagInteract,
  kTagInteractExtra,
  kTagCustomerPick,
  kTagCustomer,
  kTagHandle,
};

Rng rng_for(std::uint64_t seed, std::uint64_t item, Tag tag) { return Rng::for_item(seed, Stream::kDemo, item, tag); }

constexpr std::uint8_t kLike = 0, kComment = 1, kShare = 2;

inline std::uint64_t edge_key(VertexId u, VertexId v) { return (std::uint64_t{u} << 32) | v; }
inline VertexId key_src(std::uint64_t k) { return static_cast<VertexId>(k >> 32); }
inline VertexId key_dst(std::uint64_t k) { return static_cast<VertexId>(k & 0xffffffffULL); }

double normal(Rng& rng) {  // Box-Muller
  const double u1 = 1.0 - rng.uniform01();  // (0, 1]
  const double u2 = rng.uniform01();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

double log_uniform(Rng& rng, double lo, double hi) { return lo * std::exp(rng.uniform01() * std::log(hi / lo)); }

// Number of failures before the first success, with mean `mean`.
std::uint32_t geometric(Rng& rng, double mean) {
  if (mean <= 0.0) return 0;
  const double q = mean / (1.0 + mean);  // failure probability
  const double u = 1.0 - rng.uniform01();
  return static_cast<std::uint32_t>(std::min(1e6, std::floor(std::log(u) / std::log(q))));
}

// Splits `total` into parts proportional to `weight`, each at least `minimum[i]` (largest remainder;
// ties to the lower index). Requires total >= sum(minimum).
std::vector<std::uint64_t> apportion(std::uint64_t total, const std::vector<double>& weight,
                                     const std::vector<std::uint64_t>& minimum) {
  const std::size_t k = weight.size();
  std::vector<std::uint64_t> part(minimum);
  const std::uint64_t fixed = std::accumulate(minimum.begin(), minimum.end(), std::uint64_t{0});
  if (k == 0 || total <= fixed) return part;
  const std::uint64_t rest = total - fixed;
  const double wsum = std::accumulate(weight.begin(), weight.end(), 0.0);
  std::vector<std::pair<double, std::size_t>> frac(k);
  std::uint64_t given = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const double exact = static_cast<double>(rest) * weight[i] / wsum;
    const auto whole = static_cast<std::uint64_t>(std::floor(exact));
    part[i] += whole;
    given += whole;
    frac[i] = {exact - std::floor(exact), i};
  }
  std::sort(frac.begin(), frac.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (std::size_t j = 0; given < rest; j = (j + 1) % k, ++given) ++part[frac[j].second];
  return part;
}

// Runs gen(item, out) for items [0, count) in fixed blocks, in parallel, and concatenates the
// per-block outputs in item order: the result does not depend on the thread count.
template <class T, class Gen>
std::vector<T> generate_blocks(std::uint64_t count, std::uint64_t block, Gen&& gen) {
  const auto num_blocks = static_cast<std::int64_t>((count + block - 1) / block);
  std::vector<std::vector<T>> parts(static_cast<std::size_t>(num_blocks));
#pragma omp parallel for schedule(dynamic, 1) if (num_blocks > 1)
  for (std::int64_t b = 0; b < num_blocks; ++b) {
    auto& out = parts[static_cast<std::size_t>(b)];
    const std::uint64_t begin = static_cast<std::uint64_t>(b) * block;
    const std::uint64_t end = std::min(count, begin + block);
    for (std::uint64_t i = begin; i < end; ++i) gen(i, out);
  }
  std::vector<std::uint64_t> offset(parts.size() + 1, 0);
  for (std::size_t b = 0; b < parts.size(); ++b) offset[b + 1] = offset[b] + parts[b].size();
  std::vector<T> all(offset.back());
#pragma omp parallel for schedule(dynamic, 1) if (num_blocks > 1)
  for (std::int64_t b = 0; b < num_blocks; ++b) {
    auto& part = parts[static_cast<std::size_t>(b)];
    std::copy(part.begin(), part.end(), all.begin() + static_cast<std::ptrdiff_t>(offset[static_cast<std::size_t>(b)]));
    std::vector<T>().swap(part);
  }
  return all;
}

constexpr std::size_t kMergeBlock = std::size_t{1} << 16;

void sort_unique(std::vector<std::uint64_t>& keys) {
  __gnu_parallel::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
}

// Sorted, distinct edge keys with an offset per source: a membership test searches only the
// source's own run (tens of entries) instead of the whole array.
class EdgeSet {
 public:
  EdgeSet() = default;
  EdgeSet(std::vector<std::uint64_t> sorted_keys, VertexId n) : keys_(std::move(sorted_keys)), offset_(n + 1ULL, 0) {
    for (std::uint64_t k : keys_) ++offset_[(k >> 32) + 1];
    for (std::size_t u = 0; u < n; ++u) offset_[u + 1] += offset_[u];
  }
  bool contains(VertexId u, VertexId v) const {
    const auto first = keys_.begin() + static_cast<std::ptrdiff_t>(offset_[u]);
    const auto last = keys_.begin() + static_cast<std::ptrdiff_t>(offset_[u + 1ULL]);
    return std::binary_search(first, last, (std::uint64_t{u} << 32) | v);
  }
  const std::vector<std::uint64_t>& keys() const noexcept { return keys_; }
  std::size_t size() const noexcept { return keys_.size(); }
  std::uint64_t operator[](std::size_t i) const noexcept { return keys_[i]; }

 private:
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint64_t> offset_;
};

inline std::uint64_t reversed(std::uint64_t k) { return (k << 32) | (k >> 32); }

// flag[i] = 1 when keys[i] is in `set`; both sorted. A merge walk per fixed block of keys: sequential
// memory access, unlike one binary search per key (random access, cache misses on large graphs).
std::vector<char> membership(const std::vector<std::uint64_t>& keys, const std::vector<std::uint64_t>& set) {
  std::vector<char> flag(keys.size(), 0);
  const auto num_blocks = static_cast<std::int64_t>((keys.size() + kMergeBlock - 1) / kMergeBlock);
#pragma omp parallel for schedule(static) if (num_blocks > 1)
  for (std::int64_t b = 0; b < num_blocks; ++b) {
    const auto begin = static_cast<std::size_t>(b) * kMergeBlock;
    const std::size_t end = std::min(keys.size(), begin + kMergeBlock);
    auto j = std::lower_bound(set.begin(), set.end(), keys[begin]);
    for (std::size_t i = begin; i < end; ++i) {
      while (j != set.end() && *j < keys[i]) ++j;
      flag[i] = j != set.end() && *j == keys[i];
    }
  }
  return flag;
}

// flag[i] = 1 when the reverse of keys[i] (v -> u for u -> v) is also in keys (sorted, distinct).
std::vector<char> reverse_present(const std::vector<std::uint64_t>& keys) {
  std::vector<std::uint64_t> rev(keys.size());
  const auto m = static_cast<std::int64_t>(keys.size());
#pragma omp parallel for schedule(static) if (m > kParallelMin)
  for (std::int64_t i = 0; i < m; ++i) rev[static_cast<std::size_t>(i)] = reversed(keys[static_cast<std::size_t>(i)]);
  __gnu_parallel::sort(rev.begin(), rev.end());
  return membership(keys, rev);
}

struct Interaction {
  std::uint64_t key;
  std::uint8_t type;
  std::uint32_t count;
  bool operator<(const Interaction& o) const { return key != o.key ? key < o.key : type < o.type; }
};

constexpr std::uint64_t kPersonBlock = 1024;
constexpr std::uint64_t kEdgeBlock = 1 << 14;
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// ------------------------------------------------------------------------------------------------
// The generator state: the plan (communities, slices, roles, fitness), then the layers.

class Generator {
 public:
  explicit Generator(const SocialNetworkOptions& opts) : o_(opts), n_(opts.people), seed_(opts.seed) {}

  SocialNetwork run(RunContext& ctx) {
    auto step = [&](const char* name, void (Generator::*f)()) {
      ctx.check_cancelled();
      auto phase = ctx.phase(std::string("demo/") + name);
      (this->*f)();
    };
    step("communities", &Generator::plan_communities);
    step("people", &Generator::place_people);
    step("roles", &Generator::assign_roles);
    step("attributes", &Generator::assign_attributes);
    step("brokers", &Generator::plan_brokers);
    step("fitness", &Generator::build_fitness);
    step("follows", &Generator::build_follows);
    step("friends", &Generator::build_friends);
    step("interactions", &Generator::build_interactions);
    step("customers", &Generator::choose_customers);
    step("handles", &Generator::make_handles);
    return std::move(net_);
  }

 private:
  // ---- plan --------------------------------------------------------------------------------
  void plan_communities() {
    std::uint32_t c = o_.communities;
    if (c == 0) c = std::clamp<std::uint32_t>(static_cast<std::uint32_t>(std::lround(n_ / 800.0)), 2, n_ / 50);
    num_comm_ = c;
    // Zipf sizes with lognormal jitter, by rank; then ranks are given to community ids at random,
    // so id order says nothing about size.
    std::vector<double> w(c);
    for (std::uint32_t r = 0; r < c; ++r) {
      Rng rng = rng_for(seed_, r, kTagCommunitySize);
      w[r] = std::pow(r + 1.0, -o_.community_size_exponent) * std::exp(0.25 * normal(rng));
    }
    const auto by_rank = apportion(n_, w, std::vector<std::uint64_t>(c, o_.min_community_size));
    std::vector<std::pair<std::uint64_t, std::uint32_t>> ids(c);
    for (std::uint32_t r = 0; r < c; ++r) ids[r] = {hash_item(seed_, Stream::kDemo, (std::uint64_t{r} << 8) | kTagCommunityId), r};
    std::sort(ids.begin(), ids.end());
    size_.assign(c, 0);
    for (std::uint32_t id = 0; id < c; ++id) size_[id] = static_cast<std::uint32_t>(by_rank[ids[id].second]);

    net_.community_region.resize(c);
    net_.community_topic.resize(c);
    purity_region_.resize(c);
    purity_topic_.resize(c);
    age_mean_.resize(c);
    for (std::uint32_t id = 0; id < c; ++id) {
      Rng rng = rng_for(seed_, id, kTagCommunityAttr);
      net_.community_region[id] = static_cast<std::uint16_t>(rng.below(o_.regions));
      net_.community_topic[id] = static_cast<std::uint16_t>(rng.below(o_.topics));
      purity_region_[id] = o_.purity_min + (o_.purity_max - o_.purity_min) * rng.uniform01();
      purity_topic_[id] = o_.purity_min + (o_.purity_max - o_.purity_min) * rng.uniform01();
      age_mean_[id] = kTopicAge[net_.community_topic[id]] + 3.0 * normal(rng);
    }
    by_topic_.assign(o_.topics, {});
    by_region_.assign(o_.regions, {});
    for (std::uint32_t id = 0; id < c; ++id) {
      by_topic_[net_.community_topic[id]].push_back(id);
      by_region_[net_.community_region[id]].push_back(id);
    }
  }

  // People are ordered by a seeded hash; community c takes the slice [start_[c], start_[c+1]) of
  // that order, so members are scattered over the id range. Circles are consecutive runs of
  // circle_size positions inside a slice.
  void place_people() {
    std::vector<std::pair<std::uint64_t, VertexId>> keyed(n_);
    const auto n = static_cast<std::int64_t>(n_);
#pragma omp parallel for schedule(static) if (n > kParallelMin)
    for (std::int64_t i = 0; i < n; ++i) {
      const auto u = static_cast<VertexId>(i);
      keyed[static_cast<std::size_t>(i)] = {hash_item(seed_, Stream::kDemo, (std::uint64_t{u} << 8) | kTagPersonOrder), u};
    }
    __gnu_parallel::sort(keyed.begin(), keyed.end());
    order_.resize(n_);
    for (VertexId k = 0; k < n_; ++k) order_[k] = keyed[k].second;
    start_.assign(num_comm_ + 1, 0);
    for (std::uint32_t c = 0; c < num_comm_; ++c) start_[c + 1] = start_[c] + size_[c];
    net_.community.resize(n_);
    pos_.resize(n_);
    for (std::uint32_t c = 0; c < num_comm_; ++c)
      for (VertexId k = start_[c]; k < start_[c + 1]; ++k) {
        net_.community[order_[k]] = c;
        pos_[order_[k]] = k - start_[c];
      }
  }

  std::uint32_t comm(VertexId u) const { return net_.community[u]; }
  bool same_circle(VertexId u, VertexId v) const {
    return comm(u) == comm(v) && pos_[u] / o_.circle_size == pos_[v] / o_.circle_size;
  }
  bool is(VertexId u, Role r) const { return net_.role[u] == r; }

  void assign_roles() {
    const std::uint32_t c = num_comm_;
    std::vector<double> w(size_.begin(), size_.end());
    const auto total = [&](double frac) { return static_cast<std::uint64_t>(std::llround(frac * n_)); };
    std::vector<std::uint64_t> micro_min(c, 0);
    for (std::uint32_t i = 0; i < c; ++i) micro_min[i] = size_[i] >= o_.micro_min_community ? 2 : 0;
    const auto micro = apportion(total(o_.micro_fraction), w, micro_min);
    const auto broker = apportion(total(o_.broker_fraction), w, std::vector<std::uint64_t>(c, 0));
    const std::uint64_t celebrities =
        o_.celebrities > 0 ? o_.celebrities
                           : std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::llround(20.0 * std::sqrt(n_ / 50000.0))));
    const auto celeb = apportion(celebrities, w,
                                 std::vector<std::uint64_t>(c, 0));
    net_.role.assign(n_, Role::kRegular);
    for (std::uint32_t i = 0; i < c; ++i) {
      // At most a quarter of a community holds a planted role; roles sit at evenly spaced slice
      // positions, so they fall into different circles.
      const std::uint64_t cap = size_[i] / 4;
      const std::uint64_t m = std::min(micro[i], cap);
      const std::uint64_t b = std::min(broker[i], cap - m);
      const std::uint64_t k = std::min(celeb[i], cap - m - b);
      const std::uint64_t r = m + b + k;
      for (std::uint64_t j = 0; j < r; ++j) {
        const auto p = static_cast<VertexId>((2 * j + 1) * size_[i] / (2 * r));
        const VertexId u = order_[start_[i] + p];
        net_.role[u] = j < m ? Role::kMicroInfluencer : (j < m + b ? Role::kBroker : Role::kCelebrity);
      }
    }
    for (VertexId u = 0; u < n_; ++u) {
      if (is(u, Role::kCelebrity)) celebrities_.push_back(u);
      if (is(u, Role::kMicroInfluencer)) micros_.push_back(u);
      if (is(u, Role::kBroker)) brokers_.push_back(u);
    }
  }

  void assign_attributes() {
    net_.region_names.assign(kRegionNames.begin(), kRegionNames.begin() + o_.regions);
    net_.topic_names.assign(kTopicNames.begin(), kTopicNames.begin() + o_.topics);
    net_.region.resize(n_);
    net_.topic.resize(n_);
    net_.age.resize(n_);
    const auto n = static_cast<std::int64_t>(n_);
    auto pick = [](Rng& rng, double purity, std::uint16_t dominant, std::uint16_t count) {
      if (rng.bernoulli(purity)) return dominant;
      auto other = static_cast<std::uint16_t>(rng.below(count - 1U));
      return static_cast<std::uint16_t>(other >= dominant ? other + 1 : other);
    };
#pragma omp parallel for schedule(static) if (n > kParallelMin)
    for (std::int64_t i = 0; i < n; ++i) {
      const auto u = static_cast<VertexId>(i);
      const std::uint32_t c = comm(u);
      Rng rng = rng_for(seed_, u, kTagPersonAttr);
      std::uint16_t region = pick(rng, purity_region_[c], net_.community_region[c], o_.regions);
      std::uint16_t topic = pick(rng, purity_topic_[c], net_.community_topic[c], o_.topics);
      if (is(u, Role::kMicroInfluencer)) {  // rooted in their scene
        region = net_.community_region[c];
        topic = net_.community_topic[c];
      }
      net_.region[u] = region;
      net_.topic[u] = topic;
      const double age = age_mean_[c] + 7.0 * normal(rng);
      net_.age[u] = static_cast<std::uint32_t>(std::clamp(std::lround(age), 16L, 80L));
    }
  }

  // Each broker gets its home community plus 2-4 others, preferring communities that share a
  // region or topic with home (weight 3 instead of 1), times sqrt(size).
  void plan_brokers() {
    broker_index_.assign(n_, kNone);
    net_.broker_community_offsets.assign(1, 0);
    for (std::size_t i = 0; i < brokers_.size(); ++i) {
      const VertexId b = brokers_[i];
      broker_index_[b] = static_cast<std::uint32_t>(i);
      Rng rng = rng_for(seed_, b, kTagBrokerCommunities);
      const std::uint32_t home = comm(b);
      const auto want = static_cast<std::uint32_t>(
          std::min<std::uint64_t>(num_comm_, o_.broker_communities_min +
                                                 rng.below(o_.broker_communities_max - o_.broker_communities_min + 1)));
      std::vector<std::uint32_t> chosen{home};
      std::vector<double> w(num_comm_);
      for (std::uint32_t c = 0; c < num_comm_; ++c) {
        const bool related = net_.community_region[c] == net_.community_region[home] ||
                             net_.community_topic[c] == net_.community_topic[home];
        w[c] = c == home ? 0.0 : std::sqrt(static_cast<double>(size_[c])) * (related ? 3.0 : 1.0);
      }
      while (chosen.size() < want) {
        const double total = std::accumulate(w.begin(), w.end(), 0.0);
        double x = rng.uniform01() * total;
        std::uint32_t c = 0;
        while (c + 1 < num_comm_ && x >= w[c]) x -= w[c++];
        if (w[c] == 0.0) continue;
        chosen.push_back(c);
        w[c] = 0.0;
      }
      net_.broker_community_ids.insert(net_.broker_community_ids.end(), chosen.begin(), chosen.end());
      net_.broker_community_offsets.push_back(net_.broker_community_ids.size());
    }
  }

  std::span<const std::uint32_t> broker_communities(VertexId b) const {
    const std::uint32_t i = broker_index_[b];
    const auto* base = net_.broker_community_ids.data();
    return {base + net_.broker_community_offsets[i], base + net_.broker_community_offsets[i + 1]};
  }
  // True when b is a broker and v belongs to one of b's communities.
  bool broker_reaches(VertexId b, VertexId v) const {
    if (broker_index_[b] == kNone) return false;
    const auto cs = broker_communities(b);
    return std::find(cs.begin(), cs.end(), comm(v)) != cs.end();
  }
  bool broker_tie(VertexId u, VertexId v) const { return broker_reaches(u, v) || broker_reaches(v, u); }

  // Two lognormal fitnesses per person: `local` attracts follows from their own community (and the
  // everyday follows of brokers), `reach` attracts follows from other communities. Keeping them
  // apart makes global popularity and standing inside a community different things, as they are:
  // the globally most-followed regulars are not the local opinion leaders. The reach fitness is
  // capped at 3 standard deviations, so no regular becomes a celebrity by accident.
  // cum_local_/cum_reach_ are inclusive prefix sums in slice order, so a fitness-proportional draw
  // inside community c is a binary search in [start_[c], start_[c+1]).
  void build_fitness() {
    std::vector<double> local(n_), reach(n_);
    const auto n = static_cast<std::int64_t>(n_);
#pragma omp parallel for schedule(static) if (n > kParallelMin)
    for (std::int64_t i = 0; i < n; ++i) {
      Rng rng = rng_for(seed_, static_cast<std::uint64_t>(i), kTagFitness);
      local[static_cast<std::size_t>(i)] = std::exp(o_.local_popularity_sigma * normal(rng));
      reach[static_cast<std::size_t>(i)] = std::exp(o_.global_popularity_sigma * std::clamp(normal(rng), -3.0, 3.0));
    }
    cum_local_.resize(n_);
    cum_reach_.resize(n_);
    double s = 0.0, t = 0.0;
    for (VertexId k = 0; k < n_; ++k) {
      cum_local_[k] = s += local[order_[k]];
      cum_reach_[k] = t += reach[order_[k]];
    }
  }

  static VertexId draw(const std::vector<double>& cum, const std::vector<VertexId>& order, Rng& rng, VertexId lo,
                       VertexId hi) {
    const double base = lo > 0 ? cum[lo - 1] : 0.0;
    const double x = base + rng.uniform01() * (cum[hi - 1] - base);
    auto k = static_cast<VertexId>(std::upper_bound(cum.begin() + lo, cum.begin() + hi, x) - cum.begin());
    return order[std::min(k, hi - 1)];
  }
  VertexId by_local_fitness(Rng& rng, std::uint32_t c) const { return draw(cum_local_, order_, rng, start_[c], start_[c + 1]); }
  VertexId by_reach_in(Rng& rng, std::uint32_t c) const { return draw(cum_reach_, order_, rng, start_[c], start_[c + 1]); }
  VertexId by_reach(Rng& rng) const { return draw(cum_reach_, order_, rng, 0, n_); }
  VertexId uniform_in(Rng& rng, std::uint32_t c) const {
    return order_[start_[c] + static_cast<VertexId>(rng.below(size_[c]))];
  }
  VertexId circle_mate(Rng& rng, VertexId u) const {
    const std::uint32_t c = comm(u);
    const VertexId first = pos_[u] / o_.circle_size * o_.circle_size;
    const VertexId last = std::min(size_[c], first + o_.circle_size);
    if (last - first < 2) return u;
    auto p = first + static_cast<VertexId>(rng.below(last - first - 1));
    if (p >= pos_[u]) ++p;
    return order_[start_[c] + p];
  }

  // ---- follows -----------------------------------------------------------------------------
  double reciprocity(VertexId u, VertexId v) const {  // P(v follows u back | u -> v)
    if (is(v, Role::kCelebrity)) return 0.003;
    if (is(v, Role::kMicroInfluencer)) return comm(u) == comm(v) ? o_.micro_follow_back : 0.03;
    if (broker_tie(u, v)) return 0.5;
    if (comm(u) == comm(v)) return same_circle(u, v) ? o_.reciprocity_circle : o_.reciprocity_inside;
    return o_.reciprocity_outside;
  }

  // Organic follows leave the community with probability x, chosen so that the expected share of
  // cross-community follows, after the planted ties and the follow-backs, is o_.mixing.
  double calibrate_external_share(double organic) const {
    const double r_in = o_.reciprocity_inside, r_out = o_.reciprocity_outside;
    double celeb = 0, celeb_ext = 0, micro_in = 0, micro_out = 0, broker_all = 0, broker_ext = 0;
    for (VertexId t : celebrities_) {
      celeb += celeb_target_[t];
      celeb_ext += celeb_target_[t] * (1.0 - size_[comm(t)] / static_cast<double>(n_));
    }
    for (VertexId t : micros_) {
      micro_in += micro_target_in_[t];
      micro_out += micro_target_out_[t];
    }
    for (VertexId b : brokers_) {
      const auto k = static_cast<double>(broker_communities(b).size());
      broker_all += 2.0 * o_.broker_ties * k;
      broker_ext += 2.0 * o_.broker_ties * (k - 1.0);
    }
    const double circle = static_cast<double>(n_) * o_.circle_follows;
    const double a = celeb_ext * 1.003 + micro_out * 1.03 + broker_ext * 1.5;
    const double b = circle * (1.0 + o_.reciprocity_circle) + celeb * 1.003 + micro_in * (1.0 + o_.micro_follow_back) +
                     micro_out * 1.03 + broker_all * 1.5;
    const double d = organic;
    const double x = (o_.mixing * (b + d * (1.0 + r_in)) - a) / (d * (1.0 + r_out) - o_.mixing * d * (r_out - r_in));
    return std::clamp(x, 0.0, 0.95);
  }

  void build_follows() {
    // Organic follow counts and the planted targets first: the calibration needs their totals.
    std::vector<std::uint32_t> degree(n_);
    const auto n = static_cast<std::int64_t>(n_);
#pragma omp parallel for schedule(static) if (n > kParallelMin)
    for (std::int64_t i = 0; i < n; ++i) {
      Rng rng = rng_for(seed_, static_cast<std::uint64_t>(i), kTagFollowCount);
      const double d = o_.follows_median * std::exp(o_.follows_sigma * normal(rng));
      degree[static_cast<std::size_t>(i)] =
          static_cast<std::uint32_t>(std::clamp<double>(std::round(d), 1.0, std::min(1000.0, n_ - 1.0)));
    }
    const double organic = static_cast<double>(std::accumulate(degree.begin(), degree.end(), std::uint64_t{0}));
    celeb_target_.assign(n_, 0);
    micro_target_in_.assign(n_, 0);
    micro_target_out_.assign(n_, 0);
    for (VertexId t : celebrities_) {
      Rng rng = rng_for(seed_, t, kTagPlantedSize);
      const double scale = std::sqrt(50000.0 * n_);
      const double f = log_uniform(rng, o_.celebrity_followers_min * scale, o_.celebrity_followers_max * scale);
      celeb_target_[t] = static_cast<std::uint32_t>(std::min<double>(std::round(f), 0.5 * n_));
    }
    for (VertexId t : micros_) {
      Rng rng = rng_for(seed_, t, kTagPlantedSize);
      const double f = log_uniform(rng, o_.micro_followers_min, o_.micro_followers_max);
      const double cap = 0.7 * (size_[comm(t)] - 1.0);
      micro_target_in_[t] = static_cast<std::uint32_t>(std::min(std::round(f * (1.0 - o_.micro_outside_share)), cap));
      micro_target_out_[t] = static_cast<std::uint32_t>(std::round(f * o_.micro_outside_share));
    }
    const double x = calibrate_external_share(organic);

    auto organic_edges = generate_blocks<std::uint64_t>(n_, kPersonBlock, [&](std::uint64_t i, auto& out) {
      const auto u = static_cast<VertexId>(i);
      const std::uint32_t c = comm(u);
      Rng rng = rng_for(seed_, u, kTagFollow);
      const bool broker = is(u, Role::kBroker);
      for (std::uint32_t j = 0; j < degree[u]; ++j) {
        VertexId v;
        if (broker) {  // a broker's everyday follows are spread over its communities
          const auto cs = broker_communities(u);
          v = by_local_fitness(rng, cs[rng.below(cs.size())]);
        } else if (rng.bernoulli(x)) {
          v = external_target(rng, u);
        } else {
          v = by_local_fitness(rng, c);
        }
        if (v != u) out.push_back(edge_key(u, v));
      }
      for (std::uint32_t j = 0; j < o_.circle_follows; ++j) {
        const VertexId v = circle_mate(rng, u);
        if (v != u) out.push_back(edge_key(u, v));
      }
    });

    std::vector<VertexId> holders;  // celebrities, micro-influencers, brokers
    holders.insert(holders.end(), celebrities_.begin(), celebrities_.end());
    holders.insert(holders.end(), micros_.begin(), micros_.end());
    holders.insert(holders.end(), brokers_.begin(), brokers_.end());
    auto planted = generate_blocks<std::uint64_t>(holders.size(), 4, [&](std::uint64_t i, auto& out) {
      const VertexId t = holders[i];
      Rng rng = rng_for(seed_, t, kTagPlanted);
      if (is(t, Role::kCelebrity)) {
        for (std::uint32_t j = 0; j < celeb_target_[t]; ++j) {
          const auto f = static_cast<VertexId>(rng.below(n_));
          if (f != t) out.push_back(edge_key(f, t));
        }
      } else if (is(t, Role::kMicroInfluencer)) {
        // Inside: distinct members (Floyd's sampling); outside: anyone from another community.
        const std::uint32_t c = comm(t);
        const std::uint32_t s = size_[c];
        const std::uint32_t k = std::min(micro_target_in_[t], s);
        std::unordered_set<std::uint32_t> taken;  // O(k), not O(community size), per micro-influencer
        taken.reserve(2 * k);
        for (std::uint32_t j = s - k; j < s; ++j) {
          auto p = static_cast<std::uint32_t>(rng.below(j + 1ULL));
          if (!taken.insert(p).second) {
            p = j;
            taken.insert(p);
          }
          const VertexId f = order_[start_[c] + p];
          if (f != t) out.push_back(edge_key(f, t));
        }
        for (std::uint32_t j = 0; j < micro_target_out_[t]; ++j) {
          const auto f = static_cast<VertexId>(rng.below(n_));
          if (comm(f) != c) out.push_back(edge_key(f, t));
        }
      } else {  // broker
        for (std::uint32_t c : broker_communities(t))
          for (std::uint32_t j = 0; j < o_.broker_ties; ++j) {
            const VertexId f = uniform_in(rng, c);
            if (f != t) out.push_back(edge_key(f, t));
            const VertexId g = by_local_fitness(rng, c);
            if (g != t) out.push_back(edge_key(t, g));
          }
      }
    });
    organic_edges.insert(organic_edges.end(), planted.begin(), planted.end());
    std::vector<std::uint64_t>().swap(planted);
    sort_unique(organic_edges);
    const std::vector<std::uint64_t>& base = organic_edges;
    const auto base_reciprocal = reverse_present(base);

    // Follow-backs: decided once per base edge, keyed by the edge.
    auto backs = generate_blocks<std::uint64_t>(base.size(), kEdgeBlock, [&](std::uint64_t e, auto& out) {
      const VertexId u = key_src(base[e]), v = key_dst(base[e]);
      if (base_reciprocal[e]) return;
      Rng rng = rng_for(seed_, base[e], kTagFollowBack);
      if (rng.bernoulli(reciprocity(u, v))) out.push_back(edge_key(v, u));
    });
    organic_edges.insert(organic_edges.end(), backs.begin(), backs.end());
    sort_unique(organic_edges);
    follows_ = EdgeSet(std::move(organic_edges), n_);
    reciprocal_ = reverse_present(follows_.keys());
    net_.follows = to_edge_list(follows_.keys());
  }

  // A target in another community: half the time anyone (by reach fitness), a quarter a community of
  // the follower's own topic, a quarter one of their region; a few retries avoid the home community.
  VertexId external_target(Rng& rng, VertexId u) const {
    const std::uint32_t home = comm(u);
    VertexId v = u;
    for (int attempt = 0; attempt < 4; ++attempt) {
      const double r = rng.uniform01();
      const std::vector<std::uint32_t>* list = nullptr;
      if (r >= 0.75)
        list = &by_region_[net_.region[u]];
      else if (r >= 0.5)
        list = &by_topic_[net_.topic[u]];
      if (list != nullptr && !list->empty())
        v = by_reach_in(rng, (*list)[rng.below(list->size())]);
      else
        v = by_reach(rng);
      if (comm(v) != home) break;
    }
    return v;
  }

  static EdgeList to_edge_list(const std::vector<std::uint64_t>& keys) {
    EdgeList el;
    el.src.resize(keys.size());
    el.dst.resize(keys.size());
    const auto m = static_cast<std::int64_t>(keys.size());
#pragma omp parallel for schedule(static) if (m > kParallelMin)
    for (std::int64_t i = 0; i < m; ++i) {
      el.src[static_cast<std::size_t>(i)] = key_src(keys[static_cast<std::size_t>(i)]);
      el.dst[static_cast<std::size_t>(i)] = key_dst(keys[static_cast<std::size_t>(i)]);
    }
    return el;
  }

  bool follows(VertexId u, VertexId v) const { return follows_.contains(u, v); }

  // ---- friendships -------------------------------------------------------------------------
  double friend_probability(VertexId u, VertexId v) const {  // u, v follow each other
    if (comm(u) == comm(v)) {
      if (is(u, Role::kMicroInfluencer) || is(v, Role::kMicroInfluencer)) return 0.65;
      return same_circle(u, v) ? 0.7 : 0.4;
    }
    return broker_tie(u, v) ? 0.45 : 0.1;
  }

  void build_friends() {
    auto from_follows = generate_blocks<std::uint64_t>(follows_.size(), kEdgeBlock, [&](std::uint64_t e, auto& out) {
      const VertexId u = key_src(follows_[e]), v = key_dst(follows_[e]);
      if (u > v || !reciprocal_[e]) return;
      Rng rng = rng_for(seed_, follows_[e], kTagFriendPair);
      if (rng.bernoulli(friend_probability(u, v))) out.push_back(edge_key(u, v));
    });
    // Region index: people grouped by region, in id order.
    std::vector<std::uint64_t> region_start(o_.regions + 1U, 0);
    for (VertexId u = 0; u < n_; ++u) ++region_start[net_.region[u] + 1U];
    for (std::size_t r = 0; r < o_.regions; ++r) region_start[r + 1] += region_start[r];
    std::vector<VertexId> by_region(n_);
    {
      auto fill = region_start;
      for (VertexId u = 0; u < n_; ++u) by_region[fill[net_.region[u]]++] = u;
    }
    auto drawn = generate_blocks<std::uint64_t>(n_, kPersonBlock, [&](std::uint64_t i, auto& out) {
      const auto u = static_cast<VertexId>(i);
      Rng rng = rng_for(seed_, u, kTagFriend);
      auto add = [&](VertexId v) {
        if (v != u) out.push_back(edge_key(std::min(u, v), std::max(u, v)));
      };
      for (std::uint32_t j = 0; j < o_.circle_friends; ++j) add(circle_mate(rng, u));
      if (rng.bernoulli(o_.region_friend_probability)) {
        const std::uint16_t r = net_.region[u];
        const std::uint64_t lo = region_start[r], hi = region_start[r + 1U];
        add(by_region[lo + rng.below(hi - lo)]);
      }
    });
    from_follows.insert(from_follows.end(), drawn.begin(), drawn.end());
    sort_unique(from_follows);
    net_.friends = to_edge_list(from_follows);
    // Which follows are also friendships (either orientation): a merge against the symmetric set.
    std::vector<std::uint64_t> both(2 * from_follows.size());
    for (std::size_t i = 0; i < from_follows.size(); ++i) {
      both[2 * i] = from_follows[i];
      both[2 * i + 1] = reversed(from_follows[i]);
    }
    __gnu_parallel::sort(both.begin(), both.end());
    follow_is_friend_ = membership(follows_.keys(), both);
    friends_ = std::move(from_follows);
  }

  // ---- interactions ------------------------------------------------------------------------
  struct Engagement {
    double p;                     // P(u interacts with v at all)
    double likes;                 // mean extra likes (1 + geometric)
    double comment_p, comments;   // P(any comment), mean extra comments
    double share_p, shares;
  };

  Engagement engagement(VertexId u, VertexId v, bool friends) const {  // u follows v
    if (is(v, Role::kCelebrity)) return {0.12, 1.0, 0.08, 0.0, 0.03, 0.0};
    if (is(v, Role::kMicroInfluencer) && comm(u) == comm(v)) return {0.85, 6.0, 0.6, 2.0, 0.35, 1.0};
    if (friends) return {0.7, 3.0, 0.4, 1.0, 0.12, 0.5};
    if (comm(u) == comm(v) || broker_tie(u, v)) return {0.3, 1.5, 0.2, 0.5, 0.05, 0.0};
    return {0.08, 0.8, 0.08, 0.0, 0.02, 0.0};
  }

  void build_interactions() {
    auto on_follows = generate_blocks<Interaction>(follows_.size(), kEdgeBlock, [&](std::uint64_t e, auto& out) {
      const std::uint64_t key = follows_[e];
      const VertexId u = key_src(key), v = key_dst(key);
      Rng rng = rng_for(seed_, key, kTagInteract);
      const Engagement g = engagement(u, v, follow_is_friend_[e] != 0);
      if (!rng.bernoulli(g.p)) return;
      out.push_back({key, kLike, 1 + geometric(rng, g.likes)});
      if (rng.bernoulli(g.comment_p)) out.push_back({key, kComment, 1 + geometric(rng, g.comments)});
      if (rng.bernoulli(g.share_p)) out.push_back({key, kShare, 1 + geometric(rng, g.shares)});
    });
    // A quarter of the people also like one or two posts of community members they do not follow
    // (content reached them through shares).
    auto extra = generate_blocks<Interaction>(n_, kPersonBlock, [&](std::uint64_t i, auto& out) {
      const auto u = static_cast<VertexId>(i);
      Rng rng = rng_for(seed_, u, kTagInteractExtra);
      if (!rng.bernoulli(0.25)) return;
      const auto k = 1 + rng.below(2);
      for (std::uint64_t j = 0; j < k; ++j) {
        const VertexId v = uniform_in(rng, comm(u));
        const auto count = static_cast<std::uint32_t>(1 + rng.below(2));
        if (v != u && !follows(u, v)) out.push_back({edge_key(u, v), kLike, count});
      }
    });
    on_follows.insert(on_follows.end(), extra.begin(), extra.end());
    __gnu_parallel::sort(on_follows.begin(), on_follows.end());
    // Merge repeated (u, v, type) (two extra likes of the same person): counts add up.
    std::size_t w = 0;
    for (std::size_t r = 0; r < on_follows.size(); ++r) {
      if (w > 0 && on_follows[w - 1].key == on_follows[r].key && on_follows[w - 1].type == on_follows[r].type)
        on_follows[w - 1].count += on_follows[r].count;
      else
        on_follows[w++] = on_follows[r];
    }
    on_follows.resize(w);
    auto& el = net_.interactions;
    el.src.resize(w);
    el.dst.resize(w);
    el.weight.resize(w);
    net_.interaction_type.resize(w);
    for (std::size_t i = 0; i < w; ++i) {
      el.src[i] = key_src(on_follows[i].key);
      el.dst[i] = key_dst(on_follows[i].key);
      el.weight[i] = static_cast<Weight>(on_follows[i].count);
      net_.interaction_type[i] = on_follows[i].type;
    }
    net_.interaction_type_names = {"like", "comment", "share"};
  }

  // ---- customers ---------------------------------------------------------------------------
  // The business sits in a mid-sized community; its customers concentrate there and in the
  // mid-sized communities most like it (same topic first, then same region). Inside them, people
  // with a trusted tie (reciprocal follow or friendship) to one of the community's
  // micro-influencers are three times as likely to be customers (weighted sampling without
  // replacement, Efraimidis & Spirakis 2006).
  void choose_customers() {
    const auto total = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::llround(o_.customer_fraction * n_)));
    std::vector<std::uint32_t> by_size(num_comm_);
    std::iota(by_size.begin(), by_size.end(), 0U);
    std::sort(by_size.begin(), by_size.end(), [&](std::uint32_t a, std::uint32_t b) {
      return size_[a] != size_[b] ? size_[a] > size_[b] : a < b;
    });
    const std::size_t lo = num_comm_ / 10, hi = std::max<std::size_t>(lo + 1, num_comm_ / 2);
    std::vector<std::uint32_t> mid(by_size.begin() + static_cast<std::ptrdiff_t>(lo),
                                   by_size.begin() + static_cast<std::ptrdiff_t>(hi));
    Rng rng = rng_for(seed_, 0, kTagCustomerPick);
    const std::uint32_t first = mid[rng.below(mid.size())];
    std::vector<std::pair<std::uint64_t, std::uint32_t>> ranked;  // (preference, community)
    for (std::uint32_t c : mid) {
      if (c == first) continue;
      const std::uint64_t score = (net_.community_topic[c] == net_.community_topic[first] ? 2 : 0) +
                                  (net_.community_region[c] == net_.community_region[first] ? 1 : 0);
      ranked.push_back({(score << 56) | (hash_item(seed_, Stream::kDemo, c ^ (kTagCustomerPick << 40)) >> 8), c});
    }
    std::sort(ranked.begin(), ranked.end(), std::greater<>());
    std::vector<std::uint32_t> chosen{first};
    for (std::size_t i = 0; i < ranked.size() && chosen.size() < o_.customer_communities; ++i)
      chosen.push_back(ranked[i].second);
    std::sort(chosen.begin(), chosen.end());
    net_.customer_community_ids = chosen;

    std::vector<char> in_chosen(num_comm_, 0);
    std::uint64_t chosen_people = 0;
    for (std::uint32_t c : chosen) {
      in_chosen[c] = 1;
      chosen_people += size_[c];
    }
    const std::uint64_t inside = std::min<std::uint64_t>(
        static_cast<std::uint64_t>(std::llround(o_.customer_concentration * static_cast<double>(total))),
        chosen_people / 2);
    const std::uint64_t outside = std::min<std::uint64_t>(total - inside, n_ - chosen_people);

    // Trusted ties to a local micro-influencer.
    std::vector<char> trusted(n_, 0);
    auto mark = [&](VertexId a, VertexId b) {
      if (comm(a) != comm(b) || !in_chosen[comm(a)]) return;
      if (is(a, Role::kMicroInfluencer)) trusted[b] = 1;
      if (is(b, Role::kMicroInfluencer)) trusted[a] = 1;
    };
    for (std::uint64_t k : friends_) mark(key_src(k), key_dst(k));
    for (std::size_t e = 0; e < follows_.size(); ++e)
      if (reciprocal_[e]) mark(key_src(follows_[e]), key_dst(follows_[e]));

    std::vector<std::pair<double, VertexId>> in_keys, out_keys;
    for (VertexId u = 0; u < n_; ++u) {
      Rng r = rng_for(seed_, u, kTagCustomer);
      const double e = -std::log(1.0 - r.uniform01());  // Exp(1)
      if (in_chosen[comm(u)])
        in_keys.push_back({e / (trusted[u] ? 3.0 : 1.0), u});
      else
        out_keys.push_back({e, u});
    }
    auto take = [&](std::vector<std::pair<double, VertexId>>& keys, std::uint64_t k) {
      k = std::min<std::uint64_t>(k, keys.size());
      std::nth_element(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(k), keys.end());
      for (std::uint64_t i = 0; i < k; ++i) net_.customers.push_back(keys[i].second);
    };
    take(in_keys, inside);
    take(out_keys, outside);
    std::sort(net_.customers.begin(), net_.customers.end());
  }

  // ---- handles -----------------------------------------------------------------------------
  void make_handles() {
    net_.handles.resize(n_);
    const auto n = static_cast<std::int64_t>(n_);
#pragma omp parallel for schedule(static) if (n > kParallelMin)
    for (std::int64_t i = 0; i < n; ++i) {
      const auto u = static_cast<VertexId>(i);
      Rng rng = rng_for(seed_, u, kTagHandle);
      const std::string first(kFirstNames[rng.below(kFirstNames.size())]);
      const std::string last(kLastNames[rng.below(kLastNames.size())]);
      const std::string word(kTopicWord[net_.topic[u]]);
      const auto year = std::to_string(100 + (2025 - net_.age[u]) % 100).substr(1);
      std::string h = "@";
      auto pattern = rng.below(10);
      if (is(u, Role::kMicroInfluencer)) pattern = 10 + rng.below(3);
      if (is(u, Role::kCelebrity)) pattern = 13 + rng.below(2);
      switch (pattern) {
        case 0: case 1: case 2: h += first + "_" + last[0]; break;
        case 3: case 4: h += first + "." + last; break;
        case 5: case 6: h += first + last + year; break;
        case 7: h += first + "_" + word; break;
        case 8: h += last + "." + first; break;
        case 9: h += first + last[0] + std::to_string(rng.below(1000)); break;
        case 10: h += first + "_" + word; break;
        case 11: h += word + ".with." + first; break;
        case 12: h += first + "." + word; break;
        case 13: h += first + last; break;
        default: h += "thereal" + first + last; break;
      }
      net_.handles[u] = std::move(h);
    }
    // Uniqueness: among equal handles the lowest id keeps it; the others, in id order, take the
    // smallest numeric suffix (2, 3, ...) that is neither a generated handle nor already given out.
    // Sorting (parallel) instead of a hash set of all handles: duplicates are rare.
    std::vector<VertexId> by_name(n_);
    std::iota(by_name.begin(), by_name.end(), VertexId{0});
    const auto& h = net_.handles;
    __gnu_parallel::sort(by_name.begin(), by_name.end(),
                         [&](VertexId a, VertexId b) { return h[a] != h[b] ? h[a] < h[b] : a < b; });
    std::vector<VertexId> repeated;
    for (std::size_t i = 1; i < by_name.size(); ++i)
      if (h[by_name[i]] == h[by_name[i - 1]]) repeated.push_back(by_name[i]);
    std::sort(repeated.begin(), repeated.end());
    auto generated = [&](const std::string& name) {
      const auto it = std::lower_bound(by_name.begin(), by_name.end(), name,
                                       [&](VertexId a, const std::string& x) { return h[a] < x; });
      return it != by_name.end() && h[*it] == name;
    };
    std::unordered_set<std::string> given;
    std::unordered_map<std::string, std::uint32_t> next_suffix;  // per base handle: suffixes below are taken
    std::vector<std::string> renamed(repeated.size());
    for (std::size_t i = 0; i < repeated.size(); ++i) {
      std::uint32_t& k = next_suffix.try_emplace(h[repeated[i]], 2).first->second;
      for (;; ++k) {
        std::string name = h[repeated[i]] + std::to_string(k);
        if (!generated(name) && given.insert(name).second) {
          renamed[i] = std::move(name);
          ++k;
          break;
        }
      }
    }
    for (std::size_t i = 0; i < repeated.size(); ++i) net_.handles[repeated[i]] = std::move(renamed[i]);
  }

  const SocialNetworkOptions& o_;
  VertexId n_;
  std::uint64_t seed_;
  SocialNetwork net_;

  std::uint32_t num_comm_ = 0;
  std::vector<std::uint32_t> size_;
  std::vector<double> purity_region_, purity_topic_, age_mean_;
  std::vector<std::vector<std::uint32_t>> by_topic_, by_region_;
  std::vector<VertexId> order_;  // people in community-slice order
  std::vector<VertexId> start_;  // slice offsets, num_comm_ + 1
  std::vector<VertexId> pos_;    // position of a person inside its slice
  std::vector<VertexId> celebrities_, micros_, brokers_;
  std::vector<std::uint32_t> broker_index_;
  std::vector<double> cum_local_, cum_reach_;
  std::vector<std::uint32_t> celeb_target_, micro_target_in_, micro_target_out_;
  EdgeSet follows_;
  std::vector<char> reciprocal_;        // per follow: the reverse follow exists
  std::vector<char> follow_is_friend_;  // per follow: the two are friends
  std::vector<std::uint64_t> friends_;  // sorted keys (u, v), u < v
};

}  // namespace

std::string_view role_name(Role r) noexcept {
  switch (r) {
    case Role::kCelebrity: return "celebrity";
    case Role::kMicroInfluencer: return "micro_influencer";
    case Role::kBroker: return "broker";
    case Role::kRegular: break;
  }
  return "regular";
}

void SocialNetworkOptions::validate() const {
  auto fail = [](const std::string& what) { throw InvalidArgument("social_network: " + what); };
  auto prob = [&](double p, const char* name) {
    if (!(p >= 0.0 && p <= 1.0)) fail(std::string(name) + " must be in [0, 1], got " + std::to_string(p));
  };
  if (people < 200) fail("people must be >= 200, got " + std::to_string(people));
  if (min_community_size < 2) fail("min_community_size must be >= 2");
  const std::uint32_t c = communities == 0 ? std::clamp<std::uint32_t>(static_cast<std::uint32_t>(std::lround(people / 800.0)), 2, people / 50)
                                           : communities;
  if (c < 2) fail("communities must be >= 2 (or 0 for automatic)");
  if (std::uint64_t{c} * min_community_size > people)
    fail(std::to_string(c) + " communities of at least " + std::to_string(min_community_size) + " people need more than " +
         std::to_string(people) + " people");
  if (regions < 2 || regions > kRegionNames.size()) fail("regions must be in [2, 8], got " + std::to_string(regions));
  if (topics < 2 || topics > kTopicNames.size()) fail("topics must be in [2, 12], got " + std::to_string(topics));
  prob(purity_min, "purity_min");
  prob(purity_max, "purity_max");
  if (purity_min > purity_max) fail("purity_min must be <= purity_max");
  prob(mixing, "mixing");
  if (!(follows_median >= 1.0)) fail("follows_median must be >= 1");
  if (!(follows_sigma >= 0.0) || !(local_popularity_sigma >= 0.0) || !(global_popularity_sigma >= 0.0))
    fail("follows_sigma, local_popularity_sigma and global_popularity_sigma must be >= 0");
  if (circle_size < 2) fail("circle_size must be >= 2");
  prob(reciprocity_inside, "reciprocity_inside");
  prob(reciprocity_circle, "reciprocity_circle");
  prob(reciprocity_outside, "reciprocity_outside");
  prob(celebrity_followers_min, "celebrity_followers_min");
  prob(celebrity_followers_max, "celebrity_followers_max");
  if (!(celebrity_followers_min > 0.0) || celebrity_followers_min > celebrity_followers_max)
    fail("celebrity_followers_min must be > 0 and <= celebrity_followers_max");
  prob(micro_fraction, "micro_fraction");
  if (micro_followers_min < 1 || micro_followers_min > micro_followers_max)
    fail("micro_followers_min must be >= 1 and <= micro_followers_max");
  prob(micro_outside_share, "micro_outside_share");
  prob(micro_follow_back, "micro_follow_back");
  prob(broker_fraction, "broker_fraction");
  if (micro_fraction + broker_fraction > 0.2) fail("micro_fraction + broker_fraction may be at most 0.2");
  if (celebrities > people / 100) fail("celebrities may be at most 1% of people");
  if (broker_communities_min < 2 || broker_communities_min > broker_communities_max)
    fail("broker_communities_min must be >= 2 and <= broker_communities_max");
  prob(region_friend_probability, "region_friend_probability");
  prob(customer_fraction, "customer_fraction");
  prob(customer_concentration, "customer_concentration");
  if (customer_communities < 1) fail("customer_communities must be >= 1");
}

SocialNetwork social_network(const SocialNetworkOptions& opts, RunContext& ctx) {
  opts.validate();
  return Generator(opts).run(ctx);
}

}  // namespace peerscout::datasets
