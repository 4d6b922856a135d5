package dev.aino.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.api.Surface;
import dev.aino.console.ConsoleSession;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.testing.MutableClock;
import io.javalin.config.JavalinConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Console sessions through the real request guard: the cookie stands for the token, a change needs
 * the CSRF header too, and an expired or ended session is no login.
 */
class ConsoleSessionsTest {
  private static final String TOKEN = "s3cret-token";

  /** Answers who the guard authenticated, for reads and for writes. */
  private static final class WhoAmI implements HttpComponent {
    @Override
    public void configure(JavalinConfig config) {
      config.routes.get(
          "/probe", ctx -> ctx.result(RequestCallers.of(ctx.req(), Surface.CONSOLE).describe()));
      config.routes.post(
          "/probe", ctx -> ctx.result(RequestCallers.of(ctx.req(), Surface.CONSOLE).describe()));
    }
  }

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final HttpClient http = HttpClient.newHttpClient();
  private ConsoleSessions sessions;
  private HttpServer server;

  @BeforeEach
  void start() {
    HttpSettings settings = new HttpSettings("127.0.0.1", 0, Optional.of(BearerToken.of(TOKEN)));
    sessions = new ConsoleSessions(BearerAuth.of(settings), clock, Duration.ofHours(1));
    server = HttpServer.start(settings, List.of(new WhoAmI()), sessions);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aWrongTokenOpensNoSession() {
    assertThatThrownBy(() -> sessions.login("wrong"))
        .isInstanceOf(AinoException.class)
        .extracting(e -> ((AinoException) e).code())
        .isEqualTo(ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void theCookieAuthenticatesReadsAsTheConsole() throws Exception {
    ConsoleSession session = sessions.login(TOKEN);
    HttpResponse<String> r = send(get().header("Cookie", cookie(session)));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("admin (admin) via console");
  }

  @Test
  void aChangeWithTheCookieNeedsTheCsrfHeader() throws Exception {
    ConsoleSession session = sessions.login(TOKEN);
    HttpResponse<String> without = send(post().header("Cookie", cookie(session)));
    assertThat(without.statusCode()).isEqualTo(403);
    assertThat(without.body()).contains("X-CSRF-Token");

    HttpResponse<String> wrong =
        send(post().header("Cookie", cookie(session)).header("X-CSRF-Token", "guess"));
    assertThat(wrong.statusCode()).isEqualTo(403);

    HttpResponse<String> with =
        send(post().header("Cookie", cookie(session)).header("X-CSRF-Token", session.csrfToken()));
    assertThat(with.statusCode()).isEqualTo(200);
    assertThat(with.body()).isEqualTo("admin (admin) via console");
  }

  @Test
  void anExpiredOrEndedSessionIsNoLogin() throws Exception {
    ConsoleSession expiring = sessions.login(TOKEN);
    clock.advance(Duration.ofHours(1));
    assertThat(send(get().header("Cookie", cookie(expiring))).statusCode()).isEqualTo(401);

    ConsoleSession ended = sessions.login(TOKEN);
    sessions.logout(ended.id());
    assertThat(send(get().header("Cookie", cookie(ended))).statusCode()).isEqualTo(401);
  }

  @Test
  void aBrowserWithoutASessionIsSentToTheLoginPage() throws Exception {
    HttpResponse<String> r = send(get().header("Accept", "text/html,application/xhtml+xml"));
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
  }

  private HttpRequest.Builder get() {
    return HttpRequest.newBuilder(URI.create(server.baseUri() + "/probe")).GET();
  }

  private HttpRequest.Builder post() {
    return HttpRequest.newBuilder(URI.create(server.baseUri() + "/probe"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}"));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void sessionsKeptInAFileSurviveARestartButNotALogoutOrARevokedToken(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("console/sessions");
    HttpSettings settings = new HttpSettings("127.0.0.1", 0, Optional.of(BearerToken.of(TOKEN)));
    ConsoleSessions before =
        new ConsoleSessions(BearerAuth.of(settings), clock, Duration.ofHours(1), file);
    ConsoleSession kept = before.login(TOKEN);
    ConsoleSession loggedOut = before.login(TOKEN);
    before.logout(loggedOut.id());

    // Neither a cookie nor the token is in the file, and only its owner may read it.
    String text = Files.readString(file);
    assertThat(text).doesNotContain(kept.id()).doesNotContain(TOKEN);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    // The restarted server reads them back: the page's cookie and CSRF token still work.
    server.close();
    sessions = new ConsoleSessions(BearerAuth.of(settings), clock, Duration.ofHours(1), file);
    server = HttpServer.start(settings, List.of(new WhoAmI()), sessions);
    HttpResponse<String> change =
        send(post().header("Cookie", cookie(kept)).header("X-CSRF-Token", kept.csrfToken()));
    assertThat(change.statusCode()).isEqualTo(200);
    assertThat(change.body()).isEqualTo("admin (admin) via console");
    assertThat(send(get().header("Cookie", cookie(loggedOut))).statusCode()).isEqualTo(401);

    // A server whose token changed does not take the old token's sessions.
    server.close();
    HttpSettings rotated =
        new HttpSettings("127.0.0.1", 0, Optional.of(BearerToken.of("a-new-token")));
    sessions = new ConsoleSessions(BearerAuth.of(rotated), clock, Duration.ofHours(1), file);
    server = HttpServer.start(rotated, List.of(new WhoAmI()), sessions);
    assertThat(send(get().header("Cookie", cookie(kept))).statusCode()).isEqualTo(401);
  }

  @Test
  void aLineThatDoesNotReadIsDroppedAndTheOthersKept(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sessions");
    HttpSettings settings = new HttpSettings("127.0.0.1", 0, Optional.of(BearerToken.of(TOKEN)));
    ConsoleSession kept =
        new ConsoleSessions(BearerAuth.of(settings), clock, Duration.ofHours(1), file).login(TOKEN);
    Files.writeString(file, "not a session\n", StandardOpenOption.APPEND);

    ConsoleSessions reread =
        new ConsoleSessions(BearerAuth.of(settings), clock, Duration.ofHours(1), file);
    server.close();
    server = HttpServer.start(settings, List.of(new WhoAmI()), reread);
    assertThat(send(get().header("Cookie", cookie(kept))).statusCode()).isEqualTo(200);
  }

  private static String cookie(ConsoleSession session) {
    return ConsoleSession.COOKIE + "=" + session.id();
  }
}
