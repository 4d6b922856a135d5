package dev.aino.intent;

/** How the engine answered an intent. */
public enum IntentOutcome {
  /** What would change, computed without changing anything. */
  PLANNED,
  /** The change was made. */
  APPLIED,
  /** A question was answered (status, diagnose, logs, list, cluster status). */
  ANSWERED,
  /** Something is missing or needs a yes; the result asks one question. */
  NEEDS_INPUT,
  /** Unsafe or invalid; the result names the field and the reason. */
  REJECTED
}
