package dev.aino.store.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientException;
import java.sql.Statement;

/**
 * The tables of an aino database and their version. The {@code meta} table holds the schema
 * version, so that a later aino can migrate the file, and the store revision, so that it never goes
 * backwards across restarts.
 */
final class SqliteSchema {
  /** The layout this code reads and writes; bump it with a migration step in {@link #prepare}. */
  static final int VERSION = 1;

  static final String SCHEMA_VERSION_ROW = "schema_version";
  static final String REVISION_ROW = "revision";

  private SqliteSchema() {}

  /**
   * Creates the tables of a new database and migrates an older one, in one transaction.
   *
   * @throws SQLNonTransientException for a database of a newer schema or one that aino did not
   *     create; nothing is changed
   */
  static void prepare(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      boolean committed = false;
      try {
        int found = storedVersion(s);
        if (found > VERSION) {
          throw new SQLNonTransientException(
              "its schema version "
                  + found
                  + " is newer than this aino understands ("
                  + VERSION
                  + "); run the newer aino that wrote it, or use another data directory");
        }
        if (found == 0) {
          createVersion1(s);
        }
        // Migrations from older versions go here, one step per version, e.g. if (found < 2) ...
        s.execute("COMMIT");
        committed = true;
      } finally {
        if (!committed) {
          s.execute("ROLLBACK");
        }
      }
    }
  }

  /** 0 for an empty database. */
  private static int storedVersion(Statement s) throws SQLException {
    boolean hasMeta = false;
    int tables = 0;
    try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table'")) {
      while (rs.next()) {
        tables++;
        hasMeta |= rs.getString(1).equals("meta");
      }
    }
    if (!hasMeta) {
      if (tables > 0) {
        throw new SQLNonTransientException(
            "it holds tables but no aino meta table; it was not created by aino");
      }
      return 0;
    }
    try (ResultSet rs =
        s.executeQuery("SELECT value FROM meta WHERE name = '" + SCHEMA_VERSION_ROW + "'")) {
      if (!rs.next()) {
        throw new SQLNonTransientException("its meta table has no schema version");
      }
      return rs.getInt(1);
    }
  }

  private static void createVersion1(Statement s) throws SQLException {
    s.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID");
    // expires_at is epoch milliseconds for keys with a time to live (events), NULL otherwise.
    s.execute(
        "CREATE TABLE kv (key TEXT PRIMARY KEY, value BLOB NOT NULL,"
            + " mod_revision INTEGER NOT NULL, expires_at INTEGER)");
    // Partial, so that the many keys without a time to live cost nothing to index.
    s.execute("CREATE INDEX kv_expires_at ON kv (expires_at) WHERE expires_at IS NOT NULL");
    s.execute(
        "INSERT INTO meta (name, value) VALUES ('"
            + SCHEMA_VERSION_ROW
            + "', "
            + VERSION
            + "), ('"
            + REVISION_ROW
            + "', 0)");
  }
}
