package dev.aino.intent;

import dev.aino.model.PlacementStrategy;
import dev.aino.model.RestartPolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the slots of a message with deterministic rules: image references, quantities with units,
 * replica counts and changes, names, quoted commands, {@code K=V} pairs, restart policies,
 * placement. Rules rather than a model here, because a slot must be exact: "256 MiB" is 256, never
 * "about 250".
 *
 * <p>Works in two passes over a {@link Scan} of the message: {@link #scan} takes out what needs no
 * action to be understood (quoted commands, pairs, images, known names), so the classifier sees the
 * words without the values; {@link #extract} then reads the action-specific slots.
 */
final class SlotExtractor {
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"|'([^']*)'|`([^`]*)`");
  private static final Pattern PAIR =
      Pattern.compile("(?<![\\w.=-])([A-Za-z_][A-Za-z0-9_.\\-/]*)=([^\\s,;]*)");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/@\\-]*");
  private static final Pattern IMAGE_REPO =
      Pattern.compile(
          "(?:[a-z0-9]+(?:[.-][a-z0-9]+)*(?::[0-9]+)?/)?[a-z0-9]+(?:[._-][a-z0-9]+)*"
              + "(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*");
  private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Set<String> NOT_IMAGES =
      Set.of(
          "and/or",
          "cpu/memory",
          "memory/cpu",
          "read/write",
          "yes/no",
          "on/off",
          "up/down",
          "in/out");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");

  private static final String NUM = "(\\d+(?:\\.\\d+)?)";
  private static final Pattern CORES =
      Pattern.compile(NUM + "\\s*(?:v?cpus?|cores?|processors?)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern MILLICORES =
      Pattern.compile(
          "(\\d+)\\s*(?:millicores?|millicpus?|milli-cores?|m(?![a-zA-Z])(?!\\s*(?:of\\s+)?(?:memory|ram|mem)\\b))",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern CPU_BARE =
      Pattern.compile("\\bcpus?\\s*(?:of|to|=|:|at)?\\s*" + NUM + "(?!\\s*%)\\b");
  private static final Pattern HALF_CORE =
      Pattern.compile("\\b(half|a quarter of|quarter of|a quarter)\\s+(?:a\\s+)?(?:cpu|core)\\b");
  private static final Pattern MEMORY =
      Pattern.compile(
          NUM
              + "\\s*((?i:kib|ki|kb|mib|mi|mb|megabytes?|megs?|gib|gi|gb|gigabytes?|gigs?|tib|ti|tb)"
              + "|M|G|m(?=\\s*(?:of\\s+)?(?:memory|ram|mem)\\b))(?![a-zA-Z])");
  private static final Pattern MEMORY_BARE =
      Pattern.compile("\\b(?:memory|ram|mem)\\s*(?:of|to|=|:)?\\s*(\\d+)(?!\\s*%)(?![\\d.])");
  private static final Pattern PERCENT =
      Pattern.compile(
          "(?:(cpu|memory|mem|ram)\\D{0,20}?)?(\\d{1,3})\\s*(?:%|percent|per cent)"
              + "(?:\\s*(?:of\\s+)?(?:the\\s+)?(?:average\\s+)?(cpu|memory|mem|ram))?");
  private static final Pattern BETWEEN =
      Pattern.compile(
          "\\b(?:between|from)\\s+(\\d+)\\s+(?:and|to|-)\\s+(\\d+)\\b|\\b(\\d+)\\s*(?:-|to|\\.\\.)\\s*(\\d+)\\s+(?:replicas|instances|copies|pods)");
  private static final Pattern MIN =
      Pattern.compile(
          "\\b(?:min(?:imum)?(?:\\s+replicas)?|at least|no fewer than|never (?:fewer|less) than|never below|floor(?: of)?)\\s*(?:of|=|:|to)?\\s*(\\d+)");
  private static final Pattern MAX =
      Pattern.compile(
          "\\b(?:max(?:imum)?(?:\\s+replicas)?|at most|no more than|never more than|up to|never above|cap(?:ped)?(?: at)?|ceiling(?: of)?)\\s*(?:of|=|:|to|at)?\\s*(\\d+)");
  private static final Pattern DELTA_SIGNED = Pattern.compile("(?<![\\w])([+-])\\s?(\\d+)\\b");
  private static final Pattern DELTA_MORE =
      Pattern.compile(
          "\\b(\\d+)\\s+(more|extra|additional|fewer|less)\\b|\\b(add|remove|drop|kill|take away|take off)\\s+(\\d+)\\b|\\b(up|down)\\s+by\\s+(\\d+)\\b|\\bby\\s+(\\d+)(?:\\s+(more|fewer|less))?\\b|\\btake\\s+(\\d+)\\s+(?:\\w+\\s+)?(?:away|off)\\b");
  private static final Pattern COUNT =
      Pattern.compile(
          "\\b(\\d+)\\s*(?:x\\s+)?(?:replicas?|copies|copy|instances?|pods?|containers?|times|of them|nodes? worth)\\b|\\bx\\s?(\\d+)\\b|\\b(?:replicas?|instances?|copies|count)\\s*(?:=|:|to|of)?\\s*(\\d+)\\b");
  private static final Pattern TO_N = Pattern.compile("\\b(?:to|at|=)\\s+(\\d+)\\b");
  private static final Pattern LONE_N = Pattern.compile("(?<![\\w.%])(\\d+)(?![\\w.%])");

  private static final Map<String, String> NUMBER_WORDS =
      Map.ofEntries(
          Map.entry("zero", "0"),
          Map.entry("none", "0"),
          Map.entry("one", "1"),
          Map.entry("a single", "1"),
          Map.entry("single", "1"),
          Map.entry("two", "2"),
          Map.entry("a couple of", "2"),
          Map.entry("a couple", "2"),
          Map.entry("couple of", "2"),
          Map.entry("three", "3"),
          Map.entry("four", "4"),
          Map.entry("five", "5"),
          Map.entry("six", "6"),
          Map.entry("seven", "7"),
          Map.entry("eight", "8"),
          Map.entry("nine", "9"),
          Map.entry("ten", "10"),
          Map.entry("eleven", "11"),
          Map.entry("twelve", "12"),
          Map.entry("a dozen", "12"),
          Map.entry("fifteen", "15"),
          Map.entry("twenty", "20"),
          Map.entry("thirty", "30"),
          Map.entry("forty", "40"),
          Map.entry("fifty", "50"),
          Map.entry("hundred", "100"));

  private static final Pattern NUMBER_WORD;

  static {
    List<String> words = new ArrayList<>(NUMBER_WORDS.keySet());
    words.sort((a, b) -> b.length() - a.length());
    NUMBER_WORD = Pattern.compile("\\b(" + String.join("|", words) + ")\\b");
  }

  /** Words that are never a name, however they are placed. */
  private static final Set<String> NOT_NAMES =
      Set.of(
          "a",
          "an",
          "the",
          "it",
          "its",
          "it's",
          "that",
          "this",
          "them",
          "they",
          "these",
          "those",
          "all",
          "everything",
          "every",
          "each",
          "any",
          "some",
          "my",
          "our",
          "your",
          "me",
          "us",
          "up",
          "down",
          "out",
          "off",
          "on",
          "in",
          "to",
          "of",
          "for",
          "from",
          "by",
          "with",
          "at",
          "and",
          "or",
          "new",
          "another",
          "more",
          "less",
          "fewer",
          "please",
          "now",
          "again",
          "workload",
          "workloads",
          "service",
          "services",
          "app",
          "apps",
          "application",
          "deployment",
          "container",
          "containers",
          "instance",
          "instances",
          "replica",
          "replicas",
          "copies",
          "copy",
          "pod",
          "pods",
          "image",
          "node",
          "nodes",
          "cluster",
          "logs",
          "log",
          "status",
          "one",
          "is",
          "are",
          "was",
          "be",
          "running",
          "not",
          "so",
          "so-that",
          "then",
          "just",
          "same",
          "too",
          "also",
          "what",
          "why",
          "how",
          "which",
          "who",
          "there",
          "here",
          "called",
          "named",
          "using",
          "use",
          "run",
          "deploy",
          "scale",
          "based",
          "about",
          "going",
          "doing",
          "happening",
          "wrong",
          "broken",
          "failing",
          "crashing",
          "healthy",
          "working",
          "output",
          "errors",
          "error",
          "last",
          "recent",
          "latest",
          "cpu",
          "memory",
          "ram",
          "mem",
          "between",
          "than",
          "when",
          "if",
          "whole",
          "entire",
          "host",
          "machine",
          "server",
          "server's",
          "do",
          "does",
          "did",
          "can",
          "could",
          "would",
          "should",
          "will",
          "let",
          "make",
          "get",
          "give",
          "show",
          "tell",
          "currently",
          "right",
          "please,",
          "yes",
          "no",
          "ok",
          "okay",
          "thanks",
          "back",
          "auto",
          "autoscaling",
          "autoscaler",
          "autoscale",
          "scaling",
          "manual",
          "manually",
          "fixed",
          "spec",
          "both");

  private static final Pattern EVERYTHING =
      Pattern.compile(
          "\\b(everything|all (?:the |my |of the |our )?(?:workloads|apps|applications|services|deployments|containers|of them)|every (?:workload|app|service|single)|each (?:workload|service)|the whole (?:cluster|thing)|all of it|wipe (?:the )?cluster|nuke)\\b|^\\s*(?:delete|remove|kill|stop|destroy)\\s+all\\b");
  private static final Pattern PRONOUN =
      Pattern.compile("\\b(it|it's|its|that|that one|them|this one|the same one|same one)\\b");

  private static final Pattern NAMED =
      Pattern.compile(
          "\\b(?:called|named|name it|call it|calling it|name|with (?:the )?name|under the name|as)\\s*[:=]?\\s*[\"']?("
              + NAME
              + ")");
  private static final Pattern NODE_NAMED =
      Pattern.compile(
          "\\b(?:node|host|machine|server|worker node)\\s*[:=]?\\s*[\"']?([A-Za-z0-9][A-Za-z0-9_.\\-]*)");
  private static final Pattern NODE_AFTER_VERB =
      Pattern.compile(
          "\\b(?:uncordon|cordon|drain|evacuate|empty|unblock|block|isolate|fence|quarantine)\\s+(?:off\\s+)?(?:the\\s+)?(?:node\\s+|host\\s+|machine\\s+)?([A-Za-z0-9][A-Za-z0-9_.\\-]*)");
  private static final Pattern DEPLOY_NOUN =
      Pattern.compile(
          "\\b(?:new|a|another)\\s+(?:workload|service|app|application|deployment)\\s+[\"']?("
              + NAME
              + ")");
  private static final Pattern WORKLOAD_NOUN_AFTER =
      Pattern.compile("\\b(?:workload|service|app|application|deployment)\\s+[\"']?(" + NAME + ")");
  private static final Pattern WORKLOAD_NOUN_BEFORE =
      Pattern.compile(
          "(?:^|\\s)(?:the\\s+)?("
              + NAME
              + ")(?:'s)?\\s+(?:workload|service|app|application|deployment|pods|containers|instances|replicas|copies|logs|output|status)\\b");
  private static final Pattern WORKLOAD_AFTER_VERB =
      Pattern.compile(
          "\\b(?:scale|rescale|resize|restart|reboot|bounce|recycle|cycle|kick|delete|remove|destroy|drop|stop|kill|terminate|tear down|take down|get rid of|update|upgrade|downgrade|change|modify|patch|bump|move|switch|roll|redeploy|autoscale|diagnose|debug|troubleshoot|describe|inspect|check|show|tail|status of|logs of|logs for|logs from|output of|output from|health of|state of|wrong with|happening with|going on with|up with|is|are|why is|why does|why did|why are|how is|how's|how are|let|set|give|make|keep|limit|allow|disable|enable|turn off|turn on|uninstall|unautoscale|for|of|from|on)\\s+(?:the\\s+)?(?:workload\\s+|service\\s+|app\\s+)?[\"']?("
              + NAME
              + ")");

  private SlotExtractor() {}

  /**
   * A message with its values taken out.
   *
   * @param original the message as written
   * @param lower the message, lower-case, number words as digits, quoted parts and images replaced
   *     by placeholders, for the slot rules
   * @param masked the message with values replaced by the placeholders the labelled examples use,
   *     for the classifier
   */
  record Scan(
      String original,
      String lower,
      String masked,
      List<String> command,
      String commandText,
      Map<String, String> env,
      Map<String, String> nodeLabels,
      String image,
      List<String> knownWorkloads,
      List<String> knownNodes) {}

  static Scan scan(String text, IntentContext context) {
    String work = text.strip().replaceAll("\\s+", " ");
    // Quoted parts first: their words are values, never instructions.
    List<String> command = List.of();
    String commandText = null;
    Matcher q = QUOTED.matcher(work);
    StringBuilder sb = new StringBuilder();
    while (q.find()) {
      String inner = q.group(1) != null ? q.group(1) : q.group(2) != null ? q.group(2) : q.group(3);
      if (commandText == null && !inner.isBlank()) {
        commandText = inner.strip();
        command = List.of(commandText.split("\\s+"));
      }
      q.appendReplacement(sb, " QCMD ");
    }
    q.appendTail(sb);
    work = sb.toString();

    Map<String, String> env = new java.util.LinkedHashMap<>();
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    Matcher p = PAIR.matcher(work);
    sb = new StringBuilder();
    while (p.find()) {
      String key = p.group(1);
      String value = stripTrailing(p.group(2));
      String before =
          work.substring(Math.max(0, p.start() - 40), p.start()).toLowerCase(Locale.ROOT);
      boolean envContext =
          before.matches(".*\\b(env|envs|environment|variables?|vars?|set)\\b[^=]*$")
              && !before.matches(".*\\b(label|labels|labelled|labeled|nodes?|zone|on)\\s*$");
      boolean labelContext =
          before.matches(".*\\b(on|in|label|labels|labelled|labeled|nodes?|where|with)\\s*$");
      boolean upper = Character.isUpperCase(key.charAt(0));
      if ((upper || envContext) && !(labelContext && !upper)) {
        env.put(key, value);
      } else {
        labels.put(key, value);
      }
      p.appendReplacement(sb, " KV ");
    }
    p.appendTail(sb);
    work = sb.toString();

    String image = null;
    StringBuilder masked = new StringBuilder();
    StringBuilder lowered = new StringBuilder();
    Matcher t = TOKEN.matcher(work);
    int last = 0;
    while (t.find()) {
      String raw = t.group();
      String token = stripTrailing(raw);
      String tail = raw.substring(token.length());
      masked.append(work, last, t.start());
      lowered.append(work, last, t.start());
      last = t.end();
      if (context.workloads().contains(token)) {
        masked.append("web").append(tail);
        lowered.append(token).append(tail);
      } else if (context.nodes().contains(token)) {
        masked.append("node-1").append(tail);
        lowered.append(token).append(tail);
      } else if (image == null && looksLikeImage(token)) {
        image = token;
        masked.append("nginx").append(tail);
        lowered.append("IMG").append(tail);
      } else {
        masked.append(raw);
        lowered.append(raw);
      }
    }
    masked.append(work.substring(last));
    lowered.append(work.substring(last));
    String lower = numberWordsToDigits(lowered.toString().toLowerCase(Locale.ROOT));
    String maskedText =
        masked.toString().replace("QCMD", "\"cmd\"").replace("KV", "key=value").strip();
    return new Scan(
        text,
        lower,
        maskedText,
        command,
        commandText,
        env,
        labels,
        image,
        context.workloads(),
        context.nodes());
  }

  /** Reads the slots {@code action} needs from a scanned message. */
  static Intent extract(Scan scan, IntentAction action, IntentContext context) {
    Intent.Builder b = Intent.builder().action(action);
    String lower = scan.lower();
    b.command(scan.command());
    scan.env().forEach(b::env);
    scan.nodeLabels().forEach(b::nodeLabel);

    String image = scan.image();
    if (action == IntentAction.DEPLOY && image == null) {
      image = imageAfterVerb(scan.original(), context);
    }
    b.image(image);

    // Resources before counts: "2 cores" and "512Mi" are not replica counts. Memory first, on
    // the text as written: "256M" is a megabyte amount, "250m" a millicore one.
    String rest = lower;
    Matcher mem = MEMORY.matcher(scanCased(scan));
    Matcher m;
    if (mem.find()) {
      b.memoryMiB(toMiB(new BigDecimal(mem.group(1)), mem.group(2)));
      rest = rest.replaceFirst(Pattern.quote(mem.group().toLowerCase(Locale.ROOT)), " ");
    } else if ((m = MEMORY_BARE.matcher(rest)).find()) {
      b.memoryMiB(Long.parseLong(m.group(1)));
      rest = blank(rest, m);
    }
    if ((m = CORES.matcher(rest)).find()) {
      b.cpuMillis(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1000)).longValue());
      rest = blank(rest, m);
    } else if ((m = MILLICORES.matcher(rest)).find()) {
      b.cpuMillis(Long.parseLong(m.group(1)));
      rest = blank(rest, m);
    } else if ((m = HALF_CORE.matcher(rest)).find()) {
      b.cpuMillis(m.group(1).equals("half") ? 500L : 250L);
      rest = blank(rest, m);
    } else if ((m = CPU_BARE.matcher(rest)).find()) {
      BigDecimal v = new BigDecimal(m.group(1));
      // A bare number after "cpu": cores when small or fractional, millicores otherwise.
      boolean cores = v.scale() > 0 || v.compareTo(BigDecimal.valueOf(64)) <= 0;
      b.cpuMillis(cores ? v.multiply(BigDecimal.valueOf(1000)).longValue() : v.longValue());
      rest = blank(rest, m);
    }

    if (action == IntentAction.AUTOSCALE || action == IntentAction.AUTOSCALE_OFF) {
      rest = autoscaleSlots(rest, b);
    } else {
      rest = replicaSlots(rest, action, b);
    }

    restartPolicy(lower).ifPresent(b::restartPolicy);
    if (lower.matches(
        ".*\\b(spread|spreading|across (?:all |the |different |many |several )?(?:nodes|hosts|machines)|different (?:nodes|hosts|machines)|1 per (?:node|host)|each on its own (?:node|host)|anti-affinity|not on the same (?:node|host))\\b.*")) {
      b.strategy(PlacementStrategy.SPREAD);
    } else if (lower.matches(
        ".*\\b(bin-?pack|binpacking|pack (?:them )?tight(?:ly)?|as few (?:nodes|hosts) as)\\b.*")) {
      b.strategy(PlacementStrategy.BINPACK);
    }

    b.everything(EVERYTHING.matcher(lower).find());
    if (action.targetsNode()) {
      b.node(nodeName(scan, lower, context));
    } else {
      String name = workloadName(scan, lower, action, context);
      b.workload(name);
      if (name == null && PRONOUN.matcher(lower).find()) {
        b.refersToLast(true);
      }
    }
    return b.build();
  }

  private static String autoscaleSlots(String rest, Intent.Builder b) {
    Matcher m = BETWEEN.matcher(rest);
    if (m.find()) {
      int lo = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(3));
      int hi = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
      b.minReplicas(Math.min(lo, hi)).maxReplicas(Math.max(lo, hi));
      rest = blank(rest, m);
    }
    if ((m = MIN.matcher(rest)).find()) {
      b.minReplicas(Integer.parseInt(m.group(1)));
      rest = blank(rest, m);
    }
    if ((m = MAX.matcher(rest)).find()) {
      b.maxReplicas(Integer.parseInt(m.group(1)));
      rest = blank(rest, m);
    }
    Matcher pct = PERCENT.matcher(rest);
    while (pct.find()) {
      String what = pct.group(1) != null ? pct.group(1) : pct.group(3);
      int value = Integer.parseInt(pct.group(2));
      if (what != null && !what.equals("cpu")) {
        b.targetMemoryPercent(value);
      } else if (what == null
          && rest.matches(".*\\b(memory|mem|ram)\\b.*")
          && !rest.matches(".*\\bcpu\\b.*")) {
        b.targetMemoryPercent(value);
      } else {
        b.targetCpuPercent(value);
      }
    }
    return rest;
  }

  private static String replicaSlots(String rest, IntentAction action, Intent.Builder b) {
    Matcher m;
    if (action == IntentAction.SCALE) {
      if (rest.matches(".*\\b(double|twice|2x|two-fold|twofold|x2)\\b.*")) {
        b.replicaFactor(2.0);
        return rest;
      }
      if (rest.matches(".*\\b(triple|3x|threefold|x3)\\b.*")) {
        b.replicaFactor(3.0);
        return rest;
      }
      if (rest.matches(".*\\b(halve|half|in half|by half|50%)\\b.*")) {
        b.replicaFactor(0.5);
        return rest;
      }
      if ((m = DELTA_MORE.matcher(rest)).find()) {
        int n;
        boolean down;
        if (m.group(1) != null) {
          n = Integer.parseInt(m.group(1));
          down = m.group(2).equals("fewer") || m.group(2).equals("less");
        } else if (m.group(3) != null) {
          n = Integer.parseInt(m.group(4));
          down = !m.group(3).equals("add");
        } else if (m.group(5) != null) {
          n = Integer.parseInt(m.group(6));
          down = m.group(5).equals("down");
        } else if (m.group(9) != null) {
          n = Integer.parseInt(m.group(9));
          down = true;
        } else {
          n = Integer.parseInt(m.group(7));
          down =
              m.group(8) != null
                  ? !m.group(8).equals("more")
                  : rest.matches(
                      ".*\\b(down|reduce|decrease|lower|shrink|fewer|less|remove|cut)\\b.*");
        }
        b.replicaDelta(down ? -n : n);
        return blank(rest, m);
      }
      if ((m = DELTA_SIGNED.matcher(rest)).find()) {
        int n = Integer.parseInt(m.group(2));
        b.replicaDelta(m.group(1).equals("-") ? -n : n);
        return blank(rest, m);
      }
      if (rest.matches(".*\\b(one|1) more\\b.*|.*\\banother (replica|instance|copy)\\b.*")) {
        b.replicaDelta(1);
        return rest;
      }
    }
    if ((m = COUNT.matcher(rest)).find()) {
      String g = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      b.replicas(Integer.parseInt(g));
      return blank(rest, m);
    }
    if (action == IntentAction.SCALE) {
      if ((m = TO_N.matcher(rest)).find()) {
        b.replicas(Integer.parseInt(m.group(1)));
        return blank(rest, m);
      }
      if (rest.matches(".*\\b(nothing|zero|0)\\b.*")) {
        b.replicas(0);
        return rest;
      }
      if ((m = LONE_N.matcher(rest)).find()) {
        b.replicas(Integer.parseInt(m.group(1)));
        return blank(rest, m);
      }
    }
    if (action == IntentAction.DEPLOY
        && (m = Pattern.compile("^\\s*\\w+\\s+(\\d+)\\s").matcher(rest)).find()) {
      // "run 3 IMG": a count right after the verb.
      b.replicas(Integer.parseInt(m.group(1)));
      return blank(rest, m);
    }
    return rest;
  }

  static java.util.Optional<RestartPolicy> restartPolicy(String lower) {
    if (lower.matches(
        ".*\\b(never restart|restart(?: policy)?\\s*[:=]?\\s*never|don't restart|do not restart|no restarts?|without restart(?:ing|s)?|never be restarted|run once|one-shot|one shot|only once)\\b.*")) {
      return java.util.Optional.of(RestartPolicy.NEVER);
    }
    if (lower.matches(
        ".*\\b(on[- ]?failure|on fail|when it fails|if it fails|on errors?|on crash(?:es)?|if it crashes|when it crashes|only (?:when|if) it (?:fails|crashes))\\b.*")) {
      return java.util.Optional.of(RestartPolicy.ON_FAILURE);
    }
    if (lower.matches(
        ".*\\b(always restart|restart(?: policy)?\\s*[:=]?\\s*always|restart it always|keep (?:it|them) (?:running|alive|up))\\b.*")) {
      return java.util.Optional.of(RestartPolicy.ALWAYS);
    }
    return java.util.Optional.empty();
  }

  private static String nodeName(Scan scan, String lower, IntentContext context) {
    for (String token : tokens(scan.original())) {
      if (context.nodes().contains(token)) {
        return token;
      }
    }
    String original = scanCased(scan);
    for (Pattern pattern : List.of(NODE_AFTER_VERB, NODE_NAMED)) {
      Matcher m = pattern.matcher(original);
      while (m.find()) {
        String name = stripTrailing(m.group(1));
        if (!NOT_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
          return name;
        }
      }
    }
    return null;
  }

  private static String workloadName(
      Scan scan, String lower, IntentAction action, IntentContext context) {
    String original = scanCased(scan);
    if (action == IntentAction.DEPLOY) {
      Matcher m = NAMED.matcher(original);
      while (m.find()) {
        String name = stripTrailing(m.group(1));
        if (!NOT_NAMES.contains(name.toLowerCase(Locale.ROOT)) && !name.equals("IMG")) {
          return name;
        }
      }
    }
    if (action == IntentAction.DEPLOY) {
      Matcher m = DEPLOY_NOUN.matcher(original);
      while (m.find()) {
        String name = stripTrailing(m.group(1));
        if (!NOT_NAMES.contains(name.toLowerCase(Locale.ROOT)) && !name.equals("IMG")) {
          return name;
        }
      }
    }
    // A name the cluster knows beats any guess.
    for (String token : tokens(original)) {
      if (context.workloads().contains(token)) {
        return token;
      }
    }
    if (action == IntentAction.DEPLOY) {
      return null;
    }
    for (Pattern pattern :
        List.of(WORKLOAD_NOUN_AFTER, WORKLOAD_NOUN_BEFORE, WORKLOAD_AFTER_VERB)) {
      Matcher m = pattern.matcher(original);
      while (m.find()) {
        String name = stripTrailing(m.group(1));
        if (name.endsWith("'s")) {
          name = name.substring(0, name.length() - 2);
        }
        if (!NOT_NAMES.contains(name.toLowerCase(Locale.ROOT))
            && !name.equals("IMG")
            && !name.equals("QCMD")
            && !name.equals("KV")
            && !name.matches("\\d+.*")) {
          return name;
        }
      }
    }
    return null;
  }

  /** The message after the first pass, in its original case (names are case-sensitive). */
  private static String scanCased(Scan scan) {
    String work = QUOTED.matcher(scan.original().strip()).replaceAll(" QCMD ");
    work = PAIR.matcher(work).replaceAll(" KV ");
    if (scan.image() != null) {
      work = work.replace(scan.image(), "IMG");
    }
    return work;
  }

  /** After "deploy", "run" and friends: the first word that can be an image ("run redis"). */
  private static String imageAfterVerb(String text, IntentContext context) {
    Matcher m =
        Pattern.compile(
                "\\b(?:deploy|run|start|launch|spin up|fire up|bring up|create|install|set up|put up|host|serve|give me|i want|i need|need|want)\\s+(.*)",
                Pattern.CASE_INSENSITIVE)
            .matcher(QUOTED.matcher(text).replaceAll(" "));
    if (!m.find()) {
      return null;
    }
    for (String token : m.group(1).split("[\\s,]+")) {
      String word = stripTrailing(token);
      String w = word.toLowerCase(Locale.ROOT);
      if (w.isEmpty()
          || NOT_NAMES.contains(w)
          || NUMBER_WORDS.containsKey(w)
          || w.matches("\\d.*|x\\d+|with|single|fresh|instance|copies|box|boxes")) {
        continue;
      }
      if (w.matches(
          "called|named|on|using|that|which|and|behind|something|anything|stuff|things?|whatever|some")) {
        return null;
      }
      return IMAGE_REPO.matcher(word).matches() && !context.workloads().contains(word)
          ? word
          : null;
    }
    return null;
  }

  static boolean looksLikeImage(String token) {
    if (token.matches("(?i)https?://.*") || token.contains("=")) {
      return false;
    }
    String repo = token;
    int at = token.indexOf('@');
    if (at >= 0) {
      repo = token.substring(0, at);
      if (!token.substring(at + 1).matches("sha256:[a-f0-9]{64}")) {
        return false;
      }
    } else {
      int slash = token.lastIndexOf('/');
      int colon = token.lastIndexOf(':');
      if (colon > slash) {
        String tag = token.substring(colon + 1);
        if (!IMAGE_TAG.matcher(tag).matches()) {
          return false;
        }
        repo = token.substring(0, colon);
      } else if (slash < 0) {
        return false;
      }
    }
    return IMAGE_REPO.matcher(repo).matches()
        && repo.matches(".*[a-z].*")
        && !NOT_IMAGES.contains(token.toLowerCase(Locale.ROOT));
  }

  private static long toMiB(BigDecimal value, String unit) {
    BigDecimal bytes =
        switch (unit.toLowerCase(Locale.ROOT)) {
          case "kib", "ki" -> value.multiply(BigDecimal.valueOf(1024));
          case "kb" -> value.multiply(BigDecimal.valueOf(1000));
          case "mib", "mi" -> value.multiply(BigDecimal.valueOf(1L << 20));
          case "mb", "megabyte", "megabytes", "meg", "megs", "m" ->
              value.multiply(BigDecimal.valueOf(1_000_000));
          case "gib", "gi", "gig", "gigs" -> value.multiply(BigDecimal.valueOf(1L << 30));
          case "gb", "gigabyte", "gigabytes", "g" ->
              value.multiply(BigDecimal.valueOf(1_000_000_000));
          case "tib", "ti" -> value.multiply(BigDecimal.valueOf(1L << 40));
          case "tb" -> value.multiply(BigDecimal.valueOf(1_000_000_000_000L));
          default -> throw new IllegalStateException("unit " + unit);
        };
    // Rounded up: a request below what was asked for could starve the process.
    return bytes.divide(BigDecimal.valueOf(1L << 20), 0, RoundingMode.CEILING).longValueExact();
  }

  private static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    for (String raw : text.split("[\\s,;!?()\"]+")) {
      String t = stripTrailing(raw);
      if (t.endsWith("'s")) {
        t = t.substring(0, t.length() - 2);
      }
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private static String stripTrailing(String token) {
    int end = token.length();
    while (end > 0 && ".,;:!?)'\"".indexOf(token.charAt(end - 1)) >= 0) {
      end--;
    }
    return token.substring(0, end);
  }

  private static String blank(String text, Matcher m) {
    return text.substring(0, m.start()) + " ".repeat(m.end() - m.start()) + text.substring(m.end());
  }

  static String numberWordsToDigits(String lower) {
    Matcher m = NUMBER_WORD.matcher(lower);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, NUMBER_WORDS.get(m.group(1)));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
