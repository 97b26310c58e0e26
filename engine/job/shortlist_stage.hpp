#pragma once
/// The last pipeline stage: roles, marketing labels, the campaign shortlist and the report
/// (issue 6; docs/roles.md). It reads the results of the analyses run before it, from the
/// datasets they produced, so it uses whatever is there and names what is missing:
///   roles layer       the layer of the first community result (trust when present), Leiden before
///                     Louvain before label propagation
///   followers         /centrality/follows/in_degree (recomputed from the follows layer if absent)
///   reach             /centrality/follows/pagerank
///   trust             /centrality/<trust|follows>/personalized_pagerank (with --customers)
///   brokerage         /centrality/<roles layer>/betweenness_approx (or betweenness), constraint
///   coreness          /centrality/trust/coreness (trust fallback without customers)
///   influence         /influence/follows/imm (or opim): seeds and marginal gains
/// Outputs: /roles/<layer>/{z_score, participation, communities_reached, role, labels,
/// local_pagerank}, the /shortlist table, the shortlist CSV and (optionally) report.html.
#include <optional>
#include <string>
#include <vector>

#include "engine/job/job_spec.hpp"
#include "engine/layered_graph.hpp"
#include "engine/run_context.hpp"
#include "io/hdf5/results_writer.hpp"
#include "io/report/report_html.hpp"

namespace peerscout::job {

struct ShortlistStage {
  std::vector<io::Group> groups;
  std::vector<io::Dataset> datasets;   ///< /roles/... and /shortlist/...
  std::vector<NamedColumn> csv;        ///< shortlist.csv columns
  std::vector<NamedColumn> printed;    ///< the few columns printed on stdout
  io::ReportData report;
  std::string summary;                 ///< one progress line
};

/// Builds the stage from the earlier results; std::nullopt when no community result exists (the
/// shortlist then falls back to PageRank in pipeline.cpp).
std::optional<ShortlistStage> build_shortlist_stage(const LayeredGraph& lg, const JobSpec& spec,
                                                    const std::vector<io::Dataset>& datasets,
                                                    const std::vector<io::Group>& groups,
                                                    const std::vector<VertexId>& customers, RunContext& ctx);

}  // namespace peerscout::job
