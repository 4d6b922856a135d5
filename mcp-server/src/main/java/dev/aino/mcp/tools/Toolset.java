package dev.aino.mcp.tools;

import dev.aino.error.ValidationException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A group of tools that a client may ask for alone ({@code --mcp-toolsets core,logs}), so that a
 * model that only deploys and diagnoses does not carry node or log tools in its context. The
 * read-only and no-destructive filters apply on top.
 *
 * <p>The default list ({@link #defaults()}) holds every toolset but those few that most agents
 * never need; {@code all} adds them. Why: the default {@code tools/list} must stay within its byte
 * budget (see {@code ToolListSizeTest}) while aino gains tools.
 */
public enum Toolset {
  /** Workloads, instances and diagnose: what an agent that deploys and repairs services needs. */
  CORE(true),
  /** Nodes (list, get, cordon, uncordon, drain) and the cluster's capacity and problems. */
  NODES(true),
  /** Container logs and the event history. */
  LOGS(true),
  /** Plain-language intents (plan and apply). */
  INTENTS(true),
  /** Where workloads answer (their endpoints): for agents that wire services together. */
  NETWORK(false);

  /** The word that selects every toolset. */
  public static final String ALL = "all";

  /** The option's default: the toolsets of {@link #defaults()}, as the option writes them. */
  public static final String DEFAULT = "core,nodes,logs,intents";

  private final boolean listedByDefault;

  Toolset(boolean listedByDefault) {
    this.listedByDefault = listedByDefault;
  }

  /** The option's word for this toolset, e.g. {@code core}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every toolset: what {@code all} selects. */
  public static Set<Toolset> all() {
    return EnumSet.allOf(Toolset.class);
  }

  /** The toolsets listed when none are named: every one but {@link #NETWORK}. */
  public static Set<Toolset> defaults() {
    Set<Toolset> sets = EnumSet.noneOf(Toolset.class);
    Arrays.stream(values()).filter(t -> t.listedByDefault).forEach(sets::add);
    return sets;
  }

  /**
   * Reads a list such as {@code core,logs} or {@code all}.
   *
   * @param field how errors name the option, e.g. {@code --mcp-toolsets}
   * @throws ValidationException naming the option and the words it takes
   */
  public static Set<Toolset> parse(String field, List<String> words) {
    if (words == null || words.isEmpty()) {
      throw new ValidationException(field, "names no toolset; " + choices());
    }
    Set<Toolset> chosen = EnumSet.noneOf(Toolset.class);
    for (String word : words) {
      String w = word == null ? "" : word.trim().toLowerCase(Locale.ROOT);
      if (w.equals(ALL)) {
        chosen.addAll(all());
        continue;
      }
      Toolset match =
          Arrays.stream(values()).filter(t -> t.id().equals(w)).findFirst().orElse(null);
      if (match == null) {
        throw new ValidationException(field, "has no toolset \"" + word + "\"; " + choices());
      }
      chosen.add(match);
    }
    return chosen;
  }

  private static String choices() {
    return "use "
        + Arrays.stream(values()).map(Toolset::id).collect(Collectors.joining(", "))
        + " or "
        + ALL
        + ", separated by commas";
  }
}
