package dev.aino.intent;

import dev.aino.intent.ActionClassifier.Classification;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline reader: no network, no key. The action comes from {@link ActionClassifier} over the
 * message with its values masked (so "scale web to 5" and "scale api to 12" look alike to it); the
 * slots come from {@link SlotExtractor}.
 *
 * <p>A few actions differ by a single word that a sentence model weighs lightly ("cordon" and
 * "uncordon", "autoscale" and "autoscale off"); for those pairs an explicit word decides after the
 * classifier has narrowed the choice to the pair.
 */
public final class OfflineIntentReader implements IntentReader {
  /** Below this similarity the message is too far from every example to act on. */
  static final double MIN_SCORE = 0.35;

  private static final Pattern OFF =
      Pattern.compile(
          "\\b(off|disable|disabled|stop|stopped|remove|no more|no longer|not autoscale|don't autoscale|do not autoscale|without|manual|manually|pin|fixed|anymore|unautoscale|cancel)\\b");
  private static final Pattern AUTOSCALE_WORDS =
      Pattern.compile(
          "(%|\\bautoscal|\\bautomatic|\\bbetween \\d+ and \\d+|\\bmin(imum)?\\b|\\bmax(imum)?\\b|\\bat least\\b|\\bat most\\b|\\btarget|\\bwith (the )?load\\b|\\bwith traffic\\b|\\bpercent\\b|\\butili[sz])");

  /** What a leading verb adds to its action's similarity score. */
  static final double VERB_BONUS = 0.1;

  private static final Map<String, IntentAction> VERBS =
      Map.ofEntries(
          Map.entry("deploy", IntentAction.DEPLOY),
          Map.entry("launch", IntentAction.DEPLOY),
          Map.entry("update", IntentAction.UPDATE),
          Map.entry("upgrade", IntentAction.UPDATE),
          Map.entry("downgrade", IntentAction.UPDATE),
          Map.entry("scale", IntentAction.SCALE),
          Map.entry("rescale", IntentAction.SCALE),
          Map.entry("resize", IntentAction.SCALE),
          Map.entry("double", IntentAction.SCALE),
          Map.entry("halve", IntentAction.SCALE),
          Map.entry("triple", IntentAction.SCALE),
          Map.entry("delete", IntentAction.DELETE),
          Map.entry("destroy", IntentAction.DELETE),
          Map.entry("uninstall", IntentAction.DELETE),
          Map.entry("restart", IntentAction.RESTART),
          Map.entry("reboot", IntentAction.RESTART),
          Map.entry("bounce", IntentAction.RESTART),
          Map.entry("diagnose", IntentAction.DIAGNOSE),
          Map.entry("troubleshoot", IntentAction.DIAGNOSE),
          Map.entry("debug", IntentAction.DIAGNOSE),
          Map.entry("list", IntentAction.LIST),
          Map.entry("autoscale", IntentAction.AUTOSCALE),
          Map.entry("cordon", IntentAction.CORDON),
          Map.entry("uncordon", IntentAction.UNCORDON),
          Map.entry("drain", IntentAction.DRAIN),
          Map.entry("evacuate", IntentAction.DRAIN));
  private static final Pattern LEADING_VERB =
      Pattern.compile(
          "^(?:(?:please|pls|now|ok|okay|then|and|so|hey|aino|can you|could you|would you|go|let's|lets)[,]?\\s+)*([a-z]+)\\b");
  private static final Pattern NEGATION =
      Pattern.compile(
          "\\b(don't|do not|dont|stop|prevent|no new|no more|block|keep\\b.*\\boff|avoid|never|not)\\b");
  private static final Pattern AGAIN =
      Pattern.compile(
          "\\b(again|resume|re-?enable|back (?:in|into|to)|unblock|can take|once more|anew)\\b");
  private static final Pattern EVERYTHING_GONE =
      Pattern.compile(
          "\\b(delete|remove|destroy|nuke|wipe|kill|tear|erase|purge|get rid)\\b.*\\b(all|everything|every)\\b|\\b(nuke|wipe)\\b");

  private final ActionClassifier classifier;

  /** The reader with the shipped examples and the in-process MiniLM model, loaded on first use. */
  public OfflineIntentReader() {
    this(AllMiniLmL6V2QuantizedEmbeddingModel::new);
  }

  OfflineIntentReader(Supplier<EmbeddingModel> model) {
    this.classifier = new ActionClassifier(ActionClassifier.load(ActionClassifier.EXAMPLES), model);
  }

  /** Loads the model now; for a background thread at start-up, so no request waits for it. */
  public void warmUp() {
    classifier.warmUp();
  }

  @Override
  public String name() {
    return "offline";
  }

