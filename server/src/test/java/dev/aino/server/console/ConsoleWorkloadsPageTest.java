package dev.aino.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.WorkloadSpec;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.TestServer;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workloads table is paged by the facade's pager, so its render does not grow with the cluster:
 * 100 rows a page in name order, a link to the next page, the same page re-rendered live, and a
 * page parameter it does not take refused naming it.
 */
class ConsoleWorkloadsPageTest {
  private static final int WORKLOADS = 150;
  private static final Pattern ROW = Pattern.compile("<tr data-workload=\"([^\"]+)\"");
  private static final Pattern NEXT = Pattern.compile("href=\"/workloads\\?cursor=([^\"]+)\"");

  @TempDir static Path dataDir;
  private static AinoServer server;
  private static HttpProbe http;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir, Map.of());
    for (int i = 0; i < WORKLOADS; i++) {
      server
          .service()
          .apply(String.format("w%03d", i), WorkloadSpec.builder("nginx:1.27").replicas(0).build());
    }
    http = new HttpProbe(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theFirstPageShowsOneHundredRowsAndLinksToTheRest() throws Exception {
    String first = ok("/workloads");
    assertThat(rows(first)).hasSize(100).first().isEqualTo("w000");
    assertThat(rows(first)).last().isEqualTo("w099");
    assertThat(first).contains("100 of 150 workloads");

    String cursor = next(first);
    String second = ok("/workloads?cursor=" + cursor);
    assertThat(rows(second)).hasSize(50).first().isEqualTo("w100");
    assertThat(rows(second)).last().isEqualTo("w149");
    assertThat(second).contains("href=\"/workloads\"").doesNotContain("rel=\"next\"");
    assertThat(second)
        .as("the live region re-reads the same page")
        .contains("hx-get=\"/ui/live/workloads?cursor=" + cursor + "\"");
    assertThat(rows(ok("/ui/live/workloads?cursor=" + cursor))).isEqualTo(rows(second));
  }

  @Test
  void aParameterThePageDoesNotTakeOrABadCursorIsRefusedNamingIt() throws Exception {
    HttpResponse<String> unknown = http.get("/workloads?limit=5000");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
    assertThat(unknown.body()).contains("limit").contains("not a parameter of this page");

    HttpResponse<String> twice = http.get("/ui/live/workloads?cursor=a&cursor=b");
    assertThat(twice.statusCode()).as(twice.body()).isEqualTo(400);
    assertThat(twice.body()).contains("cursor").contains("2 times");

    HttpResponse<String> forged = http.get("/workloads?cursor=not-ours");
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
    assertThat(forged.body()).contains("cursor").contains("not a cursor from this server");
  }

  private static String ok(String path) throws Exception {
    HttpResponse<String> answer = http.get(path);
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    return answer.body();
  }

  private static List<String> rows(String html) {
    List<String> names = new ArrayList<>();
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static String next(String html) {
    Matcher m = NEXT.matcher(html);
    assertThat(m.find()).as("a link to the next page").isTrue();
    return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
  }
}
