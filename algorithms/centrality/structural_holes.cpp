#include "algorithms/centrality/structural_holes.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <limits>

#include "algorithms/centrality/detail/pull.hpp"
#include "algorithms/centrality/detail/tie_graph.hpp"
#include "engine/parallel.hpp"

namespace peerscout::centrality {

namespace {

// The sums over common contacts are accumulated per ordered tie (i -> j) in 64-bit fixed point
// (units of 2^-62; each sum lies in [0, 1]): integer additions commute, so the triangles can be
// visited by any thread in any order and the result is still bit-identical. Each term is rounded
// to the nearest unit (error <= 2^-63 per term, about 1e-16 for a vertex of degree 1000).
constexpr double kUnit = 0x1p62;
constexpr double kInvUnit = 0x1p-62;

// x in [0, 1]: x * 2^62 + 0.5 < 2^63, so the signed conversion (one instruction) is exact.
inline std::uint64_t fixed(double x) { return static_cast<std::uint64_t>(static_cast<std::int64_t>(x * kUnit + 0.5)); }
inline double inverse(double total) { return total > 0.0 ? 1.0 / total : 0.0; }

// Accumulators of one oriented tie x -> y (rank x < y): the sums for the ordered pair x -> y
// ("forward") and y -> x ("reverse"). One cache line holds two of them.
struct Sums {
  std::uint64_t ind_fwd = 0, red_fwd = 0, ind_rev = 0, red_rev = 0;
};

struct Shared {
  const detail::OrientedTies& o;
  const std::vector<double>& s;          // strength per oriented tie
  const std::vector<double>& inv_total;      // 1 / S by rank (0 when S = 0)
  const std::vector<double>& inv_strongest;  // 1 / M by rank (0 when M = 0)
  Sums* sums;                            // per oriented tie
};

// For the triangle of ranks v < u < w, the six ordered pairs (i -> j) with third contact q get
// indirect += p(i,q) p(q,j) and redundancy += p(i,q) m(j,q). The four pairs on the ties v-u and
// v-w are accumulated locally and flushed once per v; the two on the tie u-w atomically (its
// accumulators share one cache line, next to the out-list of u that was just scanned).
class HolesVisitor {
 public:
  // Made inside the parallel region: a team of one thread needs no atomic instructions.
  explicit HolesVisitor(const Shared& sh) : sh_(sh), atomic_(omp_get_num_threads() > 1) {}
  void begin(VertexId v) { local_.assign(sh_.o.offsets[v + 1] - sh_.o.offsets[v], Sums{}); }
  void triangle(VertexId v, VertexId u, VertexId w, std::size_t a, std::size_t b, std::size_t c) {
    const EdgeIndex e_vu = sh_.o.offsets[v] + a, e_vw = sh_.o.offsets[v] + b, e_uw = sh_.o.offsets[u] + c;
    const double s_vu = sh_.s[e_vu], s_vw = sh_.s[e_vw], s_uw = sh_.s[e_uw];
    const double iSv = sh_.inv_total[v], iSu = sh_.inv_total[u], iSw = sh_.inv_total[w];
    const double iMv = sh_.inv_strongest[v], iMu = sh_.inv_strongest[u], iMw = sh_.inv_strongest[w];
    const double p_vu = s_vu * iSv, p_vw = s_vw * iSv, p_uv = s_vu * iSu, p_uw = s_uw * iSu, p_wv = s_vw * iSw,
                 p_wu = s_uw * iSw;
    Sums& vu = local_[a];
    vu.ind_fwd += fixed(p_vw * p_wu);  // v -> u via w
    vu.red_fwd += fixed(p_vw * (s_uw * iMu));
    vu.ind_rev += fixed(p_uw * p_wv);  // u -> v via w
    vu.red_rev += fixed(p_uw * (s_vw * iMv));
    Sums& vw = local_[b];
    vw.ind_fwd += fixed(p_vu * p_uw);  // v -> w via u
    vw.red_fwd += fixed(p_vu * (s_uw * iMw));
    vw.ind_rev += fixed(p_wu * p_uv);  // w -> v via u
    vw.red_rev += fixed(p_wu * (s_vu * iMv));
    Sums& uw = sh_.sums[e_uw];
    add(uw.ind_fwd, fixed(p_uv * p_vw));  // u -> w via v
    add(uw.red_fwd, fixed(p_uv * (s_vw * iMw)));
    add(uw.ind_rev, fixed(p_wv * p_vu));  // w -> u via v
    add(uw.red_rev, fixed(p_wv * (s_vu * iMu)));
  }
  void end_pair(VertexId, VertexId, std::size_t, std::uint32_t) {}
  void end(VertexId v) {
    Sums* const mine = sh_.sums + sh_.o.offsets[v];
    for (std::size_t k = 0; k < local_.size(); ++k) {
      add(mine[k].ind_fwd, local_[k].ind_fwd);
      add(mine[k].red_fwd, local_[k].red_fwd);
      add(mine[k].ind_rev, local_[k].ind_rev);
      add(mine[k].red_rev, local_[k].red_rev);
    }
  }

