#include "io/attributes_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

#include "engine/error.hpp"
#include "io/detail/text.hpp"
#include "io/line_source.hpp"

namespace peerscout::io::detail {

namespace {

struct RowError {
  std::uint64_t line;
  std::string message;  // full what() text
};

// "expected a unique id in column K, found 'X' (first on line L)"
std::string duplicate_text(std::size_t id_col, std::string_view handle, std::uint64_t first_line) {
  return "expected a unique id in " + column_label(id_col) + ", found '" + quote_for_message(handle) +
         "' (first on line " + std::to_string(first_line) + ")";
}

}  // namespace

void read_node_file(const std::filesystem::path& file, const NodeFileOptions& opts, const IngestTuning& tuning,
                    peerscout::detail::IdMapBuilder& ids, NodeTable& table, ReadReport& report) {
  if (opts.delimiter && (*opts.delimiter == '\n' || *opts.delimiter == '\r' || *opts.delimiter == '"')) {
    throw InvalidArgument("node file options: delimiter must not be a newline or '\"'");
  }
  const std::string name = file.string();
  table.file = name;
  report.file = name;
  const bool fail_fast = opts.on_error == OnError::kFail;
  LineSource source(file, LineSource::Options{std::max<std::size_t>(tuning.block_bytes, 1), tuning.read_ahead});

  std::vector<std::uint64_t> row_line;       // row -> line number
  std::vector<RowError> errors;              // parse errors (kSkip keeps the first few)
  std::uint64_t skipped = 0;
  bool have_header = false;
  char delim = ' ';
  std::size_t id_col = 0, need = 1;
  std::vector<std::size_t> value_cols;
  std::vector<std::string_view> fields;
  std::uint64_t line = 0;

  // Duplicate ids among the rows read so far: (line of the later row, line of the first, row).
  struct Dup {
    std::uint64_t line, first_line;
    std::size_t row;
  };
  auto find_duplicates = [&]() {
    std::vector<std::pair<std::uint32_t, std::size_t>> by_code(table.codes.size());
    for (std::size_t r = 0; r < table.codes.size(); ++r) by_code[r] = {table.codes[r], r};
    std::sort(by_code.begin(), by_code.end());
    std::vector<Dup> dups;
    std::size_t group = 0;  // first (earliest) row of the current id
    for (std::size_t i = 1; i < by_code.size(); ++i) {
      if (by_code[i].first != by_code[group].first) {
        group = i;
        continue;
      }
      dups.push_back({row_line[by_code[i].second], row_line[by_code[group].second], by_code[i].second});
    }
    std::sort(dups.begin(), dups.end(), [](const Dup& a, const Dup& b) { return a.line < b.line; });
    return dups;
  };
  StringColumn id_text;  // row -> id as written (for duplicate messages)

  // Records a bad row: fail fast (a duplicate on an earlier line wins, so the error is the first in
  // file order) or count it and keep the first few messages.
  auto record = [&](const std::string& expected, std::string_view found) {
    if (fail_fast) {
      const auto dups = find_duplicates();
      if (!dups.empty() && dups[0].line < line) {
        const Dup& d = dups[0];
        throw InputError(name, d.line, duplicate_text(id_col, id_text[d.row], d.first_line));
      }
      throw InputError(name, line, expected, found);
    }
    ++skipped;
    if (errors.size() < opts.max_reported_errors) errors.push_back({line, InputError(name, line, expected, found).what()});
  };

  for (std::string_view block = source.next(); !block.empty(); block = source.next()) {
    const char* p = block.data();
    const char* end = block.data() + block.size();
    while (p < end) {
      ++line;
      const char* ls = p;
      const char* nl = line_end(p);
      p = nl + 1;
      if (is_skippable_line(ls)) continue;
      const std::string_view text = line_text(ls, nl);
      if (!have_header) {
        have_header = true;
        delim = opts.delimiter ? *opts.delimiter : detect_delimiter(text);
        std::vector<std::string_view> header(text.size() + 2);
        const SplitResult r = split_fields(ls, delim, header.data(), header.size());
        if (r.status != SplitStatus::kOk) throw InputError(name, line, "a header line", r.bad_text);
        header.resize(r.fields);
        auto find_col = [&](const std::string& col) -> std::size_t {
          for (std::size_t i = 0; i < header.size(); ++i) {
            if (header[i] == col) return i;
          }
          throw InputError(name, line, "a column named '" + col + "'", text);
        };
        if (const auto* pos = std::get_if<std::size_t>(&opts.id)) {
          if (*pos >= header.size()) throw InputError(name, line, "at least " + std::to_string(*pos + 1) + " columns", text);
          id_col = *pos;
        } else {
          id_col = find_col(std::get<std::string>(opts.id));
        }
        if (opts.columns.empty()) {
          for (std::size_t i = 0; i < header.size(); ++i) {
            if (i != id_col && !header[i].empty()) value_cols.push_back(i);
          }
        } else {
          for (const auto& c : opts.columns) value_cols.push_back(find_col(c));
        }
        for (std::size_t i = 0; i < value_cols.size(); ++i) {
          if (value_cols[i] == id_col) throw InvalidArgument("node file " + name + ": the id column is also an attribute column");
          for (std::size_t j = 0; j < i; ++j) {
            if (header[value_cols[j]] == header[value_cols[i]]) {
              throw InputError(name, line, "unique column names", header[value_cols[i]]);
            }
          }
          table.columns.push_back({std::string(header[value_cols[i]]), StringColumn{}});
        }
        need = id_col + 1;
        for (std::size_t c : value_cols) need = std::max(need, c + 1);
        fields.resize(need);
        continue;
      }
      const SplitResult r = split_fields(ls, delim, fields.data(), need);
      if (r.status != SplitStatus::kOk) {
        switch (r.status) {
          case SplitStatus::kUnclosedQuote: record("a closing quote", r.bad_text); break;
          case SplitStatus::kEscapedQuote: record("a quoted field without escaped quotes (\"\")", r.bad_text); break;
          default: record("a delimiter after the closing quote in " + column_label(r.bad_field), r.bad_text); break;
        }
        continue;
      }
      if (r.fields < need) {
        record(std::to_string(need) + " columns", text);
        continue;
      }
      const std::string_view handle = fields[id_col];
      if (handle.empty()) {
        record("an id in " + column_label(id_col), handle);
        continue;
      }
      if (std::memchr(handle.data(), '\0', handle.size()) != nullptr) {
        record("an id without NUL bytes in " + column_label(id_col), handle);
        continue;
      }
      const std::uint32_t code = ids.intern(handle);
      if (code == peerscout::detail::kOverflow) throw InputError(name, 0, "too many distinct handles");
      table.codes.push_back(code);
      row_line.push_back(line);
      id_text.push_back(handle);
      for (std::size_t i = 0; i < value_cols.size(); ++i) table.columns[i].values.push_back(fields[value_cols[i]]);
    }
  }
  if (!have_header) throw InputError(name, 0, "contains no header line");

  // Duplicate ids: fail on the earliest, or drop every later occurrence.
  const auto dups = find_duplicates();
  if (!dups.empty()) {
    if (fail_fast) {
      const Dup& d = dups[0];
      throw InputError(name, d.line, duplicate_text(id_col, id_text[d.row], d.first_line));
    }
    std::vector<char> drop(table.codes.size(), 0);
    for (const Dup& d : dups) {
      drop[d.row] = 1;
      ++skipped;
      errors.push_back({d.line, InputError(name, d.line, duplicate_text(id_col, id_text[d.row], d.first_line)).what()});
    }
    std::stable_sort(errors.begin(), errors.end(), [](const RowError& a, const RowError& b) { return a.line < b.line; });
    if (errors.size() > opts.max_reported_errors) errors.resize(opts.max_reported_errors);
    std::vector<std::uint32_t> codes;
    for (std::size_t r = 0; r < table.codes.size(); ++r) {
      if (!drop[r]) codes.push_back(table.codes[r]);
    }
    table.codes = std::move(codes);
    for (auto& col : table.columns) {
      StringColumn kept;
      for (std::size_t r = 0; r < col.values.size(); ++r) {
        if (!drop[r]) kept.push_back(col.values[r]);
      }
      col.values = std::move(kept);
    }
  }
  report.lines = line;
  report.bytes = source.bytes();
  report.records = table.codes.size();
  report.skipped = skipped;
  for (auto& e : errors) report.first_errors.push_back(std::move(e.message));
}

std::vector<NamedColumn> attribute_columns(const NodeTable& table, const peerscout::detail::CodeRelabel& relabel,
                                           VertexId n) {
  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> row_of(n, kNone);
  for (std::size_t r = 0; r < table.codes.size(); ++r) row_of[relabel(table.codes[r])] = static_cast<std::uint32_t>(r);
  const bool covers_all = table.codes.size() == n;
  std::vector<NamedColumn> out;
  for (const auto& col : table.columns) {
    bool all_int = true, all_num = true, any_value = false, any_empty = false;
    for (std::size_t r = 0; r < col.values.size(); ++r) {
      const std::string_view v = col.values[r];
      if (v.empty()) {
        any_empty = true;
        continue;
      }
      any_value = true;
      if (all_int && !parse_int64(v)) all_int = false;
      if (!all_int && all_num) {
        const auto x = parse_double(v);
        if (!x || !std::isfinite(*x)) all_num = false;
      }
    }
    NamedColumn nc;
    nc.name = col.name;
    if (any_value && all_int && !any_empty && covers_all) {
      std::vector<std::int64_t> values(n);
      for (VertexId v = 0; v < n; ++v) values[v] = *parse_int64(col.values[row_of[v]]);
      nc.values = std::move(values);
    } else if (any_value && all_num) {
      std::vector<double> values(n, std::numeric_limits<double>::quiet_NaN());
      for (VertexId v = 0; v < n; ++v) {
        if (row_of[v] == kNone) continue;
        const std::string_view s = col.values[row_of[v]];
        if (!s.empty()) values[v] = *parse_double(s);
      }
      nc.values = std::move(values);
    } else {
      StringColumn values;
      values.reserve(n, col.values.data().size());
      for (VertexId v = 0; v < n; ++v) values.push_back(row_of[v] == kNone ? std::string_view() : col.values[row_of[v]]);
      nc.values = std::move(values);
    }
    out.push_back(std::move(nc));
  }
  return out;
}

}  // namespace peerscout::io::detail
