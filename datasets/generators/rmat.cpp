#include "datasets/generators/rmat.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "engine/random.hpp"

namespace peerscout::datasets {

namespace {

constexpr std::uint64_t kRmatTag = 0x524d4154;  // "RMAT": separates R-MAT blocks from other generators
constexpr std::uint64_t kPermTag = 0x5045524d;  // "PERM"
constexpr std::int64_t kBlock = std::int64_t{1} << 16;

// Joint quadrant choice for `levels` consecutive levels (up to 4, i.e. 256 outcomes) by Walker's
// alias method (Vose's construction): a 32-bit random word picks a cell with its top 2*levels bits
// and accepts the cell's own outcome when its low 24 bits are below the cell's threshold, else the
// cell's alias. Outcome o is the sequence of quadrants q_1..q_levels (2 bits each, first level in
// the high bits); its probability is the product of the per-level quadrant probabilities, to
// within 2^-24 per cell. One table lookup replaces `levels` comparisons and random draws.
class QuadrantTable {
 public:
  QuadrantTable(int levels, const double quadrant[4]) : levels_(levels) {
    const std::size_t cells = std::size_t{1} << (2 * levels);
    std::vector<double> scaled(cells);
    std::vector<std::uint8_t> row_bits(cells), col_bits(cells), alias(cells);
    std::vector<std::uint32_t> threshold(cells, kOne);
    for (std::size_t o = 0; o < cells; ++o) {
      double p = 1.0;
      std::uint8_t row = 0, col = 0;
      for (int l = levels - 1; l >= 0; --l) {  // l = 0 is the last (lowest) level
        const auto q = static_cast<unsigned>((o >> (2 * l)) & 3U);
        p *= quadrant[q];
        row = static_cast<std::uint8_t>((row << 1) | (q >> 1));
        col = static_cast<std::uint8_t>((col << 1) | (q & 1U));
      }
      scaled[o] = p * static_cast<double>(cells);
      row_bits[o] = row;
      col_bits[o] = col;
    }
    for (std::size_t o = 0; o < cells; ++o) alias[o] = static_cast<std::uint8_t>(o);
    std::vector<std::size_t> small, large;
    for (std::size_t o = 0; o < cells; ++o) (scaled[o] < 1.0 ? small : large).push_back(o);
    while (!small.empty() && !large.empty()) {
      const std::size_t s = small.back(), l = large.back();
      small.pop_back();
      threshold[s] = static_cast<std::uint32_t>(std::llround(scaled[s] * kOne));
      alias[s] = static_cast<std::uint8_t>(l);
      scaled[l] -= 1.0 - scaled[s];
      if (scaled[l] < 1.0) {
        large.pop_back();
        small.push_back(l);
      }
    }
    // Leftovers are 1 up to rounding: they keep threshold kOne (always their own outcome).
    // Pack each cell as threshold | own (row, col) << 32 | alias's (row, col) << 48, so a step is
    // one load and a conditional move, without a data-dependent branch.
    cells_.resize(cells);
    for (std::size_t o = 0; o < cells; ++o) {
      const std::uint64_t own = (std::uint64_t{row_bits[o]} << 8) | col_bits[o];
      const std::uint64_t other = (std::uint64_t{row_bits[alias[o]]} << 8) | col_bits[alias[o]];
      cells_[o] = threshold[o] | (own << 32) | (other << 48);
    }
  }
  int levels() const noexcept { return levels_; }
  /// Appends `Levels` (== levels()) bits to the row and the column ids.
  template <int Levels>
  void step(std::uint32_t r, std::uint32_t& row, std::uint32_t& col) const noexcept {
    const std::uint64_t c = cells_[r >> (32 - 2 * Levels)];
    const bool own = (r & (kOne - 1)) < static_cast<std::uint32_t>(c);
    const auto rc = static_cast<std::uint32_t>(own ? (c >> 32) & 0xffffU : c >> 48);
    row = (row << Levels) | (rc >> 8);
    col = (col << Levels) | (rc & 0xffU);
  }
  void step(std::uint32_t r, std::uint32_t& row, std::uint32_t& col) const noexcept {
    switch (levels_) {
      case 1: step<1>(r, row, col); break;
      case 2: step<2>(r, row, col); break;
      case 3: step<3>(r, row, col); break;
      default: step<4>(r, row, col); break;
    }
  }

