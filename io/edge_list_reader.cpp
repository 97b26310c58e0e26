#include "io/edge_list_reader.hpp"

#include <omp.h>
#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "io/detail/text.hpp"
#include "io/line_source.hpp"

namespace peerscout::io {

namespace {

using peerscout::detail::IdMapBuilder;
using peerscout::detail::kNumShards;
using peerscout::detail::kOverflow;
using peerscout::detail::kSmallLimit;

// A hashed handle waiting for its shard: token at block offset `offset`, `len` bytes (kBigFlag:
// canonical integer >= kSmallLimit), destined for edge slot `slot` (edge * 2 + side).
struct Pending {
  std::uint32_t offset;
  std::uint32_t len;
  std::uint32_t slot;
  std::uint32_t tag;  // low 32 bits of the hash (all the shard tables use)
};
constexpr std::uint32_t kBigFlag = 0x80000000u;

struct LocalError {
  std::uint64_t line;  // 1-based within the chunk
  std::string expected;
  std::string found;
};

struct Chunk {
  const char* begin = nullptr;
  const char* end = nullptr;
  std::vector<std::uint32_t> src, dst;
  std::vector<Weight> weight;
  std::array<std::vector<Pending>, kNumShards> pending;
  std::uint64_t lines = 0, skipped = 0;
  std::vector<LocalError> errors;
  std::uint32_t max_small = 0;
  bool any_small = false;
  bool any_pending = false;

