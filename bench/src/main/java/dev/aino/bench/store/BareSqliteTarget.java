package dev.aino.bench.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The baseline for aino on SQLite: plain JDBC on one connection with aino's durability settings
 * (WAL, {@code synchronous=FULL}) and aino's conditional semantics, each write the one statement a
 * careful application would use: a create is an {@code INSERT ... ON CONFLICT DO NOTHING}, a write
 * an {@code UPDATE ... WHERE mod_revision = ?} on the revision it read, and either must change its
 * row. Every write is its own transaction and a batch is one transaction, sent as one JDBC batch.
 * Threads take turns on the connection, as an application sharing one SQLite connection would; aino
 * instead groups concurrent commits into one transaction. What aino does beyond this (a store
 * revision persisted with every commit, the JSON document, the watch feed) is aino's own cost.
 */
final class BareSqliteTarget implements WriteTarget {
  private final Connection connection;
  private final PreparedStatement insert;
  private final PreparedStatement update;
  private final byte[] template;
  private long revision;

  /**
   * @param dir an empty directory for the database file
   * @param template the payload every write copies and stamps
   */
  BareSqliteTarget(Path dir, byte[] template) throws SQLException {
    this.template = template;
    this.connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bare.db"));
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA synchronous = FULL");
      s.execute(
          "CREATE TABLE kv (key TEXT PRIMARY KEY, value BLOB NOT NULL,"
              + " mod_revision INTEGER NOT NULL)");
    }
    connection.setAutoCommit(false);
    this.insert =
        connection.prepareStatement(
            "INSERT INTO kv (key, value, mod_revision) VALUES (?, ?, ?)"
                + " ON CONFLICT (key) DO NOTHING");
    this.update =
        connection.prepareStatement(
            "UPDATE kv SET value = ?, mod_revision = ? WHERE key = ? AND mod_revision = ?");
  }

  @Override
  public String name() {
    return "bare JDBC";
  }

  @Override
  public Writer writer(String workload, int keys) throws SQLException {
    String[] keyNames = new String[keys];
    long[] revisions = new long[keys];
    for (int i = 0; i < keys; i++) {
      keyNames[i] = key(workload, i);
      revisions[i] = create(new String[] {keyNames[i]}, System.nanoTime());
    }
    return new Writer() {
      private int next;

      @Override
      public void write(long stampNanos) throws SQLException {
        int i = next;
        next = (next + 1) % keys;
        revisions[i] = update(keyNames[i], revisions[i], stampNanos);
      }
    };
  }

  @Override
  public Batch batch(String workload, int first, int count) {
    String[] keys = new String[count];
    for (int i = 0; i < count; i++) {
      keys[i] = key(workload, first + i);
    }
    long stamp = System.nanoTime();
    return () -> create(keys, stamp);
  }

  /** One transaction that creates every key, or fails when one exists; returns its revision. */
  private long create(String[] keys, long stampNanos) throws SQLException {
    return transaction(
        next -> {
          for (String key : keys) {
            insert.setString(1, key);
            insert.setBytes(2, Payloads.stamped(template, stampNanos));
            insert.setLong(3, next);
            insert.addBatch();
          }
          for (int changed : insert.executeBatch()) {
            if (changed != 1) {
              throw new SQLException("a key of the batch exists: nobody else writes these keys");
            }
          }
        });
  }

  /** One transaction that replaces {@code key} if it is still at {@code expected}. */
  private long update(String key, long expected, long stampNanos) throws SQLException {
    return transaction(
        next -> {
          update.setBytes(1, Payloads.stamped(template, stampNanos));
          update.setLong(2, next);
          update.setString(3, key);
          update.setLong(4, expected);
          if (update.executeUpdate() != 1) {
            throw new SQLException("conditional write of " + key + " lost: nobody else writes it");
          }
        });
  }

  /** Runs {@code writes} at the next revision in one transaction; returns that revision. */
  private synchronized long transaction(Writes writes) throws SQLException {
    long next = revision + 1;
    try {
      writes.at(next);
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    }
    revision = next;
    return next;
  }

  /** The statements of one transaction. */
  private interface Writes {
    void at(long revision) throws SQLException;
  }

  @Override
  public synchronized void close() throws SQLException {
    connection.close();
  }

  private static String key(String workload, int index) {
    return "instances/" + workload + "/" + workload + "-" + Integer.toString(index, 36);
  }
}
