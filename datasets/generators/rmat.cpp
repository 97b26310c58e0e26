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

std::uint64_t threshold32(double p) {
  // p in [0, 1] -> [0, 2^32]; a draw r in [0, 2^32) is below it with probability p (to 2^-32).
  return static_cast<std::uint64_t>(std::llround(p * 4294967296.0));
}

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

GeneratedEdges rmat(const RmatOptions& opts) {
  opts.validate();
  const int scale = opts.scale;
  const VertexId n = static_cast<VertexId>(std::uint64_t{1} << scale);
  const auto m = static_cast<std::uint64_t>(opts.edge_factor) << scale;

  GeneratedEdges out;
  out.num_vertices = n;
  out.edges.src.resize(m);
  out.edges.dst.resize(m);
  if (opts.weighted) out.edges.weight.resize(m);

  const std::uint64_t ta = threshold32(opts.a);
  const std::uint64_t tab = threshold32(opts.a + opts.b);
  const std::uint64_t tabc = threshold32(std::min(1.0, opts.a + opts.b + opts.c));

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
      std::uint64_t bits = 0;
      for (int level = 0; level < scale; ++level) {
        std::uint64_t r;
        if ((level & 1) == 0) {
          bits = rng();
          r = bits & 0xffffffffULL;
        } else {
          r = bits >> 32;
        }
        // Quadrant q in {0: a, 1: b, 2: c, 3: d}: row bit = q >> 1, column bit = q & 1.
        const std::uint32_t q = static_cast<std::uint32_t>(r >= ta) + static_cast<std::uint32_t>(r >= tab) +
                                static_cast<std::uint32_t>(r >= tabc);
        u = (u << 1) | (q >> 1);
        v = (v << 1) | (q & 1U);
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
