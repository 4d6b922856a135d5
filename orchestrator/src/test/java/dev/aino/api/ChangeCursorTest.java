package dev.aino.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ChangeCursorTest {
  @Test
  void countsTheChangesSeenOfTheLastRevisionAndReadsBackWhatItWrites() {
    ChangeCursor start = ChangeCursor.after(EnumSet.of(ChangeKind.EVENT, ChangeKind.WORKLOAD), 40);
    assertThat(start).hasToString("workload:40,event:40");
    assertThat(start.position(ChangeKind.WORKLOAD).resumeFrom()).isEqualTo(41);

    ChangeCursor twoOf57 = start.advance(ChangeKind.WORKLOAD, 57).advance(ChangeKind.WORKLOAD, 57);
    assertThat(twoOf57).hasToString("workload:57.2,event:40");
    // Revision 57 may hold more changes: resume from it, skipping the two seen.
    assertThat(twoOf57.position(ChangeKind.WORKLOAD).resumeFrom()).isEqualTo(57);
    assertThat(twoOf57.advance(ChangeKind.WORKLOAD, 60)).hasToString("workload:60.1,event:40");
    assertThat(ChangeCursor.parse("id", twoOf57.toString())).isEqualTo(twoOf57);
    assertThat(twoOf57.highest()).isEqualTo(57);
  }

  @Test
  void refusesAnythingButKnownKindsOnceEachAtAPosition() {
    assertRefused("", "id: is empty; give kind:revision pairs, e.g. workload:41");
    assertRefused("workload", "id: has \"workload\" where kind:revision belongs, e.g. workload:41");
    assertRefused(
        "pod:3",
        "id: names the unknown kind \"pod\"; the kinds are workload, instance, event, node");
    assertRefused("node:3,node:4", "id: names node twice");
    assertRefused(
        "node:-3",
        "id: has \"-3\" as the position of node; give a revision, or revision.changes as in 57.2");
    assertRefused("node:3.0", "id: has \"3.0\" for node; the count after the dot is 1 or more");
    assertRefused(
        "node:99999999999999999999",
        "id: has \"99999999999999999999\" as the position of node; give a revision, or"
            + " revision.changes as in 57.2");
    assertRefused(
        "node:9999999999999999999",
        "id: has 9999999999999999999 as the revision of node, which is too large");
    assertRefused("node:1,".repeat(40), "id: is 280 characters long; a cursor has at most 200");
  }

  private static void assertRefused(String text, String message) {
    assertThatThrownBy(() -> ChangeCursor.parse("id", text))
        .isInstanceOf(ValidationException.class)
        .hasMessage(message);
  }
}
