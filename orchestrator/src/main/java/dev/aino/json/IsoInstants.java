package dev.aino.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Instants in the UTC form {@code 2026-01-01T00:00:02.5Z}, written and read without {@link
 * java.time.format.DateTimeFormatter}: formatting and parsing through it cost about a microsecond
 * and two, which made the two timestamps of an instance a third of decoding its document. The text
 * is exactly {@link Instant#toString()}'s; anything else that {@link Instant} reads (an offset, a
 * number) goes to the standard deserializer.
 */
public final class IsoInstants {
  private static final int LAST_FAST_YEAR = 9999;

  private IsoInstants() {}

  /** A module that reads and writes {@link Instant} this way; register after JavaTimeModule. */
  public static SimpleModule module() {
    return new SimpleModule("aino-iso-instants")
        .addSerializer(Instant.class, new Serializer())
        .addDeserializer(Instant.class, new Deserializer(InstantDeserializer.INSTANT));
  }

  /** As {@link Instant#toString()}. */
  static String format(Instant instant) {
    char[] out = new char[30];
    int length = format(instant, out);
    return length < 0 ? instant.toString() : new String(out, 0, length);
  }

  /** Writes into {@code out} (30 chars); returns the length, or -1 outside years 0 to 9999. */
  private static int format(Instant instant, char[] out) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    if (t.getYear() < 0 || t.getYear() > LAST_FAST_YEAR) {
      return -1;
    }
    int i = digits(out, 0, t.getYear(), 4);
    out[i++] = '-';
    i = digits(out, i, t.getMonthValue(), 2);
    out[i++] = '-';
    i = digits(out, i, t.getDayOfMonth(), 2);
    out[i++] = 'T';
    i = digits(out, i, t.getHour(), 2);
    out[i++] = ':';
    i = digits(out, i, t.getMinute(), 2);
    out[i++] = ':';
    i = digits(out, i, t.getSecond(), 2);
    int nano = instant.getNano();
    if (nano > 0) {
      // Instant.toString: milliseconds, microseconds or nanoseconds, whichever is exact.
      out[i++] = '.';
      if (nano % 1_000_000 == 0) {
        i = digits(out, i, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        i = digits(out, i, nano / 1_000, 6);
      } else {
        i = digits(out, i, nano, 9);
      }
    }
    out[i++] = 'Z';
    return i;
  }

  private static int digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null for any other text. */
  static Instant parse(String text) {
    int n = text.length();
    if (n < 20
        || n > 30
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(n - 1) != 'Z') {
      return null;
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    int nano = 0;
    if (n > 20) {
      int fraction = n - 21;
      if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      nano = number(text, 20, fraction);
      for (int i = fraction; i < 9 && nano >= 0; i++) {
        nano *= 10;
      }
    } else if (text.charAt(19) != 'Z') {
      return null;
    }
    if ((year | month | day | hour | minute | second | nano) < 0) {
      return null;
    }
    try {
      return Instant.ofEpochSecond(
          LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC),
          nano);
    } catch (DateTimeException e) {
      return null; // e.g. February 30: the standard parser names the problem
    }
  }

  /** The decimal number in {@code text[at, at+width)}, or -1 when a character is not a digit. */
  private static int number(String text, int at, int width) {
    int value = 0;
    for (int i = at; i < at + width; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static final class Serializer extends StdScalarSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    Serializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator g, SerializerProvider provider)
        throws IOException {
      char[] out = new char[30];
      int length = format(value, out);
      if (length < 0) {
        g.writeString(value.toString());
      } else {
        g.writeString(out, 0, length);
      }
    }
  }

  private static final class Deserializer extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    private final JsonDeserializer<Instant> standard;

    Deserializer(JsonDeserializer<Instant> standard) {
      super(Instant.class);
      this.standard = standard;
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext context) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        Instant fast = parse(p.getText());
        if (fast != null) {
          return fast;
        }
      }
      return standard.deserialize(p, context);
    }
  }
}
