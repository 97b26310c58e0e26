#pragma once
// Exact comparison of result columns: doubles bit for bit (NaN equals NaN, -0.0 differs from 0.0).
#include <cstring>
#include <variant>

#include "engine/column.hpp"

namespace peerscout::test {

inline bool same_column(const ColumnData& a, const ColumnData& b) {
  if (a.index() != b.index()) return false;
  if (const auto* x = std::get_if<std::vector<double>>(&a)) {
    const auto& y = std::get<std::vector<double>>(b);
    return x->size() == y.size() && (x->empty() || std::memcmp(x->data(), y.data(), x->size() * sizeof(double)) == 0);
  }
  return a == b;
}

}  // namespace peerscout::test
