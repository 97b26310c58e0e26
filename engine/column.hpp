#pragma once
/// Column types shared by ingest (node attributes, handles), the pipeline and the results writer.
///
/// StringColumn pools its strings in one buffer with 64-bit offsets: no per-string heap object,
/// so 100M handles cost their bytes plus 8 bytes each.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace peerscout {

class StringColumn {
 public:
  StringColumn() : offsets_{0} {}

  std::size_t size() const noexcept { return offsets_.size() - 1; }
  bool empty() const noexcept { return size() == 0; }
  std::string_view operator[](std::size_t i) const noexcept {
    return {data_.data() + offsets_[i], static_cast<std::size_t>(offsets_[i + 1] - offsets_[i])};
  }
  void push_back(std::string_view s) {
    data_.append(s);
    offsets_.push_back(data_.size());
  }
  void reserve(std::size_t items, std::size_t bytes) {
    offsets_.reserve(items + 1);
    data_.reserve(bytes);
  }
  /// All characters, concatenated; string i is data()[offsets()[i] .. offsets()[i+1]).
  const std::string& data() const noexcept { return data_; }
  std::span<const std::uint64_t> offsets() const noexcept { return offsets_; }
  /// Adopt a prepared buffer (offsets.size() == items + 1, offsets.front() == 0, back() == data.size()).
  static StringColumn from_parts(std::string data, std::vector<std::uint64_t> offsets);
  std::size_t memory_bytes() const noexcept {
    return data_.capacity() + offsets_.capacity() * sizeof(std::uint64_t);
  }
  friend bool operator==(const StringColumn& a, const StringColumn& b) {
    return a.data_ == b.data_ && a.offsets_ == b.offsets_;
  }

 private:
  std::string data_;
  std::vector<std::uint64_t> offsets_;
};

inline StringColumn StringColumn::from_parts(std::string data, std::vector<std::uint64_t> offsets) {
  StringColumn c;
  c.data_ = std::move(data);
  c.offsets_ = std::move(offsets);
  if (c.offsets_.empty()) c.offsets_.push_back(0);
  return c;
}

/// One column of values: float64, int64 or strings (UTF-8).
using ColumnData = std::variant<std::vector<double>, std::vector<std::int64_t>, StringColumn>;

inline std::size_t column_size(const ColumnData& c) {
  return std::visit([](const auto& v) { return v.size(); }, c);
}

/// A named column, e.g. a node attribute ("region") or a result ("pagerank").
struct NamedColumn {
  std::string name;
  ColumnData values;
};

/// Scalar metadata attached to a dataset or group (HDF5 attribute).
using AttributeValue = std::variant<std::int64_t, double, std::string>;
struct Attribute {
  std::string name;
  AttributeValue value;
};

}  // namespace peerscout
