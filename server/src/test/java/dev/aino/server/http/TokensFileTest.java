package dev.aino.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.api.Role;
import dev.aino.error.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tokens file: what it accepts, how it refuses, and that a bad change keeps the last good. */
class TokensFileTest {
  @TempDir Path dir;

  private static byte[] digest(String token) {
    return BearerToken.sha256(token);
  }

  @Test
  void aLineThatIsNotNameRoleHashIsRefusedNamingTheFileLine() throws Exception {
    Path file = dir.resolve("tokens");
    String hash = TokensFile.hash("t");
    Files.writeString(file, "# callers\n\nbot admin " + hash + "\nbad owner " + hash + "\n");
    assertThatThrownBy(() -> TokensFile.load(file))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("--tokens-file")
        .hasMessageContaining("line 4")
        .hasMessageContaining("role must be admin, operator, viewer or agent");

    Files.writeString(file, "bot admin " + hash + "\nbot viewer " + TokensFile.hash("u") + "\n");
    assertThatThrownBy(() -> TokensFile.load(file)).hasMessageContaining("already on line 1");

    Files.writeString(file, "bot admin not-a-hash\n");
    assertThatThrownBy(() -> TokensFile.load(file)).hasMessageContaining("64 lower-case hex");
  }

  @Test
  void aChangeIsReadAtTheNextRequestAndABrokenOneKeepsTheLastGood() throws Exception {
    Path file = dir.resolve("tokens");
    String first = TokensFile.create(file, "first", Role.OPERATOR);
    TokensFile tokens = TokensFile.load(file);
    assertThat(tokens.authenticate(digest(first)).orElseThrow().role()).isEqualTo(Role.OPERATOR);
    assertThat(tokens.authenticate(digest("guess"))).isEmpty();

    String second = TokensFile.create(file, "second", Role.VIEWER);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
    assertThat(tokens.authenticate(digest(second)).orElseThrow().name()).isEqualTo("second");

    Files.writeString(file, "garbage\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(20)));
    assertThat(tokens.authenticate(digest(first))).isPresent();
  }
}
