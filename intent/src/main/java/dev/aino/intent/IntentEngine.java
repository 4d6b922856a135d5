package dev.aino.intent;

import dev.aino.api.Caller;
import dev.aino.api.NodeSummary;
import dev.aino.api.OrchestratorService;
import dev.aino.api.PageRequest;
import dev.aino.api.WorkloadStatus;
import dev.aino.intent.Conversations.Conversation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point for words: every surface (REST, CLI, MCP, A2A, console) hands its text to
 * {@link #handle} and shows the {@link IntentResult} it gets back.
 *
 * <p>A message is read into an {@link Intent} (by the LLM reader when one is configured, falling
 * back to the offline reader when it fails), continued from the conversation where it answers a
 * question or says yes, and planned, or applied, by {@link IntentPlanner} through {@link
 * OrchestratorService}.
 */
public final class IntentEngine {
  /**
   * The whole cluster as one page: the engine resolves names against every workload and node (the
   * largest page the facade serves).
   */
  private static final PageRequest EVERY = PageRequest.first(PageRequest.MAX_LIMIT);

  private static final Logger LOG = LoggerFactory.getLogger(IntentEngine.class);

  private static final Pattern YES =
      Pattern.compile(
          "(?i)\\s*(yes|y|yep|yeah|yup|sure|ok|okay|confirm|confirmed|do it|go ahead|go|apply|apply it|proceed|please do|yes,? please|yes,? do it)[.! ]*");
  private static final Pattern NO =
      Pattern.compile("(?i)\\s*(no|n|nope|cancel|abort|never ?mind|forget it|don't|do not)[.! ]*");
  private static final Pattern BARE_NAME =
      Pattern.compile("\\s*([a-z0-9][a-z0-9-]{0,62})[.!]?\\s*");

  private final OrchestratorService service;
  private final IntentReader primary;
  private final OfflineIntentReader offline;
  private final IntentPlanner planner;
  private final Conversations conversations;

  /** An engine that reads offline only. */
  public IntentEngine(OrchestratorService service) {
    this(service, null, new OfflineIntentReader());
  }

  /**
   * An engine that reads with {@code llm} first, or offline only when it is null.
   *
   * @param offline the offline reader, also the fallback when the LLM fails
   */
  public IntentEngine(OrchestratorService service, IntentReader llm, OfflineIntentReader offline) {
    this(
        service,
        llm,
        offline,
        new Conversations(
            Conversations.DEFAULT_MAX, Conversations.DEFAULT_IDLE, Clock.systemUTC()));
  }

  IntentEngine(
      OrchestratorService service,
      IntentReader llm,
      OfflineIntentReader offline,
      Conversations conversations) {
    this.service = service;
    this.primary = llm;
    this.offline = offline;
    this.planner = new IntentPlanner(service);
    this.conversations = conversations;
  }

  /**
   * This engine as {@code caller} uses it: the same readers and conversations, with the facade as
   * {@link OrchestratorService#as(Caller) the caller sees it}, so applying a plan checks the
   * caller's role and the events it causes name the caller. Cheap: surfaces call it per request.
   */
  public IntentEngine as(Caller caller) {
    return new IntentEngine(service.as(caller), primary, offline, conversations);
  }

  /** Which reader reads first: {@code offline} or the LLM's name. */
  public String reader() {
    return primary == null ? offline.name() : primary.name();
  }

  /** Loads the offline model now, if it is not loaded yet; later messages do not wait for it. */
  public void warmUp() {
    offline.warmUp();
  }

  /**
   * Loads the offline model on a background thread, so that the first message does not wait for it
   * and start-up does not either.
   */
  public void warmUpInBackground() {
    Thread t =
        new Thread(
            () -> {
              try {
                long t0 = System.nanoTime();
                offline.warmUp();
                LOG.debug("intent model ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
              } catch (RuntimeException e) {
                LOG.warn("intent model could not be loaded: {}", e.toString());
              }
            },
            "aino-intent-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  public IntentResult handle(IntentRequest request) {
    return handle(request, planner);
  }

  /**
   * As {@link #handle(IntentRequest)}, but planned and applied through {@code as}, the facade as
   * one caller sees it ({@code service.as(caller)}): a change the caller's role does not allow
   * throws {@link dev.aino.error.PermissionDeniedException} before anything is written, while
   * questions are answered as for anyone.
   */
  public IntentResult handle(IntentRequest request, OrchestratorService as) {
    return handle(request, new IntentPlanner(as));
  }

  /**
   * Plans and applies an intent a client already structured (an A2A data part such as {@code
   * {"action": "scale", "workload": "web", "replicas": 5}}), through {@code as}: no reader runs,
   * the planner validates every slot as it validates a read one, and the conversation remembers it
   * as it remembers a message (the workload "it" means, a plan that waits for a yes).
   *
   * @param conversation the conversation it continues, or null to start one
   * @param confirm true to confirm a destructive action in this request
   */
  public IntentResult handle(
      Intent intent, String conversation, boolean confirm, OrchestratorService as) {
    java.util.Objects.requireNonNull(intent, "intent");
    if (conversation != null) {
      ConversationId.check("conversation", conversation);
    }
    IntentPlanner through = new IntentPlanner(as);
    Conversation c = conversations.open(conversation);
    synchronized (c) {
      // Confirming the plan this conversation showed applies it only if its workload did not
      // change since; any other structured intent is planned from what it reads now.
      boolean confirmsPending =
          confirm
              && c.pending != null
              && c.pending.action() == intent.action()
              && java.util.Objects.equals(c.pending.workload(), intent.workload());
      IntentPlanner.Planned planned =
          through.handle(
              intent, c.lastWorkload, true, confirm, c.id, confirmsPending ? c.pendingBasis : null);
      remember(c, intent, planned.result(), planned.basis());
      return planned.result();
    }
  }

  private IntentResult handle(IntentRequest request, IntentPlanner through) {
    Conversation c = conversations.open(request.conversation());
    synchronized (c) {
      return handleIn(c, request, through);
    }
  }

  private IntentResult handleIn(Conversation c, IntentRequest request, IntentPlanner through) {
    String text = request.text().strip();
    Intent intent;
    boolean confirmed = request.confirm();
    String note = null;
    PlanBasis expected = null;
    if (YES.matcher(text).matches()) {
      if (c.pending == null) {
        return IntentResult.needsInput(
            null,
            null,
            "Nothing in this conversation waits for a yes. What should I do?",
            List.of("action"),
            c.id);
      }
      intent = c.pending;
      confirmed = true;
      // A yes applies the plan it was shown: only if its workload did not change since.
      expected = c.pendingBasis;
    } else if (NO.matcher(text).matches()) {
      Intent dropped = c.pending;
      c.pending = null;
      c.missing = List.of();
      return IntentResult.answered(
          dropped == null ? null : dropped.action(),
          dropped == null ? null : dropped.workload(),
          "Cancelled; nothing was changed.",
          "cancelled",
          c.id);
    } else {
      IntentContext context = context(c);
      Reading reading = read(text, context);
      intent = reading.intent();
      note = reading.note();
      if (c.pending != null && !c.missing.isEmpty() && !c.missing.contains("confirm")) {
        Intent answer = offline.readAs(text, c.pending.action(), context);
        var m = BARE_NAME.matcher(text);
        if (m.matches() && answer.workload() == null && c.missing.contains("workload")) {
          answer = answer.toBuilder().workload(m.group(1)).build();
        }
        if (m.matches() && answer.node() == null && c.missing.contains("node")) {
          answer = answer.toBuilder().node(m.group(1)).build();
        }
        boolean sameOrUnknown =
            intent.action() == null
                || intent.action() == c.pending.action()
                || text.split("\\s+").length <= 3;
        if (sameOrUnknown && fills(answer, c.missing)) {
          intent = c.pending.filledFrom(answer);
        }
      }
    }
    IntentPlanner.Planned planned =
        through.handle(intent, c.lastWorkload, !request.dryRun(), confirmed, c.id, expected);
    IntentResult result = planned.result();
    remember(c, intent, result, planned.basis());
    if (note != null) {
      result = withNote(result, note);
    }
    return result;
  }

  private record Reading(Intent intent, String note) {}

  private Reading read(String text, IntentContext context) {
    if (primary != null) {
      try {
        return new Reading(primary.read(text, context), null);
      } catch (RuntimeException e) {
        LOG.info("LLM reader failed, reading offline: {}", e.getMessage());
        return new Reading(
            offline.read(text, context),
            "the LLM could not be used (" + e.getMessage() + "); read offline instead");
      }
    }
    return new Reading(offline.read(text, context), null);
  }

  private IntentContext context(Conversation c) {
    List<String> workloads = new ArrayList<>();
    for (WorkloadStatus s : service.workloads(EVERY).items()) {
      workloads.add(s.workload().name());
    }
    List<String> nodes = new ArrayList<>();
    for (NodeSummary n : service.nodes(EVERY).items()) {
      nodes.add(n.node().name());
    }
    return new IntentContext(workloads, nodes, c.lastWorkload);
  }

  private static void remember(
      Conversation c, Intent intent, IntentResult result, PlanBasis basis) {
    if (result.workload() != null && result.outcome() != IntentOutcome.REJECTED) {
      c.lastWorkload = result.workload();
    }
    boolean waits =
        result.outcome() == IntentOutcome.PLANNED
            || (result.outcome() == IntentOutcome.NEEDS_INPUT
                && result.action() != null
                && !result.missing().contains("action"));
    if (waits) {
      Intent.Builder b = intent.toBuilder();
      if (result.workload() != null) {
        b.workload(result.workload());
      }
      if (result.node() != null) {
        b.node(result.node());
      }
      c.pending = b.build();
      c.missing = result.missing() == null ? List.of() : result.missing();
      c.pendingBasis = basis;
    } else {
      c.pending = null;
      c.missing = List.of();
      c.pendingBasis = null;
    }
  }

  private static boolean fills(Intent answer, List<String> missing) {
    for (String field : missing) {
      boolean has =
          switch (field) {
            case "workload" -> answer.workload() != null || answer.refersToLast();
            case "node" -> answer.node() != null;
            case "image" -> answer.image() != null;
            case "replicas" ->
                answer.replicas() != null
                    || answer.replicaDelta() != null
                    || answer.replicaFactor() != null;
            case "minReplicas" -> answer.minReplicas() != null;
            case "maxReplicas" -> answer.maxReplicas() != null;
            case "cpuMillis" -> answer.cpuMillis() != null;
            case "memoryMiB" -> answer.memoryMiB() != null;
            default -> false;
          };
      if (has) {
        return true;
      }
    }
    return false;
  }

  private static IntentResult withNote(IntentResult r, String note) {
    return new IntentResult(
        r.outcome(),
        r.action(),
        r.workload(),
        r.node(),
        r.spec(),
        r.plan(),
        r.answer(),
        r.question(),
        r.missing(),
        r.reason(),
        r.field(),
        r.conversation(),
        r.summary() + " (" + note + ")",
        r.generation());
  }
}
