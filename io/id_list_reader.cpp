#include "io/id_list_reader.hpp"

#include <algorithm>

#include "io/detail/text.hpp"
#include "io/line_source.hpp"

namespace peerscout::io {

IdListResult read_id_list(const std::filesystem::path& file, const IdMap& ids, std::size_t max_reported) {
  IdListResult out;
  LineSource source(file, LineSource::Options{std::size_t{4} << 20, false});
  std::vector<char> seen(ids.size(), 0);
  for (std::string_view block = source.next(); !block.empty(); block = source.next()) {
    const char* p = block.data();
    const char* end = block.data() + block.size();
    while (p < end) {
      const char* ls = p;
      const char* nl = detail::line_end(p);
      p = nl + 1;
      if (detail::is_skippable_line(ls)) continue;
      std::string_view h = detail::trim(detail::line_text(ls, nl));
      if (h.size() >= 2 && h.front() == '"' && h.back() == '"') h = h.substr(1, h.size() - 2);
      ++out.lines;
      const auto v = ids.find(h);
      if (!v) {
        ++out.unknown;
        if (out.first_unknown.size() < max_reported) out.first_unknown.emplace_back(h);
        continue;
      }
      if (seen[*v] != 0) continue;
      seen[*v] = 1;
      out.ids.push_back(*v);
    }
  }
  return out;
}

}  // namespace peerscout::io
