package dev.aino.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where raw output is cut into lines, with the smallest allowed line limit, 80 bytes. */
class LineSplitterTest {
  private static final int MAX = 80;
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final LineSplitter splitter = new LineSplitter(MAX);
  private final List<LogLine> out = new ArrayList<>();

  @Test
  void completeLinesAreTakenAndAnUnfinishedOneIsLeft() {
    int consumed = split("one\n\ntwo\nthr", false);

    assertThat(texts()).containsExactly("one", "", "two");
    assertThat(consumed).isEqualTo(9);
  }

  @Test
  void anUnfinishedLineIsTakenWhenEverythingIsAsked() {
    int consumed = split("one\nlast", true);

    assertThat(texts()).containsExactly("one", "last");
    assertThat(consumed).isEqualTo(8);
  }

  @Test
  void anUnfinishedLineOfExactlyTheLimitIsTakenButOneByteShortWaits() {
    assertThat(split("a".repeat(MAX), false)).isEqualTo(MAX);
    assertThat(texts()).containsExactly("a".repeat(MAX));

    out.clear();
    assertThat(split("b".repeat(MAX - 1), false)).isZero();
    assertThat(out).isEmpty();
  }

  @Test
  void aLongLineIsCutIntoPiecesOfTheLimit() {
    String text = "c".repeat(MAX) + "d".repeat(MAX) + "e";

    int consumed = split(text + "\n", false);

    assertThat(texts()).containsExactly("c".repeat(MAX), "d".repeat(MAX), "e");
    assertThat(consumed).isEqualTo(text.length() + 1);
  }

  @Test
  void aLineOfExactlyTheLimitWithItsBreakIsOneLine() {
    split("f".repeat(MAX) + "\n", false);

    assertThat(texts()).containsExactly("f".repeat(MAX));
  }

  @Test
  void linesAreStampedAndTaggedWithTheirStream() {
    splitter.split(utf8("x\n"), 2, false, LogStream.STDERR, NOW, out);

    assertThat(out).containsExactly(new LogLine(NOW, LogStream.STDERR, "x"));
  }

  private int split(String raw, boolean everything) {
    byte[] bytes = utf8(raw);
    return splitter.split(bytes, bytes.length, everything, LogStream.STDOUT, NOW, out);
  }

  private List<String> texts() {
    return out.stream().map(LogLine::text).toList();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