 private:
  void add(std::uint64_t& x, std::uint64_t d) const {
    if (!atomic_) {
      x += d;
    } else if (d != 0) {
      std::atomic_ref<std::uint64_t>(x).fetch_add(d, std::memory_order_relaxed);
    }
  }
  const Shared& sh_;
  bool atomic_;
  std::vector<Sums> local_;
};

}  // namespace

StructuralHoles structural_holes(const CsrGraph& g, bool use_weights, RunContext& ctx) {
  const bool weighted = use_weights && g.weighted();
  if (weighted) detail::check_weights(g, "structural_holes");
  const VertexId n = g.num_vertices();
  const auto nn = static_cast<std::int64_t>(n);
  detail::TieGraph t;
  detail::OrientedTies o;
  {
    auto phase = ctx.phase("structural_holes/ties");
    t = detail::tie_graph(g, true, weighted, "structural_holes");
    o = detail::orient_by_degree(t, true);
  }
  ctx.check_cancelled();
  // Per rank: S (total strength), M (strongest tie); per oriented tie: its strength.
  std::vector<double> total(n), inv_total(n), inv_strongest(n), s(o.targets.size());
  {
    auto phase = ctx.phase("structural_holes/prepare");
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
    for (std::int64_t i = 0; i < nn; ++i) {
      const auto r = static_cast<VertexId>(i);
      const VertexId v = o.vertex[r];
      double sum = 0.0, mx = 0.0;
      for (double x : t.strengths(v)) {
        sum += x;
        mx = std::max(mx, x);
      }
      total[r] = sum;
      inv_total[r] = inverse(sum);
      inv_strongest[r] = inverse(mx);
      for (EdgeIndex e = o.offsets[r]; e < o.offsets[r + 1]; ++e) s[e] = t.strength[t.offsets[v] + o.source_pos[e]];
    }
  }
  ctx.check_cancelled();
  std::vector<Sums> sums(o.targets.size());
  {
    auto phase = ctx.phase("structural_holes/triangles");
    const Shared sh{o, s, inv_total, inv_strongest, sums.data()};
    detail::for_each_triangle<true>(o, [&] { return HolesVisitor(sh); });
  }
  ctx.check_cancelled();
  // Scatter the sums to the tie lists of both ends (each slot written once).
  std::vector<std::uint64_t> indirect(t.targets.size()), redundancy(t.targets.size());
  {
    auto phase = ctx.phase("structural_holes/scatter");
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
    for (std::int64_t i = 0; i < nn; ++i) {
      const auto r = static_cast<VertexId>(i);
      const VertexId v = o.vertex[r];
      for (EdgeIndex e = o.offsets[r]; e < o.offsets[r + 1]; ++e) {
        const EdgeIndex fwd = t.offsets[v] + o.source_pos[e];
        indirect[fwd] = sums[e].ind_fwd;
        redundancy[fwd] = sums[e].red_fwd;
        const VertexId x = o.vertex[o.targets[e]];
        const auto nb = t.neighbors(x);
        const EdgeIndex rev = t.offsets[x] + static_cast<EdgeIndex>(std::lower_bound(nb.begin(), nb.end(), v) - nb.begin());
        indirect[rev] = sums[e].ind_rev;
        redundancy[rev] = sums[e].red_rev;
      }
    }
  }
  ctx.check_cancelled();
  auto phase = ctx.phase("structural_holes/egos");
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  StructuralHoles r;
  r.constraint.assign(n, kNaN);
  r.effective_size.assign(n, kNaN);
#pragma omp parallel for schedule(dynamic, 1024) if (nn > kParallelMin)
  for (std::int64_t ii = 0; ii < nn; ++ii) {
    const auto i = static_cast<VertexId>(ii);
    const double Si = total[o.rank[i]];
    if (t.degree(i) == 0 || !(Si > 0.0)) continue;  // undefined: NaN
    const auto si = t.strengths(i);
    double C = 0.0, ES = 0.0;
    for (std::size_t k = 0; k < si.size(); ++k) {
      const EdgeIndex slot = t.offsets[i] + k;
      const double c = si[k] / Si + static_cast<double>(indirect[slot]) * kInvUnit;
      C += c * c;
      ES += 1.0 - static_cast<double>(redundancy[slot]) * kInvUnit;
    }
    r.constraint[i] = C;
    r.effective_size[i] = ES;
  }
  return r;
}

}  // namespace peerscout::centrality
