#include "io/report/report_html.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>

#include "engine/error.hpp"
#include "io/atomic_output.hpp"

namespace peerscout::io {

namespace {

std::string num(double x, int digits) {
  if (!std::isfinite(x)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

std::string grouped(std::int64_t x) {
  const bool neg = x < 0;
  const std::string d = std::to_string(neg ? -static_cast<std::uint64_t>(x) : static_cast<std::uint64_t>(x));
  std::string out;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i > 0 && (d.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(d[i]);
  }
  return neg ? "-" + out : out;
}

std::string grouped(std::uint64_t x) { return grouped(static_cast<std::int64_t>(x)); }

// "1.0" -> "1", "2.50" -> "2.5".
std::string trim_zeros(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// Compact axis label: 950, 1.2k, 35k, 1.5M, 1k (not 1.0k).
std::string compact(double x) {
  const double a = std::abs(x);
  if (a >= 1e6) return trim_zeros(num(x / 1e6, a >= 1e7 ? 0 : 1)) + "M";
  if (a >= 1e3) return trim_zeros(num(x / 1e3, a >= 1e4 ? 0 : 1)) + "k";
  if (a == std::floor(a)) return num(x, 0);
  return trim_zeros(num(x, a >= 10 ? 0 : 1));
}

// Coordinates in SVG user units, one decimal.
std::string c(double x) { return num(x, 1); }

// A "nice" tick step (1, 2 or 5 times a power of ten) giving about `ticks` intervals over [0, max].
double nice_step(double max, int ticks) {
  if (!(max > 0)) return 1;
  const double raw = max / ticks;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= raw) return m * p;
  return 10 * p;
}

constexpr const char* kCss = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 0;
       background: #f6f7f9; color: #1f2933; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin: 8px 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 2px solid #d9dee5; padding-bottom: 4px; }
section { background: #fff; border-radius: 8px; padding: 12px 18px 16px; margin-bottom: 18px;
          box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08); }
ul.summary { margin: 4px 0; padding-left: 18px; color: #3e4c59; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th { text-align: left; background: #eef1f5; padding: 6px 8px; }
td { padding: 6px 8px; border-top: 1px solid #e4e7eb; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.name { font-weight: 600; }
td ul { margin: 0; padding-left: 16px; }
th.why { width: 46%; }
th.labels { width: 13%; }
span.label { display: inline-block; background: #e0ecff; color: #1d4ed8; border-radius: 10px; padding: 1px 8px;
             margin: 1px 2px; font-size: 12px; white-space: nowrap; }
span.label.broker { background: #fde8d7; color: #9a3412; }
span.label.celebrity { background: #f3e8ff; color: #6b21a8; }
span.label.trusted { background: #dcfce7; color: #166534; }
div.bar { background: #dbe4ff; height: 8px; border-radius: 4px; }
div.bar > div { background: #3b5bdb; height: 8px; border-radius: 4px; }
svg { width: 100%; height: auto; display: block; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; fill: #1f2933; }
p.note { color: #616e7c; font-size: 13px; margin: 6px 0; }
footer { color: #7b8794; font-size: 12px; text-align: center; margin: 16px 0; }
)";

std::string label_class(const std::string& label) {
  if (label.find("broker") != std::string::npos || label.find("networker") != std::string::npos) return "label broker";
  if (label.find("celebrity") != std::string::npos) return "label celebrity";
  if (label.find("trusted") != std::string::npos) return "label trusted";
  return "label";
}

void shortlist_table(std::string& h, const ReportData& d) {
  h += "<section id=\"shortlist\">\n<h2>Shortlist</h2>\n";
  if (d.shortlist.empty()) {
    h += "<p class=\"note\">Nobody passed the filters.</p>\n</section>\n";
    return;
  }
  h += "<table>\n<thead><tr><th>#</th><th>person</th><th>score</th><th class=\"labels\">labels</th><th>community</th>"
       "<th>followers</th><th class=\"why\">why</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < d.shortlist.size(); ++i) {
    const auto& r = d.shortlist[i];
    const double pct = std::clamp(std::isfinite(r.score) ? r.score : 0.0, 0.0, 1.0) * 100.0;
    h += "<tr class=\"entry\"><td class=\"num\">" + std::to_string(i + 1) + "</td><td class=\"name\">" +
         html_escape(r.name) + "</td><td class=\"num\">" + num(r.score, 3) + "<div class=\"bar\"><div style=\"width:" +
         num(pct, 1) + "%\"></div></div></td><td>";
    for (const auto& l : r.labels) h += "<span class=\"" + label_class(l) + "\">" + html_escape(l) + "</span>";
    h += "</td><td>" + html_escape(r.community) + "</td><td class=\"num\">" +
         (r.followers >= 0 ? grouped(r.followers) : std::string("-")) + "</td><td><ul>";
    for (const auto& s : r.reasons) h += "<li>" + html_escape(s) + "</li>";
    h += "</ul></td></tr>\n";
  }
  h += "</tbody>\n</table>\n</section>\n";
}

void communities_table(std::string& h, const ReportData& d) {
  if (d.communities.empty()) return;
  h += "<section id=\"communities\">\n<h2>Communities</h2>\n<table>\n<thead><tr><th>community</th><th>members</th>"
       "<th>density</th><th>profile</th></tr></thead>\n<tbody>\n";
  for (const auto& cm : d.communities) {
    h += "<tr class=\"community\"><td class=\"name\">" + html_escape(cm.name) + "</td><td class=\"num\">" +
         grouped(cm.size) + "</td><td class=\"num\">" + num(cm.density, 4) + "</td><td>";
    for (std::size_t i = 0; i < cm.profile.size(); ++i) h += (i ? ", " : "") + html_escape(cm.profile[i]);
    h += "</td></tr>\n";
  }
  h += "</tbody>\n</table>\n</section>\n";
}

// Bars on log bins, heights on a log scale (log10(1 + count)) so that the heavy tail stays visible.
void histogram_svg(std::string& h, const ReportData& d) {
  h += "<section id=\"followers\">\n<h2>Follower counts</h2>\n";
  const auto& bins = d.follower_histogram;
  if (bins.empty()) {
    h += "<p class=\"note\">No follower counts.</p>\n</section>\n";
    return;
  }
  const double W = 1000, H = 320, left = 70, right = 20, top = 20, bottom = 70;
  const double pw = W - left - right, ph = H - top - bottom;
  std::uint64_t max_count = 0;
  for (const auto& b : bins) max_count = std::max(max_count, b.count);
  const double ymax = std::log10(1.0 + static_cast<double>(std::max<std::uint64_t>(max_count, 1)));
  auto y_of = [&](double count) { return top + ph - ph * std::log10(1.0 + count) / ymax; };
  h += "<svg class=\"chart histogram\" viewBox=\"0 0 " + c(W) + " " + c(H) + "\" role=\"img\" aria-label=\"" +
       html_escape(d.histogram_caption) + "\">\n";
  // Gridlines at 1, 10, 100, ...
  for (double t = 1; t <= static_cast<double>(max_count); t *= 10) {
    const double y = y_of(t);
    h += "<line x1=\"" + c(left) + "\" y1=\"" + c(y) + "\" x2=\"" + c(W - right) + "\" y2=\"" + c(y) +
         "\" stroke=\"#e4e7eb\"/><text x=\"" + c(left - 8) + "\" y=\"" + c(y + 4) +
         "\" font-size=\"12\" text-anchor=\"end\">" + compact(t) + "</text>\n";
  }
  const double bw = pw / static_cast<double>(bins.size());
  for (std::size_t i = 0; i < bins.size(); ++i) {
    const auto& b = bins[i];
    const double x = left + bw * static_cast<double>(i);
    const double y = y_of(static_cast<double>(b.count));
    const std::string range = b.lo == b.hi ? compact(static_cast<double>(b.lo))
                                           : compact(static_cast<double>(b.lo)) + "-" + compact(static_cast<double>(b.hi));
    h += "<rect class=\"bin\" x=\"" + c(x + bw * 0.08) + "\" y=\"" + c(y) + "\" width=\"" + c(bw * 0.84) +
         "\" height=\"" + c(top + ph - y) + "\" fill=\"#4c6ef5\"><title>" + range + ": " + grouped(b.count) +
         " people</title></rect>\n";
    h += "<text x=\"" + c(x + bw / 2) + "\" y=\"" + c(top + ph + 14) + "\" font-size=\"11\" text-anchor=\"end\" "
         "transform=\"rotate(-40 " + c(x + bw / 2) + " " + c(top + ph + 14) + ")\">" + range + "</text>\n";
  }
  h += "<line x1=\"" + c(left) + "\" y1=\"" + c(top + ph) + "\" x2=\"" + c(W - right) + "\" y2=\"" + c(top + ph) +
       "\" stroke=\"#52606d\"/>\n";
  h += "<text x=\"" + c(left + pw / 2) + "\" y=\"" + c(H - 6) + "\" font-size=\"13\" text-anchor=\"middle\">" +
       html_escape(d.histogram_caption) + " (logarithmic bins)</text>\n";
  h += "<text x=\"16\" y=\"" + c(top + ph / 2) + "\" font-size=\"13\" text-anchor=\"middle\" transform=\"rotate(-90 16 " +
       c(top + ph / 2) + ")\">people (log scale)</text>\n</svg>\n</section>\n";
}

void spread_svg(std::string& h, const ReportData& d) {
  h += "<section id=\"spread\">\n<h2>Expected spread</h2>\n";
  const auto& pts = d.spread;
  if (pts.empty()) {
    h += "<p class=\"note\">No spread curve in this run (influence maximization was not run).</p>\n</section>\n";
    return;
  }
  const double W = 1000, H = 340, left = 80, right = 30, top = 20, bottom = 55;
  const double pw = W - left - right, ph = H - top - bottom;
  double kmax = 0, ymax = 0;
  for (const auto& p : pts) {
    kmax = std::max(kmax, p.k);
    ymax = std::max(ymax, p.spread);
    if (std::isfinite(p.hi)) ymax = std::max(ymax, p.hi);
  }
  if (!(kmax > 0)) kmax = 1;
  if (!(ymax > 0)) ymax = 1;
  const double xs = nice_step(kmax, 8), ys = nice_step(ymax, 5);
  kmax = std::ceil(kmax / xs) * xs;
  ymax = std::ceil(ymax / ys) * ys;
  auto X = [&](double k) { return left + pw * k / kmax; };
  auto Y = [&](double v) { return top + ph - ph * std::clamp(v, 0.0, ymax) / ymax; };
  h += "<svg class=\"chart spread\" viewBox=\"0 0 " + c(W) + " " + c(H) + "\" role=\"img\" aria-label=\"spread\">\n";
  for (double t = 0; t <= ymax + ys / 2; t += ys)
    h += "<line x1=\"" + c(left) + "\" y1=\"" + c(Y(t)) + "\" x2=\"" + c(W - right) + "\" y2=\"" + c(Y(t)) +
         "\" stroke=\"#e4e7eb\"/><text x=\"" + c(left - 8) + "\" y=\"" + c(Y(t) + 4) +
         "\" font-size=\"12\" text-anchor=\"end\">" + compact(t) + "</text>\n";
  for (double t = 0; t <= kmax + xs / 2; t += xs)
    h += "<text x=\"" + c(X(t)) + "\" y=\"" + c(top + ph + 18) + "\" font-size=\"12\" text-anchor=\"middle\">" +
         compact(t) + "</text>\n";
  // Confidence band over the points that have one.
  std::vector<const SpreadPoint*> band;
  for (const auto& p : pts)
    if (std::isfinite(p.lo) && std::isfinite(p.hi)) band.push_back(&p);
  if (band.size() >= 2) {
    std::string poly;
    for (const auto* p : band) poly += c(X(p->k)) + "," + c(Y(p->hi)) + " ";
    for (auto it = band.rbegin(); it != band.rend(); ++it) poly += c(X((*it)->k)) + "," + c(Y((*it)->lo)) + " ";
    poly.pop_back();
    h += "<polygon class=\"ci\" points=\"" + poly + "\" fill=\"#a5d8ff\" fill-opacity=\"0.6\" stroke=\"none\"/>\n";
  } else {
    for (const auto* p : band)
      h += "<line class=\"ci\" x1=\"" + c(X(p->k)) + "\" y1=\"" + c(Y(p->lo)) + "\" x2=\"" + c(X(p->k)) + "\" y2=\"" +
           c(Y(p->hi)) + "\" stroke=\"#74c0fc\" stroke-width=\"3\"/>\n";
  }
  std::string line;
  for (const auto& p : pts) line += c(X(p.k)) + "," + c(Y(p.spread)) + " ";
  line.pop_back();
  h += "<polyline points=\"" + line + "\" fill=\"none\" stroke=\"#1971c2\" stroke-width=\"2.5\"/>\n";
  for (const auto& p : pts)
    h += "<circle cx=\"" + c(X(p.k)) + "\" cy=\"" + c(Y(p.spread)) + "\" r=\"3.5\" fill=\"#1971c2\"><title>k = " +
         compact(p.k) + ": " + num(p.spread, 1) +
         (std::isfinite(p.lo) ? " [" + num(p.lo, 1) + ", " + num(p.hi, 1) + "]" : std::string()) +
         "</title></circle>\n";
  h += "<line x1=\"" + c(left) + "\" y1=\"" + c(top + ph) + "\" x2=\"" + c(W - right) + "\" y2=\"" + c(top + ph) +
       "\" stroke=\"#52606d\"/><line x1=\"" + c(left) + "\" y1=\"" + c(top) + "\" x2=\"" + c(left) + "\" y2=\"" +
       c(top + ph) + "\" stroke=\"#52606d\"/>\n";
  h += "<text x=\"" + c(left + pw / 2) + "\" y=\"" + c(H - 8) +
       "\" font-size=\"13\" text-anchor=\"middle\">seeds k</text>\n";
  h += "<text x=\"18\" y=\"" + c(top + ph / 2) + "\" font-size=\"13\" text-anchor=\"middle\" transform=\"rotate(-90 18 " +
       c(top + ph / 2) + ")\">people reached (expected)</text>\n</svg>\n";
  if (!d.spread_caption.empty()) h += "<p class=\"note\">" + html_escape(d.spread_caption) + "</p>\n";
  h += "</section>\n";
}

// Two columns: people (rank order) left, communities right, ordered by the weighted mean row of
// the people tied to them (barycentre heuristic: few crossings), ties by their input order.
void picture_svg(std::string& h, const ReportData& d) {
  if (d.nodes.empty()) return;
  std::vector<std::size_t> people, comms;
  for (std::size_t i = 0; i < d.nodes.size(); ++i) (d.nodes[i].community ? comms : people).push_back(i);
  std::vector<double> row(d.nodes.size(), 0.0);
  for (std::size_t i = 0; i < people.size(); ++i) row[people[i]] = static_cast<double>(i);
  std::vector<double> wsum(d.nodes.size(), 0.0), bary(d.nodes.size(), 0.0);
  for (const auto& e : d.edges) {
    const std::size_t p = d.nodes[e.from].community ? e.to : e.from;
    const std::size_t q = d.nodes[e.from].community ? e.from : e.to;
    const double w = std::max(e.weight, 1e-12);
    wsum[q] += w;
    bary[q] += w * row[p];
  }
  std::vector<std::size_t> order(comms.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto key = [&](std::size_t i) {
    const std::size_t q = comms[i];
    return wsum[q] > 0 ? bary[q] / wsum[q] : 1e300;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  for (std::size_t i = 0; i < order.size(); ++i) row[comms[order[i]]] = static_cast<double>(i);

  const double W = 1000, top = 30, step = 38;
  const std::size_t rows = std::max<std::size_t>({people.size(), comms.size(), 1});
  const double H = top * 2 + step * static_cast<double>(rows - 1) + 20;
  const double xp = 330, xc = 670;
  auto y_of = [&](std::size_t node) {
    const auto count = static_cast<double>((d.nodes[node].community ? comms : people).size());
    const double span = step * static_cast<double>(rows - 1);
    return top + (count > 1 ? span * row[node] / (count - 1) : span / 2);
  };
  double pmax = 0, cmax = 0, wmax = 0;
  for (std::size_t i : people) pmax = std::max(pmax, d.nodes[i].size);
  for (std::size_t i : comms) cmax = std::max(cmax, d.nodes[i].size);
  for (const auto& e : d.edges) wmax = std::max(wmax, e.weight);
  auto radius = [&](std::size_t i) {
    const bool cm = d.nodes[i].community;
    const double m = cm ? cmax : pmax;
    const double s = m > 0 ? std::sqrt(std::max(0.0, d.nodes[i].size) / m) : 0.5;
    return cm ? 7 + 12 * s : 5 + 8 * s;
  };
  h += "<section id=\"picture\">\n<h2>Top recommenders and the communities they reach</h2>\n";
  h += "<svg class=\"chart picture\" viewBox=\"0 0 " + c(W) + " " + c(H) + "\" role=\"img\" aria-label=\"recommenders\">\n";
  for (const auto& e : d.edges) {
    const std::size_t p = d.nodes[e.from].community ? e.to : e.from;
    const std::size_t q = d.nodes[e.from].community ? e.from : e.to;
    const double x1 = xp + radius(p), y1 = y_of(p), x2 = xc - radius(q), y2 = y_of(q);
    const double width = 1 + 7 * (wmax > 0 ? std::max(0.0, e.weight) / wmax : 0.0);
    h += "<path class=\"edge\" d=\"M" + c(x1) + "," + c(y1) + " C" + c((x1 + x2) / 2) + "," + c(y1) + " " +
         c((x1 + x2) / 2) + "," + c(y2) + " " + c(x2) + "," + c(y2) + "\" fill=\"none\" stroke=\"#91a7ff\" stroke-opacity=\"0.7\" "
         "stroke-width=\"" + c(width) + "\"><title>" + html_escape(d.nodes[p].label) + " - " +
         html_escape(d.nodes[q].label) + ": " + num(e.weight, 1) + "</title></path>\n";
  }
  for (std::size_t i : people)
    h += "<circle class=\"person\" cx=\"" + c(xp) + "\" cy=\"" + c(y_of(i)) + "\" r=\"" + c(radius(i)) +
         "\" fill=\"#f76707\"/><text x=\"" + c(xp - radius(i) - 8) + "\" y=\"" + c(y_of(i) + 4) +
         "\" font-size=\"13\" text-anchor=\"end\">" + html_escape(d.nodes[i].label) + "</text>\n";
  for (std::size_t i : comms)
    h += "<circle class=\"community\" cx=\"" + c(xc) + "\" cy=\"" + c(y_of(i)) + "\" r=\"" + c(radius(i)) +
         "\" fill=\"#37b24d\"/><text x=\"" + c(xc + radius(i) + 8) + "\" y=\"" + c(y_of(i) + 4) +
         "\" font-size=\"13\">" + html_escape(d.nodes[i].label) + " (" + grouped(static_cast<std::int64_t>(std::llround(d.nodes[i].size))) +
         ")</text>\n";
  h += "</svg>\n<p class=\"note\">Left: recommenders in shortlist order (orange); right: communities (green, size ~ "
       "members). Line width ~ ties into the community.</p>\n</section>\n";
}

}  // namespace

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (const char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(ch);
    }
  }
  return out;
}

std::vector<HistogramBin> log_histogram(std::span<const std::int64_t> counts) {
  std::int64_t max = -1;
  for (const std::int64_t x : counts) max = std::max(max, x);
  std::vector<HistogramBin> bins;
  if (max < 0) return bins;
  // Bin 0 = {0}, bin j >= 1 = [2^(j-1), 2^j - 1].
  auto bin_of = [](std::int64_t x) -> std::size_t {
    std::size_t j = 0;
    for (auto u = static_cast<std::uint64_t>(x); u > 0; u >>= 1) ++j;
    return j;
  };
  const std::size_t nb = bin_of(max) + 1;
  bins.resize(nb);
  bins[0] = {0, 0, 0};
  for (std::size_t j = 1; j < nb; ++j) {
    const auto lo = static_cast<std::int64_t>(std::uint64_t{1} << (j - 1));
    bins[j] = {lo, j == 63 ? std::numeric_limits<std::int64_t>::max() : 2 * lo - 1, 0};
  }
  for (const std::int64_t x : counts)
    if (x >= 0) ++bins[bin_of(x)].count;
  return bins;
}

std::string render_report_html(const ReportData& d) {
  for (const auto& e : d.edges) {
    if (e.from >= d.nodes.size() || e.to >= d.nodes.size())
      throw InvalidArgument("report: edge " + std::to_string(e.from) + " - " + std::to_string(e.to) +
                            " refers to a node beyond the " + std::to_string(d.nodes.size()) + " nodes");
    if (d.nodes[e.from].community == d.nodes[e.to].community)
      throw InvalidArgument("report: edge " + std::to_string(e.from) + " - " + std::to_string(e.to) +
                            " must join one person and one community");
  }
  std::string h;
  h.reserve(65536);
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
       html_escape(d.title) + "</title>\n<style>" + kCss + "</style>\n</head>\n<body>\n<main>\n";
  h += "<h1>" + html_escape(d.title) + "</h1>\n";
  if (!d.summary.empty()) {
    h += "<section id=\"summary\">\n<ul class=\"summary\">\n";
    for (const auto& s : d.summary) h += "<li>" + html_escape(s) + "</li>\n";
    h += "</ul>\n</section>\n";
  }
  shortlist_table(h, d);
  picture_svg(h, d);
  communities_table(h, d);
  histogram_svg(h, d);
  spread_svg(h, d);
  h += "<footer>Generated by peerscout. Scores, labels and reasons are defined in docs/roles.md.</footer>\n"
       "</main>\n</body>\n</html>\n";
  return h;
}

void write_report_html(const std::filesystem::path& path, const ReportData& data) {
  const std::string html = render_report_html(data);
  AtomicOutput out(path);
  {
    std::ofstream f(out.temp_path(), std::ios::binary);
    if (!f) throw OutputError(path.string() + ": cannot open for writing");
    f.write(html.data(), static_cast<std::streamsize>(html.size()));
    f.flush();
    if (!f) throw OutputError(path.string() + ": write failed");
  }
  out.commit();
}

}  // namespace peerscout::io
