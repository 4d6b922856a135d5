package dev.aino.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {
  private static final long YEAR_10000 = 253_402_300_800L;

  @Test
  void formatsExactlyAsInstantToStringAndParsesBack() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      long seconds = random.nextLong(-62_167_219_200L, YEAR_10000);
      int nanos;
      switch (i % 4) {
        case 0:
          nanos = 0;
          break;
        case 1:
          nanos = random.nextInt(1000) * 1_000_000;
          break;
        case 2:
          nanos = random.nextInt(1_000_000) * 1_000;
          break;
        default:
          nanos = random.nextInt(1_000_000_000);
      }
      Instant instant = Instant.ofEpochSecond(seconds, nanos);
      assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
      assertThat(IsoInstants.parse(instant.toString())).isEqualTo(instant);
    }
  }

  @Test
  void leavesOtherFormsToTheStandardParser() {
    assertThat(IsoInstants.parse("2026-01-01T00:00:00.5Z")).isEqualTo("2026-01-01T00:00:00.500Z");
    assertThat(IsoInstants.parse("2026-01-01T00:00:00+01:00")).isNull();
    assertThat(IsoInstants.parse("2026-02-30T00:00:00Z")).isNull();
    assertThat(IsoInstants.parse("2026-01-01T00:00:00.Z")).isNull();
    assertThat(IsoInstants.parse("+10000-01-01T00:00:00Z")).isNull();
    assertThat(IsoInstants.format(Instant.ofEpochSecond(YEAR_10000)))
        .isEqualTo(Instant.ofEpochSecond(YEAR_10000).toString());
  }

  @Test
  void aMapperWithTheModuleStillReadsOffsetsAndNumbers() throws Exception {
    ObjectMapper mapper = Json.mapper().copy().registerModule(IsoInstants.module());
    assertThat(mapper.readValue("\"2026-01-01T01:00:00+01:00\"", Instant.class))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(mapper.readValue("1767225600", Instant.class))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(mapper.writeValueAsString(Instant.parse("2026-01-01T00:00:00.120Z")))
        .isEqualTo("\"2026-01-01T00:00:00.120Z\"");
  }
}
