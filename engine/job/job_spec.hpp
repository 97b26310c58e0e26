#pragma once
/// JobSpec: everything a run needs, from CLI flags or a TOML job file (docs/job_file.md,
/// docs/cli.md). One place for defaults; validate() checks combinations.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "algorithms/centrality/kcore.hpp"
#include "algorithms/centrality/pagerank.hpp"
#include "algorithms/community/quality.hpp"
#include "algorithms/influence/diffusion.hpp"
#include "engine/symmetrize.hpp"
#include "engine/csr_builder.hpp"
#include "engine/layered_graph.hpp"
#include "io/graph_ingest.hpp"

namespace peerscout::job {

/// How a layer's edges become a graph: directed follows/interactions, undirected friends.
struct LayerBuild {
  SelfLoops self_loops = SelfLoops::kDrop;
  Duplicates duplicates = Duplicates::kSumWeights;
};

struct EdgeInput {
  LayerKind layer = LayerKind::kFollows;
  std::filesystem::path path;
  io::EdgeFileOptions options;
  bool auto_columns = true;  ///< CLI inputs: pick source/target/weight/type columns from the header
};

struct NodeInput {
  std::filesystem::path path;
  io::NodeFileOptions options;
};

/// With no input files, `analyze` generates the demo network (datasets/generators/social_network)
/// into `dir` and analyzes it.
struct DemoSpec {
  VertexId people = 50000;
  std::uint64_t seed = 42;
  std::filesystem::path dir;  ///< default: <directory of out>/demo-network
};

/// Community detection settings (`leiden`, `louvain`, `label_propagation`; docs/job_file.md).
struct CommunitySpec {
  community::Objective objective = community::Objective::kModularity;
  double resolution = 1.0;
  double randomness = 0.01;        ///< Leiden refinement randomness
  int runs = 3;                    ///< seeds per method: the best by quality is kept, stability reported
  std::vector<LayerKind> layers;   ///< empty: trust when present, else every layer present
  SymmetrizeWeights symmetrize = SymmetrizeWeights::kSum;  ///< directed layers -> undirected
  std::size_t top_members = 5;     ///< per community, by within-community PageRank
  void validate() const;
};

/// Influence maximization settings (`imm`, `opim`; docs/job_file.md).
struct InfluenceSpec {
  std::size_t k = 50;                  ///< seeds
  double epsilon = 0.1;                ///< approximation slack (IMM: 1 - 1/e - epsilon)
  double ell = 1.0;                    ///< failure probability n^-ell
  influence::Model model = influence::Model::kIndependentCascade;
  std::string probabilities = "wc";    ///< wc | constant:P | trivalency | interactions
  std::string audience;                ///< "" (everyone) | ATTR=VALUE | community=ID | community=LAYER/METHOD/ID | file:PATH
  std::optional<std::filesystem::path> exclude;  ///< handles never chosen as seeds
  double budget = 0;                   ///< > 0: budget mode, cost(v) = 1 + cost_per_follower x followers(v)
  double cost_per_follower = 0.001;
  std::uint64_t simulations = 1000;    ///< Monte Carlo runs for the reported spread of each seed set
  bool baselines = true;               ///< also estimate the heuristic seed sets' spread
  std::vector<LayerKind> layers;       ///< empty: follows (else the first directed layer)
  void validate() const;
};

/// Centrality settings beyond PageRank and coreness (issue 4 measures; docs/job_file.md [centrality]).
struct CentralitySpec {
  /// Layers for the path and structural-hole measures (betweenness, betweenness_approx, closeness,
  /// harmonic, clustering, constraint, effective_size): empty = trust if present, else every layer.
  std::vector<LayerKind> layers;
  bool use_weights = true;              ///< weighted layers, spectral measures and structural holes: weights as strengths
  bool path_weights = false;            ///< path measures: true = arc length 1/weight, false = hops (docs/job_file.md)
  std::string ppr_mode = "exact";       ///< personalized PageRank: exact | push
  double push_epsilon = 1e-7;           ///< forward-push residual threshold per unit out-weight
  double katz_alpha = 0.0;              ///< 0: automatic (0.9 / certified spectral-radius bound)
  double katz_beta = 1.0;
  double betweenness_epsilon = 0.01;    ///< betweenness_approx: absolute error of normalized scores
  double betweenness_delta = 0.1;       ///< ... with probability 1 - delta
  std::string closeness_mode = "auto";  ///< exact | sampled | auto (exact while n x arcs <= exact_work_limit)
  double closeness_epsilon = 0.01;      ///< sampled closeness / harmonic: error bar target
  double closeness_delta = 0.1;
  double exact_work_limit = 2e10;       ///< auto mode threshold on n x arcs
  std::size_t top_k = 0;                ///< > 0: also the exact top-k closeness / harmonic sets
  void validate() const;
};

/// The campaign shortlist and report (docs/roles.md; [shortlist] in docs/job_file.md).
struct ShortlistSpec {
  std::uint32_t max_per_community = 3;   ///< 0 = no cap
  bool coverage = false;                 ///< pick people whose audiences overlap least
  std::vector<std::string> filters;      ///< ATTR=VALUE, all must hold
  std::int64_t min_followers = -1;       ///< >= 0: follower-count band
  std::int64_t max_followers = -1;
  std::vector<std::string> roles;        ///< labels (micro_influencer, broker, celebrity, trusted_peer) or roles R1..R7
  bool exclude_customers = false;
  double weight_reach = 0.2, weight_trust = 0.3, weight_local = 0.3, weight_gain = 0.2;
  std::uint64_t rr_sets = 20000;         ///< RR sets behind the audience estimates
  std::optional<std::filesystem::path> report;  ///< default: report.html next to out
  bool write_report = true;
  void validate() const;
};

struct JobSpec {
  std::vector<EdgeInput> edges;
  std::vector<NodeInput> nodes;
  std::optional<DemoSpec> demo;          ///< set when the job asks for the demo network
  std::optional<std::filesystem::path> graph;  ///< a graph snapshot (peerscout import) instead of input files
  std::vector<std::string> analyses;     ///< empty: every analysis that applies
  std::vector<LayerKind> layers;         ///< empty: every layer present (+ trust)
  bool trust = true;                     ///< derive the trust layer when follows or friends exist
  LayerBuild build[kNumLayers];          ///< per layer
  int threads = 0;                       ///< 0: all cores (OMP_NUM_THREADS if set)
  std::uint64_t seed = 1;
  std::filesystem::path out = "peerscout.h5";
  std::optional<std::filesystem::path> shortlist;  ///< default: <directory of out>/shortlist.csv
  std::size_t top = 20;                  ///< shortlist length
  io::OnError on_error = io::OnError::kFail;
  centrality::PageRankOptions pagerank;
  centrality::CoreOptions coreness;
  CommunitySpec community;
  InfluenceSpec influence;
  CentralitySpec centrality;
  ShortlistSpec shortlist_options;
  std::optional<std::filesystem::path> customers;  ///< CRM export: handles, one per line
  bool resume = false;                   ///< reuse completed stages of the checkpoint / results file (resume.hpp)
  bool quiet = false;                    ///< no progress lines
  std::vector<std::string> argv;         ///< for provenance
  std::filesystem::path job_file;        ///< when loaded from a job file

  std::filesystem::path shortlist_path() const;
  std::filesystem::path report_path() const;
  /// Throws InvalidArgument naming the offending option.
  void validate() const;
};

/// Names accepted by --analyses / [run] analyses, in execution order.
const std::vector<std::string>& known_analyses();
/// The analyses run when none are named.
const std::vector<std::string>& default_analyses();
/// "modularity" / "cpm" (InvalidArgument otherwise) and back.
community::Objective parse_objective(std::string_view name);
std::string_view objective_name(community::Objective o);

/// Parses a TOML job file. Errors: InputError "job.toml:LINE: ..." (syntax, unknown key with a
/// suggestion, wrong type). Relative paths inside resolve against the job file's directory.
JobSpec load_job_file(const std::filesystem::path& file);

/// Closest known word within edit distance 2, for "did you mean" hints ("" if none).
std::string suggest(std::string_view word, const std::vector<std::string>& known);

}  // namespace peerscout::job
