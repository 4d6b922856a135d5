package dev.aino.console;

import dev.aino.error.AinoException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * How the console logs people in. The server implements it with the same token check its request
 * guard applies, so a read-only or named token logs in as that caller; without a token configured
 * (the server then answers loopback only) there is nothing to log in to.
 */
public interface ConsoleLogin {
  /** Whether a token is configured, so that the console asks for it. */
  boolean required();

  /**
   * Checks {@code token} and opens a session for the caller it authenticates.
   *
   * @throws AinoException UNAUTHENTICATED when the token is not valid
   */
  ConsoleSession login(String token);

  /** The live session the request's cookie names, if any. */
  Optional<ConsoleSession> session(HttpServletRequest request);

  /** Ends the session (a later request with its cookie is not authenticated). */
  void logout(String sessionId);

  /** No token configured: nobody logs in, everyone on loopback is the local admin. */
  ConsoleLogin NONE =
      new ConsoleLogin() {
        @Override
        public boolean required() {
          return false;
        }

        @Override
        public ConsoleSession login(String token) {
          throw new AinoException(
              dev.aino.error.ErrorCode.INVALID_ARGUMENT,
              "this server has no token configured: the console needs no login");
        }

        @Override
        public Optional<ConsoleSession> session(HttpServletRequest request) {
          return Optional.empty();
        }

        @Override
        public void logout(String sessionId) {}
      };
}
