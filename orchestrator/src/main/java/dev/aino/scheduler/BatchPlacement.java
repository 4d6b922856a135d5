package dev.aino.scheduler;

import dev.aino.model.NetworkMode;
import dev.aino.model.PortBinding;
import dev.aino.model.PortSpec;
import dev.aino.model.Resources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call of {@link Scheduler#schedule}: places requests in order on a snapshot it updates as it
 * goes. It holds only caches that change no decision (the visit order, a {@link CapacityIndex} per
 * node selector, a {@link RejectionTally} per failing shape), so its result equals scheduling each
 * request in its own call.
 */
final class BatchPlacement {
  /** Bounds the indices kept (O(N) ints each) when a batch has many distinct node selectors. */
  private static final int MAX_INDICES = 32;

  /** Bounds the tallies kept (O(N) references each) when many distinct shapes fail. */
  private static final int MAX_TALLIES = 256;

  private final ClusterSnapshot snapshot;
  private final PlacementStages stages;
  private final VisitOrder order;
  private final int limit;
  private final int maxRanked;
  private final Map<Map<String, String>, CapacityIndex> indices = lruMap(MAX_INDICES);
  private final Map<Shape, RejectionTally> tallies = lruMap(MAX_TALLIES);
  private final List<PlacementDecision> placed = new ArrayList<>();
  private final List<Unplaced> unplaced = new ArrayList<>();

  /** Snapshot indices of the nodes this pass assigned to, in order: what tallies re-check. */
  private int[] assigned = new int[64];

  private int assignedCount;
  private Map<String, String> lastSelector;
  private CapacityIndex lastIndex;

  BatchPlacement(ClusterSnapshot snapshot, SchedulerConfig config) {
    this.snapshot = snapshot;
    this.stages = PlacementStages.standard(snapshot);
    this.order = new VisitOrder(snapshot.nodeCount(), config.seed());
    this.limit = config.candidateLimit().forNodeCount(snapshot.nodeCount());
    this.maxRanked = (int) Math.min(Integer.MAX_VALUE, (long) limit + config.maxPenalisedSkips());
  }

  /**
   * Walks the nodes with room in visit order from the request's start, ranks them until enough
   * unpenalised candidates were seen, and assigns the best; when no node has room, records the
   * request unplaced with its fit report.
   */
  void place(PlacementRequest request) {
    CapacityIndex index = indexFor(request);
    long cpu = request.resources().cpuMillis();
    long memory = request.resources().memoryMiB();
    int size = order.size();
    int start = order.start(request.instanceId());
    NodeState best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    int ranked = 0;
    int unpenalised = 0;
    boolean wrapped = false;
    int position = index.next(start, cpu, memory);
    while (ranked < maxRanked && unpenalised < limit) {
      if (position == size) {
        if (wrapped || start == 0) {
          break;
        }
        wrapped = true;
        position = index.next(0, cpu, memory);
      }
      if (wrapped && position >= start) {
        break;
      }
      NodeState node = snapshot.nodeAt(order.nodeAt(position));
      if (stages.rejectResources(node, request) == null) {
        double sum = 0;
        boolean penalised = false;
        for (NodeRanker ranker : stages.rankers) {
          double score = ranker.score(node, request);
          sum += score;
          penalised |= score < 0;
        }
        double score = sum / stages.rankers.length;
        ranked++;
        if (!penalised) {
          unpenalised++;
        }
        if (score > bestScore || (score == bestScore && node.index < best.index)) {
          best = node;
          bestScore = score;
        }
      }
      position = index.next(position + 1, cpu, memory);
    }
    if (best == null) {
      unplaced.add(new Unplaced(request.instanceId(), reportFor(request, index.verdicts)));
    } else {
      List<PortBinding> ports = assign(best, request);
      placed.add(
          new PlacementDecision(
              request.instanceId(), best.node.name(), bestScore, best.networkFor(request), ports));
    }
  }

  SchedulingResult result() {
    return new SchedulingResult(placed, unplaced);
  }

  private List<PortBinding> assign(NodeState node, PlacementRequest request) {
    snapshot.charge(node.index, request.workload(), request.resources());
    List<PortBinding> ports =
        request.ports().isEmpty()
            ? List.of()
            : node.ports().bind(request.instanceId(), request.ports(), node.networkFor(request));
    int position = order.positionOf(node.index);
    for (CapacityIndex index : indices.values()) {
      index.update(position, node);
    }
    if (assignedCount == assigned.length) {
      assigned = Arrays.copyOf(assigned, assignedCount * 2);
    }
    assigned[assignedCount++] = node.index;
    return ports;
  }

  /**
   * The index for the request's node selector, built on first use in this pass. The last one used
   * is also the most recently used, so the shortcut never returns an index evicted from the map
   * (which would miss updates).
   */
  private CapacityIndex indexFor(PlacementRequest request) {
    Map<String, String> selector = request.placement().nodeSelector();
    if (lastIndex != null && selector.equals(lastSelector)) {
      return lastIndex;
    }
    CapacityIndex index = indices.get(selector);
    if (index == null) {
      index = new CapacityIndex(snapshot, order, new FilterVerdicts(stages, snapshot, request));
      indices.put(selector, index);
    }
    lastSelector = selector;
    lastIndex = index;
    return index;
  }

  /**
   * The shape's fit report as of now: counted over all nodes the first time the shape fails in this
   * pass, then brought up to date by re-checking only the nodes assigned to since.
   */
  private FitReport reportFor(PlacementRequest request, FilterVerdicts verdicts) {
    Shape shape =
        new Shape(
            request.resources(),
            request.placement().nodeSelector(),
            request.network(),
            request.ports());
    RejectionTally tally = tallies.get(shape);
    if (tally == null) {
      tally = new RejectionTally(stages, snapshot, request, verdicts, assignedCount);
      tallies.put(shape, tally);
    } else {
      tally.update(stages, snapshot, request, assigned, assignedCount);
    }
    return tally.report();
  }

  private static <K, V> Map<K, V> lruMap(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Everything a checker may read from a request. */
  private record Shape(
      Resources resources,
      Map<String, String> nodeSelector,
      NetworkMode network,
      List<PortSpec> ports) {}
}
