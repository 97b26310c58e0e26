#include "algorithms/community/label_propagation.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <string>

#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "engine/random.hpp"

namespace peerscout::community {

namespace {

using u32 = std::uint32_t;
using u64 = std::uint64_t;
constexpr EdgeIndex kSmallDegree = 24;

template <class Count>
struct Counter {
  std::vector<Count> acc;
  std::vector<u32> touched;
  explicit Counter(u32 n) : acc(n, Count{0}) {}
};

template <bool kWeighted>
LabelPropagationResult run(const CsrGraph& g, const LabelPropagationOptions& opts, RunContext& ctx) {
  using Count = std::conditional_t<kWeighted, double, u32>;
  const u32 n = g.num_vertices();
  LabelPropagationResult r;
  std::vector<u32> label(n);
  std::iota(label.begin(), label.end(), 0u);
  std::vector<char> active(n, 1), changed(n, 0);
  std::vector<Counter<Count>> counters;
  counters.reserve(static_cast<std::size_t>(std::max(1, max_threads())));
  for (int t = 0; t < std::max(1, max_threads()); ++t) counters.emplace_back(n);
  const EdgeIndex* off = g.offsets().data();
  const VertexId* adj = g.targets().data();
  const Weight* wts = kWeighted ? g.weights().data() : nullptr;
  const u64 tie_seed = mix64(opts.seed ^ 0x1AB5EEDULL);
  std::vector<u32> order, batched, bucket_start, proposal;
  std::vector<u32> bucket_of;
  std::vector<u64> scanned_part;
  const mpi::Comm& comm = ctx.comm();

  // Picks the new label from (label, weight) pairs; `keep` rules and hash ties as documented.
  auto choose = [&](u32 cur, u64 vkey, Count cur_w, const u32* labs, const Count* ws, std::size_t k) -> u32 {
    u32 best = cur;
    Count best_w = cur_w;
    u64 best_h = mix64(vkey ^ cur);
    bool keep = true;
    for (std::size_t i = 0; i < k; ++i) {
      const u32 l = labs[i];
      const Count w = ws[i];
      if (l == cur) continue;
      if (w > best_w) {
        best_w = w;
        best = l;
        best_h = mix64(vkey ^ l);
        keep = false;
      } else if (w == best_w && !keep) {
        const u64 h = mix64(vkey ^ l);
        if (h < best_h || (h == best_h && l < best)) {
          best = l;
          best_h = h;
        }
      }
    }
    return (keep || !(best_w > Count{0})) ? cur : best;
  };
  auto evaluate = [&](u32 v, Counter<Count>& c, u64 rkey) -> u32 {
    const u32 cur = label[v];
    const u64 vkey = mix64(rkey ^ mix64(static_cast<u64>(v) + tie_seed));
    const EdgeIndex begin = off[v], end = off[v + 1];
    if (end - begin <= kSmallDegree) {
      // Low degree (most vertices of a social graph): count in a tiny local table, no random
      // access to the per-thread counter array.
      u32 labs[kSmallDegree];
      Count ws[kSmallDegree];
      std::size_t k = 0;
      Count cur_w{0};
      for (EdgeIndex e = begin; e < end; ++e) {
        const u32 u = adj[e];
        if (u == v) continue;
        const u32 l = label[u];
        Count w;
        if constexpr (kWeighted) {
          w = static_cast<double>(wts[e]);
        } else {
          w = 1;
        }
        if (l == cur) cur_w += w;
        std::size_t i = 0;
        while (i < k && labs[i] != l) ++i;
        if (i == k) {
          labs[k] = l;
          ws[k++] = w;
        } else {
          ws[i] += w;
        }
      }
      return choose(cur, vkey, cur_w, labs, ws, k);
    }
    for (EdgeIndex e = begin; e < end; ++e) {
      if (e + 8 < end) __builtin_prefetch(label.data() + adj[e + 8]);
      const u32 u = adj[e];
      if (u == v) continue;
      const u32 l = label[u];
      if (c.acc[l] == Count{0}) c.touched.push_back(l);
      if constexpr (kWeighted) {
        c.acc[l] += static_cast<double>(wts[e]);
      } else {
        c.acc[l] += 1;
      }
    }
    u32 best = cur;
    Count best_w = c.acc[cur];
    u64 best_h = mix64(vkey ^ cur);
    bool keep = true;  // current label is (so far) among the heaviest
    for (u32 l : c.touched) {
      const Count w = c.acc[l];
      c.acc[l] = Count{0};
      if (l == cur) continue;
      if (w > best_w) {
        best_w = w;
        best = l;
        best_h = mix64(vkey ^ l);
        keep = false;
      } else if (w == best_w && !keep) {
        const u64 h = mix64(vkey ^ l);
        if (h < best_h || (h == best_h && l < best)) {
          best = l;
          best_h = h;
        }
      }
    }
    c.touched.clear();
    // Zero-weight arcs leave acc at 0 and may list a label twice: harmless (reset above).
    return (keep || !(best_w > Count{0})) ? cur : best;
  };

  for (int round = 0; round < opts.max_iterations; ++round) {
    ctx.check_cancelled();
    order.clear();
    for (u32 v = 0; v < n; ++v)
      if (active[v]) {
        order.push_back(v);
        active[v] = 0;
      }
    if (order.empty()) {
      r.converged = true;
      break;
    }
    r.iterations = round + 1;
    const u64 rkey = mix64(opts.seed ^ mix64(static_cast<u64>(round) + 0xB47C4ULL));
    const u32 B = n <= 4096 ? 1 : static_cast<u32>(std::min<std::size_t>(32, order.size()));
    bucket_start.assign(static_cast<std::size_t>(B) + 1, 0);
    bucket_of.resize(order.size());
    std::vector<EdgeIndex> bucket_arcs(B, 0);
    for (std::size_t i = 0; i < order.size(); ++i) {
      const u32 b = B == 1 ? 0 : static_cast<u32>((static_cast<Uint128>(mix64(rkey ^ order[i])) * B) >> 64);
      bucket_of[i] = b;
      ++bucket_start[b + 1];
      bucket_arcs[b] += off[order[i] + 1] - off[order[i]];
    }
    for (u32 b = 0; b < B; ++b) bucket_start[b + 1] += bucket_start[b];
    batched.resize(order.size());
    {
      std::vector<u32> pos(bucket_start.begin(), bucket_start.end() - 1);
      for (std::size_t i = 0; i < order.size(); ++i) batched[pos[bucket_of[i]]++] = order[i];
    }
    proposal.resize(order.size());
    std::size_t changes = 0;
    for (u32 b = 0; b < B; ++b) {
      const auto lo = static_cast<std::int64_t>(bucket_start[b]), hi = static_cast<std::int64_t>(bucket_start[b + 1]);
      if (n <= 4096) {
        // Small graphs: plain asynchronous sweep in hash order (no parallel region).
        std::vector<std::pair<u64, u32>> keyed;
        keyed.reserve(order.size());
        for (u32 v : order) keyed.emplace_back(mix64(rkey ^ v), v);
        std::sort(keyed.begin(), keyed.end());
        for (const auto& kv : keyed) {
          const u32 v = kv.second;
          const u32 l = evaluate(v, counters[0], rkey);
          r.arcs_scanned += g.out_degree(v);
          if (l != label[v]) {
            label[v] = l;
            ++changes;
            for (EdgeIndex e = off[v]; e < off[v + 1]; ++e)
              if (label[adj[e]] != l) active[adj[e]] = 1;
          }
        }
        break;
      }
      std::int64_t batch_changes = 0;
      u64 batch_scanned = 0;
      const bool distributed = comm.distributed();
      const auto propose = [&](std::int64_t i) {
        const auto ii = static_cast<std::size_t>(i);
        proposal[ii] = evaluate(batched[ii], counters[static_cast<std::size_t>(omp_get_thread_num())], rkey);
      };
      if (distributed) {
        // MPI: each rank evaluates its share of the batch (all from the same labels), then every
        // rank gathers all proposals and applies them as a single process does.
        const auto [plo, phi] = comm.share(static_cast<u64>(lo), static_cast<u64>(hi - lo));
#pragma omp parallel for schedule(dynamic, 64) if (bucket_arcs[b] >= (EdgeIndex{1} << 14))
        for (auto i = static_cast<std::int64_t>(plo); i < static_cast<std::int64_t>(phi); ++i) propose(i);
        const auto counts = comm.share_counts(static_cast<u64>(hi - lo));
        comm.allgatherv_inplace(std::span<u32>(proposal).subspan(static_cast<std::size_t>(lo), static_cast<std::size_t>(hi - lo)),
                                std::span<const u64>(counts));
      }
#pragma omp parallel if (bucket_arcs[b] >= (EdgeIndex{1} << 14))
      {
        if (!distributed) {
#pragma omp for schedule(dynamic, 64)
          for (std::int64_t i = lo; i < hi; ++i) propose(i);
        }
        // implicit barrier: every proposal of the batch is computed from the labels before it
#pragma omp for schedule(static) reduction(+ : batch_changes, batch_scanned)
        for (std::int64_t i = lo; i < hi; ++i) {
          const auto ii = static_cast<std::size_t>(i);
          const u32 v = batched[ii];
          batch_scanned += g.out_degree(v);
          const u32 l = proposal[ii];
          if (l == label[v]) continue;
          label[v] = l;
          changed[v] = 1;
          ++batch_changes;
        }
      }
      changes += static_cast<std::size_t>(batch_changes);
      r.arcs_scanned += batch_scanned;
    }
    // Neighbours of the vertices that changed are examined again in the next round.
    if (changes > 0) {
      const auto nn = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(dynamic, 2048) if (nn > 65536)
      for (std::int64_t i = 0; i < nn; ++i) {
        const auto v = static_cast<u32>(i);
        if (!changed[v]) continue;
        changed[v] = 0;
        for (EdgeIndex e = off[v]; e < off[v + 1]; ++e) {
          const u32 u = adj[e];
          if (u != v) std::atomic_ref<char>(active[u]).store(1, std::memory_order_relaxed);
        }
      }
    }
    ctx.report("label_propagation", static_cast<double>(round + 1) / static_cast<double>(opts.max_iterations));
    if (changes == 0) {
      r.converged = true;
      break;
    }
  }
  if (!r.converged) {
    // Converged exactly when no vertex is left active.
    r.converged = std::none_of(active.begin(), active.end(), [](char a) { return a != 0; });
  }
  r.partition = canonical(std::move(label));
  return r;
}

}  // namespace

void LabelPropagationOptions::validate() const {
  if (max_iterations < 1)
    throw InvalidArgument("label_propagation: max_iterations must be >= 1, got " + std::to_string(max_iterations));
}

LabelPropagationResult label_propagation(const CsrGraph& g, const LabelPropagationOptions& opts, RunContext& ctx) {
  opts.validate();
  if (g.directed())
    throw InvalidArgument("label_propagation: the graph must be undirected; symmetrize a directed layer first "
                          "(engine/symmetrize.hpp)");
  const bool weighted = opts.use_weights && g.weighted();
  if (weighted)
    for (Weight w : g.weights())
      if (!std::isfinite(w) || w < 0.0F)
        throw InvalidArgument("label_propagation: edge weights must be finite and >= 0, found " + std::to_string(w));
  auto phase = ctx.phase("label_propagation");
  return weighted ? run<true>(g, opts, ctx) : run<false>(g, opts, ctx);
}

}  // namespace peerscout::community
