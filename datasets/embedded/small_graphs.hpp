#pragma once
/// The fixture zoo (after igraph's tests/unit): tiny graphs with hand-checkable counts, for edge
/// cases every algorithm must survive. Each returns the edges (each undirected edge listed once,
/// in the orientation given below) and the vertex count; build them with to_graph(g, {.directed =
/// false}) or {.directed = true} (then each edge is an arc in the listed orientation).
///
/// | function                  | n      | edges (as listed)                                        |
/// |---------------------------|--------|----------------------------------------------------------|
/// | null_graph()              | 0      | none                                                     |
/// | singleton()               | 1      | none                                                     |
/// | path(k)                   | k      | i -> i+1 for i < k-1                    (k-1 edges)      |
/// | star(k)                   | k      | 0 -> i for 1 <= i < k (0 is the hub)    (k-1 edges)      |
/// | cycle(k), k >= 3          | k      | i -> (i+1) mod k                        (k edges)        |
/// | complete(k)               | k      | i -> j for i < j                        (k(k-1)/2 edges) |
/// | two_cliques_bridge(k)     | 2k     | K_k on [0,k), K_k on [k,2k), bridge k-1 -> k (k(k-1)+1)  |
/// | loops_and_multi_edges()   | 4      | see below (weighted)                                     |
///
/// loops_and_multi_edges(): 0-0 (w 1), 0-1 (w 2), 1-0 (w 3), 0-1 (w 4), 1-2 (w 5), 2-2 (w 6),
/// 2-2 (w 7), 2-3 (w 8): 8 input edges, 3 of them self-loops, the pair {0, 1} three times
/// (twice as 0->1 and once as 1->0). Undirected with the default policies (drop loops, sum
/// weights): 3 edges {0,1} w 9, {1,2} w 5, {2,3} w 8. Directed, default policies: 4 arcs
/// 0->1 w 6, 1->0 w 3, 1->2 w 5, 2->3 w 8.
#include "datasets/generators/generated_edges.hpp"

namespace peerscout::datasets {

GeneratedEdges null_graph();
GeneratedEdges singleton();
GeneratedEdges path(VertexId k);
GeneratedEdges star(VertexId k);
/// Requires k >= 3 (InvalidArgument): smaller "cycles" would be loops or multi-edges.
GeneratedEdges cycle(VertexId k);
GeneratedEdges complete(VertexId k);
/// Two complete graphs K_k joined by the single bridge (k-1, k); requires k >= 1.
GeneratedEdges two_cliques_bridge(VertexId k);
GeneratedEdges loops_and_multi_edges();

}  // namespace peerscout::datasets
