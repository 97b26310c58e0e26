#include "io/hdf5/h5_error.hpp"

#include <vector>

namespace peerscout::io::h5 {

namespace {

struct StackEntry {
  std::string func;
  std::string desc;
  std::string minor;
};

std::string message_text(hid_t msg_id) {
  if (msg_id < 0) return {};
  char buf[256] = {};
  const ssize_t len = H5Eget_msg(msg_id, nullptr, buf, sizeof buf);
  if (len <= 0) return {};
  return std::string(buf);
}

/// One line: HDF5's descriptions may contain newlines (the sec2 driver embeds ctime() output).
std::string one_line(const char* text) {
  std::string out;
  for (const char* p = text; p != nullptr && *p != '\0'; ++p) {
    if (*p == '\n' || *p == '\r') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      if (p[1] != ',' && p[1] != '\0') out += ' ';
    } else {
      out += *p;
    }
  }
  return out;
}

herr_t collect(unsigned /*n*/, const H5E_error2_t* err, void* data) {
  auto* entries = static_cast<std::vector<StackEntry>*>(data);
  entries->push_back({err->func_name ? err->func_name : "", one_line(err->desc), message_text(err->min_num)});
  return 0;
}

}  // namespace

void silence_hdf5() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

std::string describe_error_stack() {
  std::vector<StackEntry> entries;
  // Downward: entries.front() is the API function the caller invoked, entries.back() the
  // innermost function that detected the problem (usually the most specific reason, e.g. errno).
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect, &entries);
  H5Eclear2(H5E_DEFAULT);
  if (entries.empty()) return {};
  const StackEntry& top = entries.front();
  std::string out = top.func + "(): " + (top.desc.empty() ? top.minor : top.desc);
  if (entries.size() > 1) {
    const StackEntry& inner = entries.back();
    out += " [cause: " + (inner.desc.empty() ? inner.minor : inner.desc);
    if (!inner.minor.empty() && !inner.desc.empty()) out += " (" + inner.minor + ")";
    out += "]";
  }
  return out;
}

void throw_failure(std::string_view what) {
  std::string reason = describe_error_stack();
  std::string msg(what);
  if (!reason.empty()) msg += ": " + reason;
  throw H5Failure(msg);
}

}  // namespace peerscout::io::h5
