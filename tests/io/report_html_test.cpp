// The HTML report: structure (one table row per shortlist entry, escaping, inline SVG, no URLs,
// no scripts), log bins, deterministic output, atomic writing; and a real headless Chromium
// rendering (screenshot decoded here and checked for content, no console messages), with negative
// controls showing that both checks can fail.
#include <catch2/catch.hpp>

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "io/report/report_html.hpp"
#include "tests/support/files.hpp"
#include "tests/support/process.hpp"

using namespace peerscout;
using namespace peerscout::io;

namespace {

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

const std::string kEvil = "<script>alert(1)</script>&\"'";
const std::string kEvilEscaped = "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;";

ReportData sample(std::size_t rows = 7) {
  ReportData d;
  d.title = "Campaign for " + kEvil;
  d.summary = {"50,000 people, 1,412,345 follows", "Leiden on the trust layer: 62 communities", "seed 42, " + kEvil};
  for (std::size_t i = 0; i < rows; ++i) {
    ReportRow r;
    r.name = i == 0 ? kEvil : "@person_" + std::to_string(i);
    r.score = 0.9 - 0.1 * static_cast<double>(i);
    r.labels = {i % 2 ? "broker" : "micro-influencer"};
    if (i == 3) r.labels.push_back("celebrity");
    r.community = std::to_string(i % 3);
    r.followers = static_cast<std::int64_t>(100 * (i + 1));
    r.reasons = {"top 1% PageRank inside community 12: 2,340 people, 81% region north",
                 "bridges communities 4, 9 and 15", "3 of your customers follow them"};
    if (i == 0) r.reasons.push_back("quote " + kEvil);
    d.shortlist.push_back(r);
  }
  for (int c = 0; c < 3; ++c)
    d.communities.push_back({std::to_string(c), static_cast<std::uint64_t>(1000 * (c + 1)), 0.01 * (c + 1),
                             {"81% region north", c == 0 ? kEvil : "60% topic cycling"}});
  std::vector<std::int64_t> followers;
  for (int i = 0; i < 5000; ++i) followers.push_back(static_cast<std::int64_t>(std::pow(1.0 + i % 97, 1.0 + (i % 5) * 0.5)));
  d.follower_histogram = log_histogram(followers);
  for (int k = 1; k <= 20; ++k) {
    const double s = 300.0 * std::log1p(k);
    d.spread.push_back({static_cast<double>(k), s, s * 0.95, s * 1.05});
  }
  d.spread_caption = "IC, weighted cascade, 95% confidence band " + kEvil;
  // Picture: 4 people, 3 communities.
  for (std::size_t i = 0; i < 4; ++i)
    d.nodes.push_back({i == 0 ? kEvil : "@person_" + std::to_string(i), false, 0.9 - 0.1 * static_cast<double>(i)});
  for (int c = 0; c < 3; ++c) d.nodes.push_back({"community " + std::to_string(c), true, 1000.0 * (c + 1)});
  d.edges = {{0, 4, 10}, {0, 5, 3}, {1, 6, 7}, {2, 4, 2}, {2, 5, 2}, {2, 6, 2}, {6, 3, 5}};  // last: community -> person
  return d;
}

// ---- a minimal PNG decoder (8-bit RGB / RGBA, non-interlaced: what Chromium writes) -------------

struct Image {
  std::uint32_t width = 0, height = 0;
  std::vector<std::uint8_t> rgb;  // 3 bytes per pixel
};

std::uint32_t be32(const std::string& s, std::size_t p) {
  return (std::uint32_t(std::uint8_t(s[p])) << 24) | (std::uint32_t(std::uint8_t(s[p + 1])) << 16) |
         (std::uint32_t(std::uint8_t(s[p + 2])) << 8) | std::uint32_t(std::uint8_t(s[p + 3]));
}

bool decode_png(const std::string& file, Image& img, std::string& why) {
  if (file.size() < 8 || file.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) {
    why = "not a PNG";
    return false;
  }
  std::string idat;
  int depth = 0, color = 0, interlace = 0;
  for (std::size_t p = 8; p + 8 <= file.size();) {
    const std::uint32_t len = be32(file, p);
    const std::string type = file.substr(p + 4, 4);
    if (p + 12 + len > file.size()) break;
    const std::string data = file.substr(p + 8, len);
    if (type == "IHDR") {
      img.width = be32(data, 0);
      img.height = be32(data, 4);
      depth = std::uint8_t(data[8]);
      color = std::uint8_t(data[9]);
      interlace = std::uint8_t(data[12]);
    } else if (type == "IDAT") {
      idat += data;
    }
    p += 12 + len;
  }
  if (depth != 8 || (color != 2 && color != 6) || interlace != 0) {
    why = "unsupported PNG format (depth " + std::to_string(depth) + ", color type " + std::to_string(color) + ")";
    return false;
  }
  const std::size_t bpp = color == 6 ? 4 : 3;
  const std::size_t stride = img.width * bpp;
  std::vector<std::uint8_t> raw((stride + 1) * img.height);
  uLongf raw_len = static_cast<uLongf>(raw.size());
  if (uncompress(raw.data(), &raw_len, reinterpret_cast<const Bytef*>(idat.data()), static_cast<uLong>(idat.size())) !=
          Z_OK ||
      raw_len != raw.size()) {
    why = "zlib could not inflate the image data";
    return false;
  }
  std::vector<std::uint8_t> prev(stride, 0), cur(stride);
  img.rgb = std::vector<std::uint8_t>(std::size_t{img.width} * img.height * 3, 0);
  for (std::uint32_t y = 0; y < img.height; ++y) {
    const std::uint8_t* line = raw.data() + y * (stride + 1);
    const int filter = line[0];
    for (std::size_t i = 0; i < stride; ++i) {
      const int a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      int x = line[1 + i];
      switch (filter) {
        case 0: break;
        case 1: x += a; break;
        case 2: x += b; break;
        case 3: x += (a + b) / 2; break;
        case 4: {
          const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
          x += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: why = "bad PNG filter " + std::to_string(filter); return false;
      }
      cur[i] = static_cast<std::uint8_t>(x & 0xff);
    }
    for (std::uint32_t xq = 0; xq < img.width; ++xq)
      for (int k = 0; k < 3; ++k) img.rgb[(std::size_t{y} * img.width + xq) * 3 + k] = cur[xq * bpp + k];
    std::swap(prev, cur);
  }
  return true;
}

struct PixelStats {
  double non_background = 0;   // share of pixels differing from the most common colour
  double luminance_sd = 0;     // standard deviation of the luminance, 0..255
  std::size_t colours = 0;     // distinct colours (capped scan)
};

PixelStats pixel_stats(const Image& img) {
  PixelStats s;
  const std::size_t n = std::size_t{img.width} * img.height;
  if (n == 0) return s;
  std::vector<std::uint32_t> px(n);
  double sum = 0, sq = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto r = img.rgb[i * 3], g = img.rgb[i * 3 + 1], b = img.rgb[i * 3 + 2];
    px[i] = (std::uint32_t(r) << 16) | (std::uint32_t(g) << 8) | b;
    const double l = 0.299 * r + 0.587 * g + 0.114 * b;
    sum += l;
    sq += l * l;
  }
  const double mean = sum / static_cast<double>(n);
  s.luminance_sd = std::sqrt(std::max(0.0, sq / static_cast<double>(n) - mean * mean));
  std::vector<std::uint32_t> sorted = px;
  std::sort(sorted.begin(), sorted.end());
  std::size_t best = 0, run = 0;
  for (std::size_t i = 0; i < n; ++i) {
    run = (i > 0 && sorted[i] == sorted[i - 1]) ? run + 1 : 1;
    if (run == 1) ++s.colours;
    best = std::max(best, run);
  }
  s.non_background = 1.0 - static_cast<double>(best) / static_cast<double>(n);
  return s;
}

bool looks_blank(const PixelStats& s) { return s.non_background < 0.02 || s.luminance_sd < 5.0 || s.colours < 16; }

// "CONSOLE" lines of Chromium's log: the page printed to the console (our report has no script,
// so there must be none).
std::vector<std::string> console_lines(const std::string& log) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < log.size()) {
    std::size_t end = log.find('\n', start);
    if (end == std::string::npos) end = log.size();
    const std::string line = log.substr(start, end - start);
    if (line.find("CONSOLE") != std::string::npos) out.push_back(line);
    start = end + 1;
  }
  return out;
}

