#include "algorithms/community/compare.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "algorithms/community/partition.hpp"
#include "engine/error.hpp"

namespace peerscout::community {

Comparison compare(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  if (a.size() != b.size())
    throw InvalidArgument("compare: the partitions have different sizes (" + std::to_string(a.size()) + " and " +
                          std::to_string(b.size()) + ")");
  Comparison r;
  const std::size_t n = a.size();
  if (n == 0) {
    r.nmi = 1.0;
    r.ari = 1.0;
    return r;
  }
  const Partition pa = canonical(a), pb = canonical(b);
  std::vector<double> sa(pa.count, 0.0), sb(pb.count, 0.0);
  std::vector<std::uint64_t> keys(n);
  for (std::size_t i = 0; i < n; ++i) {
    sa[pa.membership[i]] += 1.0;
    sb[pb.membership[i]] += 1.0;
    keys[i] = (static_cast<std::uint64_t>(pa.membership[i]) << 32) | pb.membership[i];
  }
  std::sort(keys.begin(), keys.end());
  const double dn = static_cast<double>(n);
  double h1 = 0.0, h2 = 0.0, mut = 0.0, pairs12 = 0.0, pairs1 = 0.0, pairs2 = 0.0;
  for (double x : sa) {
    h1 -= (x / dn) * std::log(x / dn);
    pairs1 += (x / dn) * (x - 1.0) / (dn - 1.0);
  }
  for (double x : sb) {
    h2 -= (x / dn) * std::log(x / dn);
    pairs2 += (x / dn) * (x - 1.0) / (dn - 1.0);
  }
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && keys[j] == keys[i]) ++j;
    const double nij = static_cast<double>(j - i);
    const auto ci = static_cast<std::size_t>(keys[i] >> 32);
    const auto cj = static_cast<std::size_t>(keys[i] & 0xFFFFFFFFu);
    const double pij = nij / dn;
    mut += pij * std::log(pij * dn * dn / (sa[ci] * sb[cj]));
    pairs12 += (nij / dn) * (nij - 1.0) / (dn - 1.0);
    i = j;
  }
  if (mut < 0.0) mut = 0.0;  // rounding
  r.nmi = (h1 + h2 == 0.0) ? 1.0 : 2.0 * mut / (h1 + h2);
  r.vi = h1 + h2 - 2.0 * mut;
  if (r.vi < 0.0) r.vi = 0.0;
  if (n < 2) {
    r.ari = 1.0;
  } else {
    const double rand = 1.0 + 2.0 * pairs12 - pairs1 - pairs2;
    const double expected = pairs1 * pairs2 + (1.0 - pairs1) * (1.0 - pairs2);
    r.ari = (expected == 1.0) ? 1.0 : (rand - expected) / (1.0 - expected);
  }
  return r;
}

}  // namespace peerscout::community
