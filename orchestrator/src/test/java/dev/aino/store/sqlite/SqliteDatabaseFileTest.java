package dev.aino.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.UnavailableException;
import dev.aino.store.StoreOptions;
import dev.aino.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** Opening, locking and versioning of the database file. */
class SqliteDatabaseFileTest {
  @TempDir Path dataDir;

  private SqliteStateStore open() {
    return SqliteStateStore.open(dataDir, StoreOptions.defaults());
  }

  private Path file() {
    return dataDir.resolve(SqliteStateStore.FILE_NAME);
  }

  @Test
  void opensANewFileInWalModeCreatingItsDirectories() throws Exception {
    Path nested = dataDir.resolve("a/b/state.db");
    try (SqliteStateStore store = new SqliteStateStore(nested, StoreOptions.defaults())) {
      assertThat(store.backend()).isEqualTo("sqlite");
      assertThat(store.revision()).isZero();
      store.create(Fixtures.workload("web"));
    }
    assertThat(nested).isRegularFile();
    assertThat(query(nested, "PRAGMA journal_mode")).isEqualTo("wal");
    assertThat(query(nested, "SELECT value FROM meta WHERE name = 'schema_version'"))
        .isEqualTo(String.valueOf(SqliteSchema.VERSION));
    assertThat(query(nested, "SELECT value FROM meta WHERE name = 'revision'")).isEqualTo("1");
  }

  @Test
  void aSecondOpenerOfAHeldFileIsRefusedUntilTheFirstCloses() {
    SqliteStateStore first = open();
    try {
      assertThatThrownBy(this::open)
          .isInstanceOf(UnavailableException.class)
          .hasMessageContaining("sqlite store unavailable: opening " + file())
          .hasMessageContaining("aino.db.lock is held by another store in this process");
      first.create(Fixtures.workload("web"));
    } finally {
      first.close();
    }
    try (SqliteStateStore second = open()) {
      assertThat(second.workload("web")).isPresent();
    }
  }

  @Test
  void aDatabaseFromANewerSchemaIsRefusedAndLeftAlone() throws Exception {
    try (SqliteStateStore store = open()) {
      store.create(Fixtures.workload("web"));
    }
    int newer = SqliteSchema.VERSION + 1;
    execute(file(), "UPDATE meta SET value = " + newer + " WHERE name = 'schema_version'");

    assertThatThrownBy(this::open)
        .isInstanceOf(AinoException.class)
        .satisfies(e -> assertThat(((AinoException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE))
        .hasMessageContaining(file().toString())
        .hasMessageContaining("schema version " + newer + " is newer than this aino understands");
    assertThat(query(file(), "SELECT value FROM meta WHERE name = 'schema_version'"))
        .isEqualTo(String.valueOf(newer));
    assertThat(query(file(), "SELECT count(*) FROM kv")).isEqualTo("1");
  }

  @Test
  void aDatabaseThatAinoDidNotCreateIsRefused() throws Exception {
    execute(file(), "CREATE TABLE customers (id INTEGER PRIMARY KEY)");
    assertThatThrownBy(this::open)
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("it was not created by aino");
  }

  @Test
  void aFileThatIsNotADatabaseIsUnavailableWithTheReason() throws Exception {
    Files.writeString(file(), "this is not sqlite, just text padded out. ".repeat(100));
    assertThatThrownBy(this::open)
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("opening " + file())
        .hasMessageContaining("not a database");
    // The failed open released its lock: fixing the file lets the next open succeed.
    Files.delete(file());
    try (SqliteStateStore store = open()) {
      assertThat(store.revision()).isZero();
    }
  }

  @Test
  void aDataDirectoryThatCannotBeCreatedIsUnavailable() throws Exception {
    Path blocker = dataDir.resolve("blocker");
    Files.writeString(blocker, "a file where a directory should be", StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> SqliteStateStore.open(blocker.resolve("data"), StoreOptions.defaults()))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("opening " + blocker.resolve("data").resolve("aino.db"));
  }

  private static String query(Path file, String sql) throws Exception {
    try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getString(1);
    }
  }

  private static void execute(Path file, String sql) throws Exception {
    try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