struct Rendered {
  bool ok = false;
  std::string why, log, dom;
  PixelStats stats;
};

Rendered render_in_chromium(const std::string& chromium, const std::filesystem::path& html,
                            const std::filesystem::path& png, bool dump_dom = false) {
  Rendered r;
  const std::string url = "file://" + std::filesystem::absolute(html).string();
  const auto shot = test::run_process({"/usr/bin/timeout", "120", chromium, "--headless", "--disable-gpu", "--no-sandbox",
                                       "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                                       "--screenshot=" + png.string(), "--window-size=1200,2000", url});
  r.log = shot.err;
  if (shot.exit_code != 0 || !std::filesystem::exists(png)) {
    r.why = "chromium failed (exit " + std::to_string(shot.exit_code) + "): " + shot.err.substr(0, 2000);
    return r;
  }
  Image img;
  if (!decode_png(test::read_file(png), img, r.why)) return r;
  if (img.width != 1200 || img.height != 2000) {
    r.why = "screenshot is " + std::to_string(img.width) + "x" + std::to_string(img.height);
    return r;
  }
  r.stats = pixel_stats(img);
  r.ok = true;
  if (!dump_dom) return r;
  const auto dom = test::run_process({"/usr/bin/timeout", "120", chromium, "--headless", "--disable-gpu", "--no-sandbox",
                                      "--enable-logging=stderr", "--v=0", "--dump-dom", url});
  r.dom = dom.out;
  r.log += dom.err;
  return r;
}

}  // namespace

TEST_CASE("report: structure, escaping and self-containment", "[report]") {
  const ReportData d = sample(7);
  const std::string h = render_report_html(d);
  CHECK(h.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(count(h, "<tr class=\"entry\">") == d.shortlist.size());
  CHECK(count(h, "<tr class=\"community\">") == d.communities.size());
  // Every user string is escaped: the raw text never appears, the escaped one does.
  CHECK(h.find(kEvil) == std::string::npos);
  CHECK(h.find("<script") == std::string::npos);  // and there is no script of our own either
  CHECK(count(h, kEvilEscaped) >= 6);  // title (x2), summary, name (table + picture), reason, profile, caption
  CHECK(h.find("<title>Campaign for " + kEvilEscaped + "</title>") != std::string::npos);
  // Inline SVG charts: picture, histogram, spread.
  CHECK(count(h, "<svg ") == 3);
  CHECK(count(h, "<rect class=\"bin\"") == d.follower_histogram.size());
  CHECK(count(h, "<path class=\"edge\"") == d.edges.size());
  CHECK(count(h, "<circle class=\"person\"") == 4);
  CHECK(count(h, "<circle class=\"community\"") == 3);
  CHECK(count(h, "<polygon class=\"ci\"") == 1);
  // No URL of any kind: nothing to fetch, works offline.
  CHECK(h.find("http") == std::string::npos);
  CHECK(h.find("url(") == std::string::npos);
  CHECK(h.find("src=") == std::string::npos);
  CHECK(h.find("@import") == std::string::npos);
  // Reasons and labels are in the table.
  CHECK(h.find("<li>bridges communities 4, 9 and 15</li>") != std::string::npos);
  CHECK(count(h, "<span class=\"label broker\">broker</span>") == 3);
  CHECK(h.find("<td class=\"num\">700</td>") != std::string::npos);  // followers of row 7
  CHECK(h.find(">1k-2k</text>") != std::string::npos);  // histogram axis: bin [1024, 2047], compact
  // Deterministic.
  CHECK(render_report_html(d) == h);
}

TEST_CASE("report: empty parts and bad pictures", "[report]") {
  ReportData d;
  d.title = "empty";
  const std::string h = render_report_html(d);
  CHECK(count(h, "<tr class=\"entry\">") == 0);
  CHECK(h.find("Nobody passed the filters.") != std::string::npos);
  CHECK(h.find("No spread curve in this run") != std::string::npos);
  CHECK(h.find("No follower counts.") != std::string::npos);
  CHECK(count(h, "<svg ") == 0);
  ReportData bad = sample(3);
  bad.edges.push_back({0, 1, 1});  // two people
  CHECK_THROWS_WITH(render_report_html(bad), Catch::Contains("one person and one community"));
  bad.edges.back() = {0, 99, 1};
  CHECK_THROWS_AS(render_report_html(bad), InvalidArgument);
  // A spread curve without confidence intervals: no band, still a line.
  ReportData s = sample(2);
  for (auto& p : s.spread) p.lo = p.hi = std::nan("");
  const std::string hs = render_report_html(s);
  CHECK(count(hs, "class=\"ci\"") == 0);
  CHECK(count(hs, "<polyline") == 1);
}

TEST_CASE("report: html_escape and log_histogram", "[report]") {
  CHECK(html_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(html_escape("Zoë 東京") == "Zoë 東京");  // UTF-8 passes through
  const std::vector<std::int64_t> f = {0, 0, 1, 2, 3, 4, 7, 8, 100, -5};
  const auto bins = log_histogram(f);
  // {0}, {1}, [2,3], [4,7], [8,15], [16,31], [32,63], [64,127]
  REQUIRE(bins.size() == 8);
  CHECK(bins[0].lo == 0);
  CHECK(bins[0].hi == 0);
  CHECK(bins[0].count == 2);
  CHECK(bins[1].count == 1);
  CHECK(bins[2].lo == 2);
  CHECK(bins[2].hi == 3);
  CHECK(bins[2].count == 2);
  CHECK(bins[3].count == 2);
  CHECK(bins[4].count == 1);
  CHECK(bins[5].count == 0);
  CHECK(bins[7].lo == 64);
  CHECK(bins[7].hi == 127);
  CHECK(bins[7].count == 1);
  std::uint64_t total = 0;
  for (const auto& b : bins) total += b.count;
  CHECK(total == 9);  // the negative count is ignored
  CHECK(log_histogram(std::vector<std::int64_t>{}).empty());
  const auto big = log_histogram(std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::max()});
  CHECK(big.size() == 64);
  CHECK(big.back().hi == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("report: written atomically", "[report]") {
  test::TempDir dir("report");
  const auto path = dir / "report.html";
  write_report_html(path, sample(3));
  CHECK(test::read_file(path) == render_report_html(sample(3)));
  CHECK(test::list_dir(dir.path()) == std::vector<std::string>{"report.html"});
  // A bad picture fails before anything is written; the old report stays.
  ReportData bad = sample(3);
  bad.edges.push_back({0, 1, 1});
  CHECK_THROWS_AS(write_report_html(path, bad), InvalidArgument);
  CHECK(test::read_file(path) == render_report_html(sample(3)));
  CHECK(test::list_dir(dir.path()) == std::vector<std::string>{"report.html"});
  CHECK_THROWS_AS(write_report_html(dir / "missing" / "report.html", sample(1)), OutputError);
}

TEST_CASE("report: renders in headless Chromium without console messages", "[report][chromium]") {
  const std::string script = std::string(PEERSCOUT_SOURCE_DIR) + "/scripts/ensure-chromium";
  const auto found = test::run_process({"/bin/bash", script});
  std::string chromium = found.out;
  while (!chromium.empty() && (chromium.back() == '\n' || chromium.back() == '\r')) chromium.pop_back();
  if (found.exit_code != 0 || chromium.empty()) {
    WARN("Chromium is not available (scripts/ensure-chromium: " + found.err +
         "); set PEERSCOUT_INSTALL_CHROMIUM=1 to install it: skipped");
    return;
  }
  test::TempDir dir("chromium");
  const auto html = dir / "report.html";
  write_report_html(html, sample(12));
  const auto r = render_in_chromium(chromium, html, dir / "report.png", /*dump_dom=*/true);
  INFO(r.why);
  REQUIRE(r.ok);
  INFO("pixels: non-background share " << r.stats.non_background << ", luminance sd " << r.stats.luminance_sd
                                       << ", colours " << r.stats.colours);
  CHECK_FALSE(looks_blank(r.stats));
  CHECK(console_lines(r.log).empty());
  // The browser parsed what we wrote: one row per entry, the escaped name shown as text.
  CHECK(count(r.dom, "<tr class=\"entry\">") == 12);
  CHECK(r.dom.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(count(r.dom, "<svg ") == 3);

  // Negative controls: a blank page is detected as blank, and a page that logs to the console is
  // caught, so the two checks above can fail.
  const auto blank = dir.write("blank.html", "<!DOCTYPE html><html><body></body></html>");
  const auto b = render_in_chromium(chromium, blank, dir / "blank.png");
  REQUIRE(b.ok);
  CHECK(looks_blank(b.stats));
  const auto noisy = dir.write("noisy.html", "<!DOCTYPE html><html><body><p>x</p><script>console.error('peerscout-marker')"
                                             "</script></body></html>");
  const auto n = render_in_chromium(chromium, noisy, dir / "noisy.png");
  REQUIRE(n.ok);
  const auto lines = console_lines(n.log);
  REQUIRE(lines.size() >= 1);
  CHECK(lines[0].find("peerscout-marker") != std::string::npos);
}