  void reset(const char* b, const char* e) {
    begin = b;
    end = e;
    src.clear();
    dst.clear();
    weight.clear();
    if (any_pending) {
      for (auto& p : pending) p.clear();
    }
    lines = skipped = 0;
    errors.clear();
    max_small = 0;
    any_small = false;
    any_pending = false;
  }
};

// Everything decided from the options and the first line.
struct Layout {
  std::string file;
  char delim = ' ';
  std::size_t src_col = 0, dst_col = 1;
  std::optional<std::size_t> weight_col, type_col;
  std::size_t need = 2;
  const std::vector<std::pair<std::string, double>>* types = nullptr;
  std::string types_list;
  bool allow_negative = false;
  bool fail_fast = true;
  std::size_t max_errors = 5;
  bool weighted = false;
  bool fast = false;  // columns allow fast_line(): source/target in columns 1-2, weight (if any) in 3
};

inline bool canonical_value(std::string_view s, std::uint64_t& v) noexcept {
  const std::size_t n = s.size();
  if (n == 0 || n > 19) return false;
  if (s[0] == '0') {
    v = 0;
    return n == 1;
  }
  std::uint64_t x = 0;
  for (char c : s) {
    const unsigned d = static_cast<unsigned>(static_cast<unsigned char>(c)) - '0';
    if (d > 9) return false;
    x = x * 10 + d;
  }
  if ((x >> 63) != 0) return false;
  v = x;
  return true;
}

// A classified handle, not yet committed.
struct Handle {
  std::uint32_t code = 0;  // small integer value, when !hashed
  bool hashed = false;
  Pending pending{};
  unsigned shard = 0;
};



// SWAR digit scanning (8 bytes per step, no per-digit branch). LineSource pads its buffers so that
// 8-byte loads starting at or before a line's '\n' stay inside the allocation.
inline unsigned leading_digits(std::uint64_t chunk) noexcept {
  const std::uint64_t t = chunk ^ 0x3030303030303030ULL;  // digits -> 0..9
  // High bit set for every byte that is not 0..9; a carry only reaches bytes after the first one.
  const std::uint64_t nondigit = (t | (t + 0x7676767676767676ULL)) & 0x8080808080808080ULL;
  return nondigit == 0 ? 8u : static_cast<unsigned>(std::countr_zero(nondigit)) / 8;
}
// Value of the first len (1..8) ASCII digits of chunk (little-endian load).
inline std::uint64_t digits_value(std::uint64_t chunk, unsigned len) noexcept {
  std::uint64_t v = (chunk & 0x0F0F0F0F0F0F0F0FULL) << (8 * (8 - len));
  v = (v * 2561) >> 8;
  v = ((v & 0x00FF00FF00FF00FFULL) * 6553601) >> 16;
  return ((v & 0x0000FFFF0000FFFFULL) * 42949672960001ULL) >> 32;
}
inline std::uint64_t load8(const char* p) noexcept {
  std::uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}
constexpr std::uint64_t kPow10[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
// Number of leading digits at p (0 if none or more than 18) and their value.
inline unsigned scan_uint(const char* p, std::uint64_t& value) noexcept {
  const std::uint64_t c1 = load8(p);
  const unsigned n1 = leading_digits(c1);
  if (n1 == 0) return 0;
  value = digits_value(c1, n1);
  if (n1 < 8) return n1;
  const std::uint64_t c2 = load8(p + 8);
  const unsigned n2 = leading_digits(c2);
  if (n2 == 0) return 8;
  value = value * kPow10[n2] + digits_value(c2, n2);
  if (n2 < 8) return 8 + n2;
  const std::uint64_t c3 = load8(p + 16);
  const unsigned n3 = leading_digits(c3);
  if (n3 > 2) return 0;
  if (n3 > 0) value = value * kPow10[n3] + digits_value(c3, n3);
  return 16 + n3;
}

// Fast path for the common shape "INT SEP INT [SEP WEIGHT] [extra columns]" with canonical integers
// of at most 18 digits. Returns the start of the next line, or nullptr when anything differs from
// that shape: the line then goes through the general parser, which gives the same result for lines
// the fast path accepts and produces the error messages. `q` points at the first character of the
// line. Sub-results: values, token starts/lengths, weight.
struct FastLine {
  std::uint64_t value[2];
  const char* token[2];
  std::uint32_t len[2];
  double weight;
};

template <bool kWs>
inline const char* fast_line(const char* q, char delim, bool with_weight, bool allow_negative, FastLine& f) noexcept {
  auto pad = [delim](char ch) { return ch == ' ' || ch == '\r' || (ch == '\t' && delim != '\t'); };
  while (pad(*q)) ++q;
  const int fields = with_weight ? 3 : 2;
  for (int k = 0; k < fields; ++k) {
    const char* s = q;
    if (k < 2) {
      const unsigned n = scan_uint(q, f.value[k]);
      if (n == 0 || (*q == '0' && n > 1)) return nullptr;
      f.token[k] = q;
      q += n;
      f.len[k] = n;
    } else {
      if (*q == '+') return nullptr;
      while (!pad(*q) && *q != '\n' && *q != delim && *q != '\t' && *q != '"') ++q;
      if (*q == '"') return nullptr;
      double w = 0;
      const auto [ptr, ec] = std::from_chars(s, q, w);
      if (ec != std::errc() || ptr != q || s == q || !std::isfinite(w) || (w < 0 && !allow_negative)) return nullptr;
      if (!std::isfinite(static_cast<Weight>(w))) return nullptr;
      f.weight = w;
    }
    // Separator after the field.
    const char* t = q;
    while (pad(*q)) ++q;
    const bool last = k == fields - 1;
    if (kWs) {
      if (*q == '\n') return last ? q + 1 : nullptr;
      if (q == t) return nullptr;  // "12x": not an integer token
      if (last) return detail::line_end(q) + 1;  // extra columns are ignored
    } else {
      if (*q == '\n') return last ? q + 1 : nullptr;
      if (*q != delim) return nullptr;
      if (last) return detail::line_end(q) + 1;
      ++q;
      while (pad(*q)) ++q;
    }
  }
  return nullptr;
}

void parse_chunk(Chunk& c, const Layout& L, const char* block, IdMapBuilder& ids) {
  std::vector<std::string_view> fields(L.need);
  const std::size_t max_kept = L.fail_fast ? 1 : L.max_errors;
  const char* p = c.begin;
  const char* line_start = p;
  bool stop = false;
  auto fail = [&](std::string expected, std::string_view found) {
    ++c.skipped;
    if (c.errors.size() < max_kept) c.errors.push_back({c.lines, std::move(expected), std::string(found)});
    if (L.fail_fast) stop = true;
  };
  auto classify = [&](std::string_view tok, std::size_t col, const char* role, Handle& h) -> bool {
    if (tok.empty()) {
      fail("a handle in " + detail::column_label(col) + " (" + role + ")", tok);
      return false;
    }
    std::uint64_t v = 0;
    std::uint64_t hash = 0;
    if (canonical_value(tok, v)) {
      if (v < kSmallLimit) {
        h.hashed = false;
        h.code = static_cast<std::uint32_t>(v);
        return true;
      }
      hash = peerscout::detail::hash_integer(v);
      h.pending.len = static_cast<std::uint32_t>(tok.size()) | kBigFlag;
    } else {
      if (std::memchr(tok.data(), '\0', tok.size()) != nullptr) {
        fail("a handle without NUL bytes in " + detail::column_label(col) + " (" + role + ")", tok);
        return false;
      }
      if (tok.size() >= kBigFlag) {
        fail("a handle shorter than 2 GiB in " + detail::column_label(col), tok.substr(0, 40));
        return false;
      }
      hash = peerscout::detail::hash_bytes_padded(tok.data(), tok.size());  // tokens live in padded blocks
      h.pending.len = static_cast<std::uint32_t>(tok.size());
    }
    h.hashed = true;
    h.pending.offset = static_cast<std::uint32_t>(tok.data() - block);
    h.pending.tag = static_cast<std::uint32_t>(hash);
    h.shard = peerscout::detail::shard_of(hash);
    return true;
  };
  auto commit = [&](Handle& h, std::uint32_t slot) -> std::uint32_t {
    if (!h.hashed) {
      ids.mark_small(h.code);
      if (!c.any_small || h.code > c.max_small) c.max_small = h.code;
      c.any_small = true;
      return h.code;
    }
    h.pending.slot = slot;
    c.pending[h.shard].push_back(h.pending);
    c.any_pending = true;
    return 0;  // filled in by the shard pass
  };

  const bool ws = L.delim == ' ';
  const bool with_weight = L.need == 3;
  const bool swap = L.src_col == 1;
  FastLine f{};
  c.src.reserve(static_cast<std::size_t>(c.end - c.begin) / 8);
  c.dst.reserve(static_cast<std::size_t>(c.end - c.begin) / 8);
  while (p < c.end && !stop) {
    line_start = p;
    ++c.lines;
    if (L.fast) {
      const char* next = ws ? fast_line<true>(p, L.delim, with_weight, L.allow_negative, f)
                            : fast_line<false>(p, L.delim, with_weight, L.allow_negative, f);
      if (next != nullptr) {
        Handle h[2];
        for (int k = 0; k < 2; ++k) {
          if (f.value[k] < kSmallLimit) {
            h[k].hashed = false;
            h[k].code = static_cast<std::uint32_t>(f.value[k]);
          } else {
            const std::uint64_t hash = peerscout::detail::hash_integer(f.value[k]);
            h[k].hashed = true;
            h[k].pending.len = f.len[k] | kBigFlag;
            h[k].pending.offset = static_cast<std::uint32_t>(f.token[k] - block);
            h[k].pending.tag = static_cast<std::uint32_t>(hash);
            h[k].shard = peerscout::detail::shard_of(hash);
          }
        }
        const auto e = static_cast<std::uint32_t>(c.src.size());
        Handle& hs = h[swap ? 1 : 0];
        Handle& hd = h[swap ? 0 : 1];
        c.src.push_back(commit(hs, 2 * e));
        c.dst.push_back(commit(hd, 2 * e + 1));
        if (with_weight) c.weight.push_back(static_cast<Weight>(f.weight));
        p = next;
        continue;
      }
    }
    if (detail::is_skippable_line(p)) {
      p = detail::line_end(p) + 1;
      continue;
    }
    const detail::SplitResult r = detail::split_fields(p, L.delim, fields.data(), L.need);
    if (r.status != detail::SplitStatus::kOk) {
      switch (r.status) {
        case detail::SplitStatus::kUnclosedQuote: fail("a closing quote", r.bad_text); break;
        case detail::SplitStatus::kEscapedQuote: fail("a quoted field without escaped quotes (\"\")", r.bad_text); break;
        default: fail("a delimiter after the closing quote in " + detail::column_label(r.bad_field), r.bad_text); break;
      }
      p = detail::line_end(p) + 1;
      continue;
    }
    p = r.nl + 1;
    if (r.fields < L.need) {
      fail(std::to_string(L.need) + " columns", detail::line_text(line_start, r.nl));
      continue;
    }
    Handle hs, hd;
    if (!classify(fields[L.src_col], L.src_col, "source", hs)) continue;
    if (!classify(fields[L.dst_col], L.dst_col, "target", hd)) continue;
    double w = 1.0;
    if (L.weight_col) {
      const std::size_t col = *L.weight_col;
      const auto x = detail::parse_double(fields[col]);
      if (!x) {
        fail("a number in " + detail::column_label(col) + " (weight)", fields[col]);
        continue;
      }
      if (!std::isfinite(*x)) {
        fail("a finite number in " + detail::column_label(col) + " (weight)", fields[col]);
        continue;
      }
      if (*x < 0 && !L.allow_negative) {
        fail("a non-negative weight in " + detail::column_label(col), fields[col]);
        continue;
      }
      w = *x;
    }
    if (L.type_col) {
      const std::string_view t = fields[*L.type_col];
      const auto it = std::find_if(L.types->begin(), L.types->end(), [&](const auto& tw) { return tw.first == t; });
      if (it == L.types->end()) {
        fail("an interaction type (one of " + L.types_list + ") in " + detail::column_label(*L.type_col), t);
        continue;
      }
      w *= it->second;
    }
    const auto wf = static_cast<Weight>(w);
    if (L.weighted && !std::isfinite(wf)) {
      const std::size_t col = L.weight_col ? *L.weight_col : *L.type_col;
      fail("a finite number in " + detail::column_label(col) + " (weight)", fields[col]);
      continue;
    }
    const auto e = static_cast<std::uint32_t>(c.src.size());
    c.src.push_back(commit(hs, 2 * e));
    c.dst.push_back(commit(hd, 2 * e + 1));
    if (L.weighted) c.weight.push_back(wf);
  }
}

// Large edge arrays are filled once, sequentially: transparent huge pages (where the kernel offers
// them on request) cut the page faults of the serial resize by 512x. Advice only: failures ignored.
template <class T>
void advise_huge_pages(std::vector<T>& v) {
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto begin = reinterpret_cast<std::uintptr_t>(v.data());
  const std::uintptr_t end = begin + v.capacity() * sizeof(T);
  const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t last = end & ~(kHuge - 1);
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

std::string join_types(const std::vector<std::pair<std::string, double>>& types) {
  std::string out;
  for (const auto& [name, w] : types) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string spec_text(const ColumnSpec& s) {
  if (const auto* pos = std::get_if<std::size_t>(&s)) return "position " + std::to_string(*pos);
  return "'" + std::get<std::string>(s) + "'";
}

// Reads one edge-list file block by block.
class EdgeFileReader {
 public:
  EdgeFileReader(const std::filesystem::path& file, const EdgeFileOptions& opts, const detail::IngestTuning& tuning,
                 IdMapBuilder& ids, EdgeList& edges, ReadReport& report)
      : opts_(opts), tuning_(tuning), ids_(ids), edges_(edges), report_(report),
        source_(file, LineSource::Options{std::max<std::size_t>(tuning.block_bytes, 1), tuning.read_ahead}) {
    L_.file = file.string();
    report_.file = L_.file;
  }

  void run() {
    std::uint64_t line_no = 0;  // lines before `p`
    std::string_view block = source_.next();
    const char* p = nullptr;
    const char* end = nullptr;
    while (!block.empty()) {
      p = block.data();
      end = block.data() + block.size();
      while (p < end && detail::is_skippable_line(p)) {
        ++line_no;
        p = detail::line_end(p) + 1;
      }
      if (p < end) break;
      block = source_.next();
    }
    if (block.empty()) {
      report_.lines = line_no;
      report_.bytes = source_.bytes();
      throw InputError(L_.file, 0, "contains no edges");
    }
    const bool header = resolve_layout(p, line_no + 1);
    if (header) {
      ++line_no;
      p = detail::line_end(p) + 1;
    }
    lines_ = line_no;
    if (p < end) process_block(p, end);
    while (true) {
      block = source_.next();
      if (block.empty()) break;
      process_block(block.data(), block.data() + block.size());
    }
    report_.lines = lines_;
    report_.bytes = source_.bytes();
    report_.records = edges_.size();
    report_.weighted = L_.weighted;
    if (edges_.empty()) throw InputError(L_.file, 0, "contains no edges");
  }

 private:
  // Decides delimiter, header and column indices from the first data line (at line `line`).
  // Returns true when that line is a header.
  bool resolve_layout(const char* p, std::uint64_t line) {
    const std::string_view text = detail::line_text(p, detail::line_end(p));
    L_.delim = opts_.delimiter ? *opts_.delimiter : detect_delimiter(text);
    std::vector<std::string_view> fields(text.size() + 2);  // a line of n bytes has at most n + 1 fields
    const detail::SplitResult r = detail::split_fields(p, L_.delim, fields.data(), fields.size());
    fields.resize(r.status == detail::SplitStatus::kOk ? r.fields : 0);

    const ColumnSpec* specs[4] = {&opts_.source, &opts_.target, opts_.weight ? &*opts_.weight : nullptr,
                                  opts_.type ? &*opts_.type : nullptr};
    bool by_name = false;
    for (const ColumnSpec* s : specs) by_name |= s != nullptr && std::holds_alternative<std::string>(*s);
    if (by_name && opts_.header == Header::kNo) {
      throw InvalidArgument("edge file " + L_.file + ": a column is selected by name but header = no");
    }
    auto field_at = [&](const ColumnSpec* s) -> const std::string_view* {
      if (s == nullptr) return nullptr;
      const auto* pos = std::get_if<std::size_t>(s);
      if (pos == nullptr || *pos >= fields.size()) return nullptr;
      return &fields[*pos];
    };
    bool header = false;
    switch (opts_.header) {
      case Header::kYes: header = true; break;
      case Header::kNo: header = false; break;
      case Header::kAuto: {
        header = by_name;
        if (!header && opts_.weight) {
          const auto* f = field_at(specs[2]);
          header = f != nullptr && !detail::parse_double(*f);
        }
        if (!header && opts_.type) {
          const auto* f = field_at(specs[3]);
          header = f != nullptr && std::none_of(opts_.type_weights.begin(), opts_.type_weights.end(),
                                                [&](const auto& tw) { return tw.first == *f; });
        }
        if (!header) {
          bool all = true;
          for (const ColumnSpec* s : specs) {
            if (s == nullptr) continue;
            const auto* f = field_at(s);
            all = all && f != nullptr && detail::is_header_word(*f);
          }
          header = all;
        }
        break;
      }
    }
    if (header && r.status != detail::SplitStatus::kOk) {
      throw InputError(L_.file, line, "a header line", r.bad_text);
    }
    auto resolve = [&](const ColumnSpec& s) -> std::size_t {
      if (const auto* pos = std::get_if<std::size_t>(&s)) return *pos;
      const auto& name = std::get<std::string>(s);
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i] == name) return i;
      }
      throw InputError(L_.file, line, "a column named '" + name + "'", text);
    };
    L_.src_col = resolve(opts_.source);
    L_.dst_col = resolve(opts_.target);
    if (opts_.weight) L_.weight_col = resolve(*opts_.weight);
    if (opts_.type) L_.type_col = resolve(*opts_.type);
    std::vector<std::size_t> cols = {L_.src_col, L_.dst_col};
    if (L_.weight_col) cols.push_back(*L_.weight_col);
    if (L_.type_col) cols.push_back(*L_.type_col);
    for (std::size_t i = 0; i < cols.size(); ++i) {
      for (std::size_t j = i + 1; j < cols.size(); ++j) {
        if (cols[i] == cols[j]) {
          throw InvalidArgument("edge file " + L_.file + ": two roles select the same column " +
                                std::to_string(cols[i] + 1) + " (" + spec_text(i == 0 ? opts_.source : opts_.target) + ")");
        }
      }
    }
    L_.need = *std::max_element(cols.begin(), cols.end()) + 1;
    L_.types = &opts_.type_weights;
    L_.types_list = join_types(opts_.type_weights);
    L_.allow_negative = opts_.allow_negative_weights;
    L_.fail_fast = opts_.on_error == OnError::kFail;
    L_.max_errors = opts_.max_reported_errors;
    L_.weighted = opts_.weight.has_value() || opts_.type.has_value();
    L_.fast = tuning_.fast_path && ((L_.src_col == 0 && L_.dst_col == 1) || (L_.src_col == 1 && L_.dst_col == 0)) && !L_.type_col &&
              (L_.need == 2 || (L_.need == 3 && L_.weight_col == std::size_t{2}));
    return header;
  }

  void process_block(const char* begin, const char* end) {
    // Cut into sub-chunks at newlines.
    std::size_t n = 0;
    const std::size_t target = std::max<std::size_t>(tuning_.chunk_bytes, 1);
    for (const char* s = begin; s < end; ++n) {
      const char* t = end;
      if (static_cast<std::size_t>(end - s) > target) {
        t = detail::line_end(s + target - 1) + 1;
        if (t > end) t = end;
      }
      if (n == chunks_.size()) chunks_.emplace_back();
      chunks_[n].reset(s, t);
      s = t;
    }
    const char* block = begin;
    const auto sn = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(dynamic, 1) if (sn > 1)
    for (std::int64_t i = 0; i < sn; ++i) parse_chunk(chunks_[static_cast<std::size_t>(i)], L_, block, ids_);

    // Errors, in file order (C3: raised after the parallel region).
    std::uint64_t first_line = lines_ + 1;
    for (std::size_t i = 0; i < n; ++i) {
      const Chunk& c = chunks_[i];
      for (const LocalError& e : c.errors) {
        InputError err(L_.file, first_line + e.line - 1, e.expected, e.found);
        if (L_.fail_fast) throw err;
        if (report_.first_errors.size() < L_.max_errors) report_.first_errors.emplace_back(err.what());
      }
      report_.skipped += c.skipped;
      first_line += c.lines;
      if (c.any_small) ids_.note_small_max(c.max_small);
    }
    lines_ = first_line - 1;

    // Hashed handles: one shard per task, chunks in order; no locks needed.
    bool any_pending = false;
    for (std::size_t i = 0; i < n; ++i) any_pending |= chunks_[i].any_pending;
    if (any_pending) {
      std::array<char, kNumShards> overflow{};
#pragma omp parallel for schedule(dynamic, 1)
      for (int s = 0; s < static_cast<int>(kNumShards); ++s) {
        auto& shard = ids_.shard(static_cast<unsigned>(s));
        for (std::size_t i = 0; i < n; ++i) {
          Chunk& c = chunks_[i];
          const auto& list = c.pending[static_cast<std::size_t>(s)];
          // Two-stage software pipeline: token and table slot 16 tokens ahead, pool entry 8 ahead
          // (all cache misses on large inputs).
          constexpr std::size_t kAhead = 8;
          for (std::size_t k = 0; k < list.size(); ++k) {
            if (k + 2 * kAhead < list.size()) {
              const Pending& ahead = list[k + 2 * kAhead];
              __builtin_prefetch(block + ahead.offset);  // the token itself: tokens are visited out of order
              if ((ahead.len & kBigFlag) != 0) {
                shard.prefetch_integer(ahead.tag);
              } else {
                shard.prefetch_string(ahead.tag);
              }
            }
            if (k + kAhead < list.size() && (list[k + kAhead].len & kBigFlag) == 0) {
              shard.prefetch_string_entry(list[k + kAhead].tag);
            }
            const Pending& pd = list[k];
            const std::string_view tok(block + pd.offset, pd.len & ~kBigFlag);
            std::uint32_t code;
            if ((pd.len & kBigFlag) != 0) {
              std::uint64_t v = 0;
              canonical_value(tok, v);
              code = shard.intern_integer(v, pd.tag);
            } else {
              code = shard.intern_string(tok, pd.tag);
            }
            if (code == kOverflow) overflow[static_cast<std::size_t>(s)] = 1;
            ((pd.slot & 1) != 0 ? c.dst : c.src)[pd.slot >> 1] = code;
          }
        }
      }
      for (char o : overflow) {
        if (o != 0) throw InputError(L_.file, 0, "too many distinct handles (a hash shard exceeded 2^24 entries)");
      }
    }

    // Append to the edge arrays.
    std::vector<std::size_t> offset(n + 1, edges_.size());
    for (std::size_t i = 0; i < n; ++i) offset[i + 1] = offset[i] + chunks_[i].src.size();
    const std::size_t total = offset[n];
    if (total > edges_.src.capacity()) {
      std::size_t want = std::max<std::size_t>(total, edges_.src.capacity() + edges_.src.capacity() / 2);
      if (!source_.is_gzip() && source_.bytes() > 0) {
        // Plain file: extrapolate from the bytes per edge seen so far.
        const double per_byte = static_cast<double>(total) / static_cast<double>(source_.bytes());
        want = std::max(want, static_cast<std::size_t>(per_byte * static_cast<double>(source_.file_bytes()) * 1.02) + 1024);
      }
      edges_.reserve(want, L_.weighted);
      advise_huge_pages(edges_.src);
      advise_huge_pages(edges_.dst);
      if (L_.weighted) advise_huge_pages(edges_.weight);
    }
    edges_.src.resize(total);
    edges_.dst.resize(total);
    if (L_.weighted) edges_.weight.resize(total);
#pragma omp parallel for schedule(dynamic, 1) if (sn > 1)
    for (std::int64_t i = 0; i < sn; ++i) {
      const Chunk& c = chunks_[static_cast<std::size_t>(i)];
      const std::size_t at = offset[static_cast<std::size_t>(i)];
      const std::size_t m = c.src.size();
      if (m == 0) continue;
      std::memcpy(edges_.src.data() + at, c.src.data(), m * sizeof(std::uint32_t));
      std::memcpy(edges_.dst.data() + at, c.dst.data(), m * sizeof(std::uint32_t));
      if (L_.weighted) std::memcpy(edges_.weight.data() + at, c.weight.data(), m * sizeof(Weight));
    }
  }

  const EdgeFileOptions& opts_;
  const detail::IngestTuning& tuning_;
  IdMapBuilder& ids_;
  EdgeList& edges_;
  ReadReport& report_;
  LineSource source_;
  Layout L_;
  std::uint64_t lines_ = 0;
  std::vector<Chunk> chunks_;
};

}  // namespace

namespace detail {

void validate(const EdgeFileOptions& opts) {
  if (opts.delimiter && (*opts.delimiter == '\n' || *opts.delimiter == '\r' || *opts.delimiter == '"' ||
                         *opts.delimiter == '#' || *opts.delimiter == '%')) {
    throw InvalidArgument("edge file options: delimiter must not be a newline, '\"', '#' or '%'");
  }
  if (opts.type) {
    if (opts.type_weights.empty()) throw InvalidArgument("edge file options: a type column needs type_weights");
    for (const auto& [name, w] : opts.type_weights) {
      if (name.empty()) throw InvalidArgument("edge file options: empty interaction type name");
      if (!std::isfinite(w)) throw InvalidArgument("edge file options: type weight of '" + name + "' is not finite");
      if (w < 0 && !opts.allow_negative_weights)
        throw InvalidArgument("edge file options: type weight of '" + name + "' is negative");
    }
  }
  auto check_name = [](const ColumnSpec& s, const char* role) {
    if (const auto* n = std::get_if<std::string>(&s); n != nullptr && n->empty())
      throw InvalidArgument(std::string("edge file options: empty column name for ") + role);
  };
  check_name(opts.source, "source");
  check_name(opts.target, "target");
  if (opts.weight) check_name(*opts.weight, "weight");
  if (opts.type) check_name(*opts.type, "type");
}

void read_edge_file(const std::filesystem::path& file, const EdgeFileOptions& opts, const IngestTuning& tuning,
                    IdMapBuilder& ids, EdgeList& edges, ReadReport& report) {
  validate(opts);
  EdgeFileReader reader(file, opts, tuning, ids, edges, report);
  reader.run();
}

SimpleGraphFile read_edge_list(const std::filesystem::path& file, const EdgeFileOptions& opts,
                               const IngestTuning& tuning) {
  GraphIngest in(tuning);
  in.add_edges(file, opts);
  IngestResult r = std::move(in).finish();
  return {std::move(r.ids), std::move(r.edge_sets.front()), std::move(r.reports.front())};
}

}  // namespace detail

SimpleGraphFile read_edge_list(const std::filesystem::path& file, const EdgeFileOptions& opts) {
  return detail::read_edge_list(file, opts, detail::IngestTuning{});
}

}  // namespace peerscout::io
