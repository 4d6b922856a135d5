package dev.aino.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.NodeSummary;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.ObjectRef;
import dev.aino.model.Resources;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Columns and the short units tables show. */
class TableTest {
  @Test
  void alignsColumnsAndLeavesTheLastUnpadded() {
    StringWriter out = new StringWriter();
    new Table("NAME", "READY", "MESSAGE")
        .row("web", "3/3", "all ready")
        .row("a-longer-name", null, "")
        .print(new PrintWriter(out, true));

    assertThat(out.toString().lines())
        .containsExactly(
            "NAME            READY   MESSAGE",
            "web             3/3     all ready",
            "a-longer-name   -       -");
  }

  @Test
  void agesAreShortAndNeverNegative() {
    Instant now = Instant.parse("2026-01-10T12:00:00Z");

    assertThat(Units.age(now.minusSeconds(42), now)).isEqualTo("42s");
    assertThat(Units.age(now.minus(Duration.ofMinutes(5)), now)).isEqualTo("5m");
    assertThat(Units.age(now.minus(Duration.ofHours(3)), now)).isEqualTo("3h");
    assertThat(Units.age(now.minus(Duration.ofDays(4)), now)).isEqualTo("4d");
    assertThat(Units.age(now.plusSeconds(3), now)).isEqualTo("0s");
    assertThat(Units.age(null, now)).isEqualTo("-");
  }

  @Test
  void quantitiesUseWholeUnitsWhenTheyCan() {
    assertThat(Units.cpu(250)).isEqualTo("250m");
    assertThat(Units.cpu(2000)).isEqualTo("2");
    assertThat(Units.memory(512)).isEqualTo("512Mi");
    assertThat(Units.memory(16384)).isEqualTo("16Gi");
    assertThat(Units.memory(1500)).isEqualTo("1500Mi");
  }

  @Test
  void aNodesAgeCountsFromItsRegistrationAndItsHeartbeatIsShownApart() {
    Instant now = Instant.parse("2026-01-10T12:00:00Z");
    Resources size = Resources.of(2000, 4096);
    Node node =
        new Node(
            "n1",
            "",
            Map.of(),
            size,
            size,
            NodeStatus.READY,
            true,
            null,
            now.minusSeconds(4),
            now.minusSeconds(111),
            0);
    NodeSummary summary =
        new NodeSummary(node, Resources.of(400, 512), size.minus(Resources.of(400, 512)), 1);

    List<String> row = cells(Tables.nodes(List.of(summary), now)).get(1);

    assertThat(row.get(3)).isEqualTo("400m/2000m");
    assertThat(row.get(4)).isEqualTo("512Mi/4096Mi");
    assertThat(row.subList(row.size() - 2, row.size())).containsExactly("111s", "4s ago");
  }

  @Test
  void anEventsCountIsSaidInItsMessage() {
    Instant now = Instant.parse("2026-01-10T12:00:00Z");
    Event once =
        Event.of(
            ObjectRef.workload("web"), EventType.NORMAL, "Scheduled", "placed 1 instance", now);
    Event thrice =
        new Event(
            ObjectRef.workload("web"),
            EventType.NORMAL,
            "Scheduled",
            "placed 1 instance",
            3,
            now.minusSeconds(300),
            now,
            0);

    assertThat(Tables.folded(once, now)).isEqualTo("placed 1 instance");
    assertThat(Tables.folded(thrice, now)).isEqualTo("placed 1 instance (3 times in the last 5m)");
  }

  private static List<List<String>> cells(Table table) {
    StringWriter out = new StringWriter();
    table.print(new PrintWriter(out, true));
    return out.toString().lines().map(l -> List.of(l.trim().split(" {2,}"))).toList();
  }
}
