#pragma once
/// The campaign report: one self-contained HTML file for campaign managers (docs/roles.md,
/// "Report").
///
/// Contents, in order: the title and the run summary lines; the shortlist as a table (rank, name,
/// score, labels, community, reasons as sentences); a picture of the top recommenders and the
/// communities they reach (two columns: people on the left in rank order, communities on the right
/// ordered by the mean row of the people tied to them, so edges cross little; edge width ~
/// weight); the communities table (size, density, profile); the follower-count histogram on
/// logarithmic bins; the expected spread against the number of seeds k with its confidence band
/// (left out, with a note, when there is no curve).
///
/// Self-contained: inline CSS and inline SVG only; no scripts, no external fonts, images or style
/// sheets, no URL at all (the SVG elements are inline HTML5 and need no namespace URL), so the file
/// opens offline and can be mailed as is. Every string from ReportData is HTML-escaped (& < > " ').
/// Numbers are formatted with the C locale. The output is a pure function of the data
/// (deterministic layout), so two runs with the same results give byte-identical reports.
///
/// Layering: io never sees algorithm types, so the pipeline (engine/job) fills ReportData from the
/// shortlist, the communities and the influence curve; io/report only lays them out.
/// Complexity: O(size of the data); the picture and the tables are meant for tens to hundreds of
/// rows (the caller chooses how many).
#include <cstdint>
#include <filesystem>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace peerscout::io {

struct ReportRow {                       ///< one shortlist entry
  std::string name = {};                 ///< handle or display name
  double score = 0;                      ///< shortlist score, in [0, 1]
  std::vector<std::string> labels = {};  ///< e.g. "micro-influencer", "broker"
  std::string community = {};            ///< community name or id as text ("" when unknown)
  std::int64_t followers = -1;           ///< shown when >= 0
  std::vector<std::string> reasons = {}; ///< one sentence each (roles::reason_text)
};

struct ReportCommunity {
  std::string name = {};                 ///< e.g. "12"
  std::uint64_t size = 0;                ///< members
  double density = 0;                    ///< internal edges / possible pairs, in [0, 1]
  std::vector<std::string> profile = {}; ///< e.g. "81% region north"
};

struct HistogramBin {
  std::int64_t lo = 0, hi = 0;  ///< inclusive follower-count range of the bin
  std::uint64_t count = 0;      ///< people in it
};

struct SpreadPoint {
  double k = 0;       ///< number of seeds
  double spread = 0;  ///< expected number of people reached
  double lo = std::numeric_limits<double>::quiet_NaN();  ///< confidence interval (NaN: none)
  double hi = std::numeric_limits<double>::quiet_NaN();
};

struct ReportNode {
  std::string label = {};  ///< person handle or community name
  bool community = false;  ///< false: a recommender (left column), true: a community (right)
  double size = 1;         ///< people: score or followers; communities: members (sets the radius)
};

struct ReportEdge {
  std::size_t from = 0, to = 0;  ///< indexes into ReportData::nodes (one person, one community)
  double weight = 1;             ///< e.g. ties into the community (sets the width)
};

struct ReportData {
  std::string title = "peerscout campaign report";
  std::vector<std::string> summary = {};        ///< run summary lines (input sizes, settings, timings)
  std::vector<ReportRow> shortlist = {};
  std::vector<ReportCommunity> communities = {};
  std::string histogram_caption = "followers per person";
  std::vector<HistogramBin> follower_histogram = {};
  std::vector<SpreadPoint> spread = {};         ///< may be empty
  std::string spread_caption = {};              ///< e.g. "IC, weighted cascade, 95% CI"
  std::vector<ReportNode> nodes = {};           ///< the picture (may be empty)
  std::vector<ReportEdge> edges = {};
};

/// Log bins of follower counts: {0}, {1}, [2, 3], [4, 7], ..., [2^j, 2^(j+1) - 1], up to the bin
/// of the largest count (empty bins in between are kept, so the axis is regular). Negative counts
/// are ignored. O(n).
std::vector<HistogramBin> log_histogram(std::span<const std::int64_t> counts);

/// "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" for & < > " '; everything else is copied.
std::string html_escape(std::string_view s);

/// The whole report as one HTML document. Throws InvalidArgument for an edge whose ends are out of
/// range or are not one person and one community.
std::string render_report_html(const ReportData& data);

/// Writes render_report_html(data) to `path` atomically (io/atomic_output.hpp): the file appears
/// complete or not at all. Throws OutputError when it cannot be written.
void write_report_html(const std::filesystem::path& path, const ReportData& data);

}  // namespace peerscout::io
