package dev.aino.bench.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The baseline for aino on SQLite: plain JDBC on one connection with aino's durability settings
 * (WAL, {@code synchronous=FULL}), every write an {@code INSERT OR REPLACE} in its own transaction
 * and a batch one transaction of them. Threads take turns on the connection, as an application
 * sharing one SQLite connection would; aino instead groups concurrent commits into one transaction.
 */
final class BareSqliteTarget implements WriteTarget {
  private final Connection connection;
  private final PreparedStatement upsert;
  private final byte[] template;

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
      s.execute("CREATE TABLE kv (key TEXT PRIMARY KEY, value BLOB NOT NULL)");
    }
    connection.setAutoCommit(false);
    this.upsert =
        connection.prepareStatement("INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)");
  }

  @Override
  public String name() {
    return "bare JDBC";
  }

  @Override
  public Writer writer(String workload, int keys) throws SQLException {
    String[] keyNames = new String[keys];
    for (int i = 0; i < keys; i++) {
      keyNames[i] = key(workload, i);
      commit(new String[] {keyNames[i]}, System.nanoTime());
    }
    return new Writer() {
      private int next;

      @Override
      public void write(long stampNanos) throws SQLException {
        int i = next;
        next = (next + 1) % keys;
        commit(new String[] {keyNames[i]}, stampNanos);
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
    return () -> commit(keys, stamp);
  }

  /** One transaction that writes every key. */
  private synchronized void commit(String[] keys, long stampNanos) throws SQLException {
    try {
      for (String key : keys) {
        upsert.setString(1, key);
        upsert.setBytes(2, Payloads.stamped(template, stampNanos));
        upsert.executeUpdate();
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    connection.close();
  }

  private static String key(String workload, int index) {
    return "instances/" + workload + "/" + workload + "-" + Integer.toString(index, 36);
  }
}