 private:
  static constexpr std::uint32_t kOne = std::uint32_t{1} << 24;
  int levels_;
  std::vector<std::uint64_t> cells_;
};

// P(x): three rounds of y <- ((y * mult + add) mod 2^scale) xor (y >> shift). Each step is a
// bijection of scale-bit integers: an odd multiplier is invertible modulo 2^scale, and a right
// xor-shift leaves the top `shift` bits unchanged, from which the others are recovered.
struct IdBijection {
  IdBijection(int scale, std::uint64_t seed)
      : mask(scale > 0 ? (std::uint64_t{1} << scale) - 1 : 0), shift((scale + 1) / 2) {
    for (std::uint64_t r = 0; r < 3; ++r) {
      const std::uint64_t k = hash_item(seed, Stream::kGenerator, kPermTag * 4 + r);
      mult[r] = (k >> 32) | 1;
      add[r] = k & 0xffffffffULL;
    }
  }
  VertexId operator()(VertexId x) const noexcept {
    std::uint64_t y = x;
    for (int r = 0; r < 3; ++r) {
      y = (y * mult[r] + add[r]) & mask;
      y ^= y >> shift;
    }
    return static_cast<VertexId>(y);
  }
  std::uint64_t mask;
  int shift;
  std::uint64_t mult[3] = {};
  std::uint64_t add[3] = {};
};

}  // namespace

void RmatOptions::validate() const {
  if (scale < 0 || scale > 31) throw InvalidArgument("rmat: scale must be in [0, 31], got " + std::to_string(scale));
  if (edge_factor < 0) throw InvalidArgument("rmat: edge_factor must be >= 0, got " + std::to_string(edge_factor));
  auto prob = [](double p, const char* name) {
    if (!(p >= 0.0 && p <= 1.0))
      throw InvalidArgument(std::string("rmat: ") + name + " must be in [0, 1], got " + std::to_string(p));
  };
  prob(a, "a");
  prob(b, "b");
  prob(c, "c");
  if (a + b + c > 1.0 + 1e-12)
    throw InvalidArgument("rmat: a + b + c must be <= 1 (d = 1 - a - b - c), got " + std::to_string(a + b + c));
}

VertexId rmat_permute_id(VertexId x, int scale, std::uint64_t seed) noexcept {
  return IdBijection(scale, seed)(x);
}

GeneratedEdges rmat(const RmatOptions& opts, RunContext& ctx) {
  opts.validate();
  ctx.check_cancelled();
  auto phase = ctx.phase("rmat");
  const int scale = opts.scale;
  const VertexId n = static_cast<VertexId>(std::uint64_t{1} << scale);
  const auto m = static_cast<std::uint64_t>(opts.edge_factor) << scale;

  GeneratedEdges out;
  out.num_vertices = n;
  out.edges.src.resize(m);
  out.edges.dst.resize(m);
  if (opts.weighted) out.edges.weight.resize(m);

  const double d = std::max(0.0, 1.0 - opts.a - opts.b - opts.c);
  const double quadrant[4] = {opts.a, opts.b, opts.c, d};
  const QuadrantTable four(std::min(scale, 4), quadrant);
  const QuadrantTable rest(std::max(1, scale % 4), quadrant);
  const int full_groups = scale / 4;
  const bool has_rest = scale % 4 != 0;

  VertexId* src = out.edges.src.data();
  VertexId* dst = out.edges.dst.data();
  Weight* weight = out.edges.weight.data();
  const auto num_blocks = static_cast<std::int64_t>((m + kBlock - 1) / kBlock);
  const bool permute = opts.permute;
  const IdBijection perm(scale, opts.seed);
  const std::uint64_t seed = opts.seed;

#pragma omp parallel for schedule(static) if (num_blocks > 1)
  for (std::int64_t blk = 0; blk < num_blocks; ++blk) {
    Rng rng = Rng::for_item(seed, Stream::kGenerator, static_cast<std::uint64_t>(blk), kRmatTag);
    const auto begin = static_cast<std::uint64_t>(blk * kBlock);
    const std::uint64_t end = std::min(m, begin + static_cast<std::uint64_t>(kBlock));
    for (std::uint64_t e = begin; e < end; ++e) {
      std::uint32_t u = 0, v = 0;
      // One 64-bit draw feeds two table steps (32 bits each).
      int g = 0;
      for (; g + 2 <= full_groups; g += 2) {
        const std::uint64_t r = rng();
        four.step<4>(static_cast<std::uint32_t>(r), u, v);
        four.step<4>(static_cast<std::uint32_t>(r >> 32), u, v);
      }
      if (g < full_groups) {
        const std::uint64_t r = rng();
        four.step<4>(static_cast<std::uint32_t>(r), u, v);
        if (has_rest) rest.step(static_cast<std::uint32_t>(r >> 32), u, v);
      } else if (has_rest) {
        rest.step(static_cast<std::uint32_t>(rng()), u, v);
      }
      if (permute) {
        u = perm(u);
        v = perm(v);
      }
      src[e] = u;
      dst[e] = v;
      if (weight != nullptr) weight[e] = static_cast<Weight>(1 + rng.below(255));
    }
  }
  return out;
}

}  // namespace peerscout::datasets
