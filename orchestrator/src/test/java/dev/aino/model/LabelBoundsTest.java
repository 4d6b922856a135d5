package dev.aino.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Labels on nodes and workloads are bounded as Kubernetes bounds them, plus a count and a size. */
class LabelBoundsTest {
  private static Node node(Map<String, String> labels) {
    return new Node(
        "n1",
        "",
        labels,
        Resources.of(1000, 1024),
        null,
        NodeStatus.READY,
        true,
        null,
        null,
        null,
        0);
  }

  private static Map<String, String> many(int count) {
    Map<String, String> labels = new HashMap<>();
    for (int i = 0; i < count; i++) {
      labels.put("k" + i, "v");
    }
    return labels;
  }

  @Test
  void aNodeHoldsAtMost64Labels() {
    assertThat(node(many(64)).labels()).hasSize(64);
    assertThatThrownBy(() -> node(many(50_000)))
        .isInstanceOf(ValidationException.class)
        .hasMessage("labels: must hold at most 64 labels, got 50000");
  }

  @Test
  void keysAndValuesFollowKubernetesSyntaxAndLengths() {
    assertThat(node(Map.of("example.com/zone", "eu-1", "tier", "")).labels()).hasSize(2);
    assertThat(node(Map.of("a".repeat(253) + "/" + "b".repeat(63), "c".repeat(63))).labels())
        .hasSize(1);
    assertThatThrownBy(() -> node(Map.of("b".repeat(64), "v")))
        .hasMessageContaining("got the name \"" + "b".repeat(64) + "\" (64 characters)");
    assertThatThrownBy(() -> node(Map.of("a".repeat(254) + "/b", "v")))
        .hasMessageContaining("must be a label key");
    assertThatThrownBy(() -> node(Map.of("Example.com/b", "v")))
        .hasMessageContaining("got the prefix \"Example.com\"");
    assertThatThrownBy(() -> node(Map.of("k", "c".repeat(64))))
        .hasMessageStartingWith("labels.k: must be a label value of at most 63");
    assertThatThrownBy(() -> node(Map.of("k", "-v")))
        .hasMessageStartingWith("labels.k: must be a label value");
  }

  @Test
  void allLabelsTogetherAreBoundedInSize() {
    Map<String, String> big = new HashMap<>();
    for (int i = 0; i < 64; i++) {
      big.put("p" + i + "x".repeat(200) + "/k", "v".repeat(63));
    }
    assertThatThrownBy(() -> node(big))
        .hasMessageStartingWith("labels: must total at most 16384 characters of keys and values");
  }

  @Test
  void aNullValueIsRefusedNotTurnedIntoEmpty() {
    Map<String, String> labels = new HashMap<>();
    labels.put("k", null);
    assertThatThrownBy(() -> node(labels)).hasMessageStartingWith("labels.k: must be a string");
  }
}
