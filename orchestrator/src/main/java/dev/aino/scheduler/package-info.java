/**
 * aino's scheduler: a pure, deterministic placement engine shaped like Nomad's. Input is a {@link
 * dev.aino.scheduler.ClusterSnapshot} and an ordered list of {@link
 * dev.aino.scheduler.PlacementRequest}s; output is a {@link dev.aino.scheduler.SchedulingResult}.
 * No store, no threads, no clock.
 *
 * <pre>
 *  PlacementStages.standard() wires the stages; BatchPlacement runs them per request:
 *
 *  request ──► node filters (fixed for the pass; FilterVerdicts, once per node selector)
 *     │          1 NodeReadyChecker      "not ready"
 *     │          2 SchedulableChecker    "cordoned"
 *     │          3 NodeSelectorChecker   "node selector mismatch"
 *     ▼
 *  CapacityIndex (per node selector): next node in the seeded VisitOrder, from a start hashed
 *     │          from the instance id, that passed the filters and has the free CPU and memory
 *     ▼
 *  resource checks (the authority; name the reasons)
 *     │          4 CpuChecker            "insufficient cpu"
 *     │          5 MemoryChecker         "insufficient memory"
 *     ▼
 *  rankers, averaged:  FitRanker (BestFit v3 bin-pack or spread)
 *     │                AntiAffinityRanker (-replicas here / most on one node)
 *     │    repeat until `limit` unpenalised candidates (limit + maxPenalisedSkips in all)
 *     ▼
 *  best score, ties to the lower node name ─► assign: snapshot + every CapacityIndex, O(log N)
 *  no node with room ─► Unplaced + FitReport from a RejectionTally (per shape, kept up to date)
 * </pre>
 *
 * <h2>Why it stays fast on a full cluster</h2>
 *
 * The filters' verdicts cannot change during a pass, so they are computed once per node and node
 * selector. Free capacity does change, so it is indexed: {@code CapacityIndex} is a max-segment
 * tree of free CPU and memory over the visit order, and a search skips every subtree without room
 * for the request. A placement therefore never walks the nodes that cannot take it, however full
 * the cluster, and its result is exactly that of walking every node in visit order (a property test
 * checks this against a plain walk). Replica counts are kept per workload, in a small table that
 * stays in cache while the candidates of one request are ranked.
 *
 * <h2>Complexity</h2>
 *
 * With N nodes, F node filters, R rankers, L = the candidate limit (default {@code max(2, ceil(log2
 * N))}) plus {@code maxPenalisedSkips}, and K node selectors in a pass:
 *
 * <ul>
 *   <li>pass set-up: O(N) for the shuffle; O(N·F) once per node selector for verdicts and index;
 *   <li>per placement: O(L·(log N + R)) to find and rank candidates, plus O(K·log N) to update the
 *       indices (K is at most 32; older indices are dropped and rebuilt when needed);
 *   <li>per unplaceable request: O(log N) to learn that no node has room; its fit report costs one
 *       O(N) count per distinct (resources, node selector) shape, after which identical failures
 *       reuse it and re-check only the nodes placed on since, so 900 replicas that do not fit count
 *       the cluster once;
 *   <li>snapshot: O(N + instances) to build, O(1) per assignment, O(N + workloads) to copy.
 * </ul>
 *
 * <p>Determinism: node order is by name; the shuffle uses {@link java.util.Random} with the
 * configured seed; scores use a table of {@link java.lang.StrictMath} powers; ties go to the lower
 * node name. A request's outcome depends only on the snapshot, the seed and the request, so a batch
 * decides the same as its requests scheduled one per call.
 */
package dev.aino.scheduler;
