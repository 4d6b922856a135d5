package dev.aino.reconcile;

import dev.aino.model.Validate;
import java.time.Instant;

/**
 * One membership group's opinion of a node and since when it holds.
 *
 * @param liveness alive, suspected or dead
 * @param since when the group's opinion changed to {@code liveness}
 */
public record MemberState(Liveness liveness, Instant since) {

  public MemberState {
    Validate.required("liveness", liveness);
    Validate.required("since", since);
  }

  /** The three states of a SWIM member. */
  public enum Liveness {
    /** Answers probes. */
    ALIVE,
    /** Missed probes; the group waits for it to refute the suspicion. */
    SUSPECT,
    /** Did not refute the suspicion in time, or left the group. */
    DEAD
  }
}
