package dev.aino.intent;

/**
 * Turns one message into an {@link Intent}. A reader only reads: it changes nothing and trusts
 * nothing it produces to be valid; {@link IntentPlanner} checks every slot.
 */
public interface IntentReader {
  /**
   * Reads {@code text}.
   *
   * @throws dev.aino.error.UnavailableException when the reader cannot read right now (an LLM that
   *     cannot be reached or answers something that is no intent)
   */
  Intent read(String text, IntentContext context);

  /** A short name for summaries and logs, e.g. {@code offline}. */
  String name();
}