  @Override
  public Intent read(String text, IntentContext context) {
    SlotExtractor.Scan scan = SlotExtractor.scan(text, context);
    Classification c = leadingVerb(classifier.classify(scan.masked()), scan.lower());
    if (c.score() < MIN_SCORE) {
      return Intent.builder().build();
    }
    IntentAction action = settle(c.action(), scan.lower());
    Intent intent = SlotExtractor.extract(scan, action, context);
    IntentAction bySlots = settleBySlots(action, intent);
    if (action == IntentAction.DELETE && scaleDownTo(scan.lower())) {
      bySlots = IntentAction.SCALE;
    }
    return bySlots == action ? intent : SlotExtractor.extract(scan, bySlots, context);
  }

  private static boolean scaleDownTo(String lower) {
    return lower.matches(".*\\b(down )?to \\d+\\b.*")
        || lower.matches(".*\\b\\d+ (replicas?|instances?|copies|pods)\\b.*");
  }

  /** The slots of {@code text} read as {@code action}: an answer to a question about it. */
  Intent readAs(String text, IntentAction action, IntentContext context) {
    return SlotExtractor.extract(SlotExtractor.scan(text, context), action, context);
  }

  /** Classification of the masked text alone; for tests and benchmarks. */
  Classification classify(String text, IntentContext context) {
    return classifier.classify(SlotExtractor.scan(text, context).masked());
  }

  /**
   * Favours the action a message's first verb names ("deploy something" is a deploy, however vague
   * the rest): an imperative's verb is the strongest signal there is, and the sentence model weighs
   * it no more than any other word.
   */
  static Classification leadingVerb(Classification c, String lower) {
    Matcher m = LEADING_VERB.matcher(lower);
    if (!m.find()) {
      return c;
    }
    IntentAction hinted = VERBS.get(m.group(1));
    return hinted == null ? c : c.favour(hinted, VERB_BONUS);
  }

  /** Decides between actions a sentence model cannot tell apart reliably. */
  static IntentAction settle(IntentAction action, String lower) {
    boolean uncordon = lower.matches(".*\\buncordon.*");
    boolean cordon = lower.matches(".*\\bcordon.*");
    if (uncordon && action.targetsNode()) {
      return IntentAction.UNCORDON;
    }
    if (cordon && action.targetsNode()) {
      return IntentAction.CORDON;
    }
    if (lower.matches(".*\\bdrain.*") && action.targetsNode()) {
      return IntentAction.DRAIN;
    }
    if (action == IntentAction.CORDON || action == IntentAction.UNCORDON) {
      // "no new work on node-1" and "new work on node-1 again" are one negation apart.
      boolean negated = NEGATION.matcher(lower).find();
      boolean again = AGAIN.matcher(lower).find();
      if (again && !negated) {
        return IntentAction.UNCORDON;
      }
      if (negated && !again) {
        return IntentAction.CORDON;
      }
      return action;
    }
    boolean autoscaleWords = AUTOSCALE_WORDS.matcher(lower).find();
    if (action == IntentAction.AUTOSCALE || action == IntentAction.AUTOSCALE_OFF) {
      boolean off = OFF.matcher(lower).find() && !lower.matches(".*\\bturn (it )?on\\b.*");
      if (action == IntentAction.AUTOSCALE && !autoscaleWords) {
        return IntentAction.SCALE;
      }
      return off ? IntentAction.AUTOSCALE_OFF : IntentAction.AUTOSCALE;
    }
    if (action == IntentAction.SCALE && autoscaleWords) {
      return IntentAction.AUTOSCALE;
    }
    if (EVERYTHING_GONE.matcher(lower).find()
        && (action == IntentAction.LIST || action == IntentAction.CLUSTER_STATUS)) {
      // "remove all workloads" is close to "list all workloads" in meaning-space; it is a delete
      // (which the planner then refuses as a sweeping request).
      return IntentAction.DELETE;
    }
    return action;
  }

  /**
   * Corrects an action by the slots found: a restart policy is configuration, not a restart; a
   * "scale" that names no count but resources or placement is an update; a "delete" down to a count
   * is a scale.
   */
  static IntentAction settleBySlots(IntentAction action, Intent slots) {
    boolean counts =
        slots.replicas() != null || slots.replicaDelta() != null || slots.replicaFactor() != null;
    boolean config =
        slots.cpuMillis() != null
            || slots.memoryMiB() != null
            || slots.image() != null
            || slots.strategy() != null
            || slots.restartPolicy() != null
            || !slots.nodeSelector().isEmpty()
            || !slots.env().isEmpty();
    if (action == IntentAction.RESTART && slots.restartPolicy() != null) {
      return IntentAction.UPDATE;
    }
    if (action == IntentAction.SCALE && !counts && config) {
      return IntentAction.UPDATE;
    }
    return action;
  }
}
