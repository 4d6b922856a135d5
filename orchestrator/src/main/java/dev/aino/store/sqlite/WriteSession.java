package dev.aino.store.sqlite;

import dev.aino.store.spi.KvOp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one writer connection and its prepared statements. Not thread-safe: the store calls it only
 * while holding its commit lock.
 */
final class WriteSession implements AutoCloseable {
  private final Connection connection;
  private final PreparedStatement begin;
  private final PreparedStatement commit;
  private final PreparedStatement rollback;
  private final PreparedStatement selectModRevision;
  private final PreparedStatement upsert;
  private final PreparedStatement delete;
  private final PreparedStatement selectRevision;
  private final PreparedStatement updateRevision;
  private final PreparedStatement selectExpired;
  private final PreparedStatement deleteExpired;
  private final PreparedStatement selectNextExpiry;
  private final PreparedStatement savepoint;
  private final PreparedStatement releaseSavepoint;
  private final PreparedStatement rollbackToSavepoint;
  private final Map<ConditionalWrite, PreparedStatement> conditionalWrites =
      new EnumMap<>(ConditionalWrite.class);

  WriteSession(Connection connection) throws SQLException {
    this.connection = connection;
    // IMMEDIATE takes the write lock up front, so a transaction never fails half-way to upgrade.
    begin = connection.prepareStatement("BEGIN IMMEDIATE");
    commit = connection.prepareStatement("COMMIT");
    rollback = connection.prepareStatement("ROLLBACK");
    selectModRevision = connection.prepareStatement("SELECT mod_revision FROM kv WHERE key = ?");
    upsert =
        connection.prepareStatement(
            "INSERT INTO kv (key, value, mod_revision, expires_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                + " mod_revision = excluded.mod_revision, expires_at = excluded.expires_at");
    delete = connection.prepareStatement("DELETE FROM kv WHERE key = ?");
    selectRevision =
        connection.prepareStatement(
            "SELECT value FROM meta WHERE name = '" + SqliteSchema.REVISION_ROW + "'");
    updateRevision =
        connection.prepareStatement(
            "UPDATE meta SET value = ? WHERE name = '" + SqliteSchema.REVISION_ROW + "'");
    selectExpired =
        connection.prepareStatement("SELECT key FROM kv WHERE expires_at <= ? ORDER BY key");
    deleteExpired = connection.prepareStatement("DELETE FROM kv WHERE expires_at <= ?");
    selectNextExpiry =
        connection.prepareStatement("SELECT min(expires_at) FROM kv WHERE expires_at IS NOT NULL");
    savepoint = connection.prepareStatement("SAVEPOINT batch");
    releaseSavepoint = connection.prepareStatement("RELEASE batch");
    rollbackToSavepoint = connection.prepareStatement("ROLLBACK TO batch");
    for (ConditionalWrite write : ConditionalWrite.values()) {
      conditionalWrites.put(write, connection.prepareStatement(write.sql));
    }
  }

  /** Marks where {@link #undoToSavepoint} returns to, inside the open transaction. */
  void savepoint() throws SQLException {
    savepoint.execute();
  }

  /** Keeps what was written since {@link #savepoint}. */
  void releaseSavepoint() throws SQLException {
    releaseSavepoint.execute();
  }

  /** Undoes what was written since {@link #savepoint}, and ends it. */
  void undoToSavepoint() throws SQLException {
    rollbackToSavepoint.execute();
    releaseSavepoint.execute();
  }

  /**
   * Writes each op whose precondition holds, at {@code revision}, each in one statement whose row
   * count tells whether the precondition held; ops of one kind go to SQLite as one JDBC batch.
   *
   * @param ops with distinct keys, so that the order they are written in does not matter
   * @param expiresAt per op, epoch milliseconds when it expires, or null for never
   * @return per op, the rows it changed: 0 when its precondition failed or it deleted nothing
   */
  int[] writeConditionally(List<KvOp> ops, long revision, Long[] expiresAt) throws SQLException {
    int[] changed = new int[ops.size()];
    ConditionalWrite[] writes = new ConditionalWrite[ops.size()];
    int[] perWrite = new int[ConditionalWrite.values().length];
    for (int i = 0; i < ops.size(); i++) {
      writes[i] = ConditionalWrite.of(ops.get(i));
      perWrite[writes[i].ordinal()]++;
    }
    for (ConditionalWrite write : ConditionalWrite.values()) {
      int count = perWrite[write.ordinal()];
      if (count == 0) {
        continue;
      }
      PreparedStatement statement = conditionalWrites.get(write);
      if (count == 1) {
        int i = indexOf(writes, write);
        write.bind(statement, ops.get(i), revision, expiresAt[i]);
        changed[i] = statement.executeUpdate();
        continue;
      }
      for (int i = 0; i < ops.size(); i++) {
        if (writes[i] == write) {
          write.bind(statement, ops.get(i), revision, expiresAt[i]);
          statement.addBatch();
        }
      }
      int[] counts = statement.executeBatch();
      for (int i = 0, next = 0; i < ops.size(); i++) {
        if (writes[i] == write) {
          changed[i] = counts[next++];
        }
      }
    }
    return changed;
  }

  private static int indexOf(ConditionalWrite[] writes, ConditionalWrite write) {
    for (int i = 0; i < writes.length; i++) {
      if (writes[i] == write) {
        return i;
      }
    }
    throw new IllegalArgumentException("no op is a " + write);
  }

  void begin() throws SQLException {
    begin.execute();
  }

  void commit() throws SQLException {
    commit.execute();
  }

  /** Rolls back the open transaction, if any; a failure here must not hide the original one. */
  void rollbackQuietly() {
    try {
      if (!connection.isClosed()) {
        rollback.execute();
      }
    } catch (SQLException ignored) {
      // SQLite rolls back by itself after some errors (e.g. disk full); nothing is left to undo.
    }
  }

  /** The key's mod revision, 0 when it is absent. */
  long modRevision(String key) throws SQLException {
    selectModRevision.setString(1, key);
    try (ResultSet rs = selectModRevision.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /**
   * Creates or replaces a key.
   *
   * @param expiresAtMillis epoch milliseconds when it expires, or null for never
   */
  void put(String key, byte[] value, long revision, Long expiresAtMillis) throws SQLException {
    upsert.setString(1, key);
    upsert.setBytes(2, value);
    upsert.setLong(3, revision);
    if (expiresAtMillis == null) {
      upsert.setNull(4, Types.INTEGER);
    } else {
      upsert.setLong(4, expiresAtMillis);
    }
    upsert.executeUpdate();
  }

  /** Deletes a key; true when it existed. */
  boolean delete(String key) throws SQLException {
    delete.setString(1, key);
    return delete.executeUpdate() > 0;
  }

  /** The persisted store revision. */
  long revision() throws SQLException {
    try (ResultSet rs = selectRevision.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("the meta table lost its revision row");
      }
      return rs.getLong(1);
    }
  }

  void setRevision(long revision) throws SQLException {
    updateRevision.setLong(1, revision);
    updateRevision.executeUpdate();
  }

  /** Keys whose time to live ran out by {@code nowMillis}, in key order. */
  List<String> expiredKeys(long nowMillis) throws SQLException {
    selectExpired.setLong(1, nowMillis);
    List<String> keys = new ArrayList<>();
    try (ResultSet rs = selectExpired.executeQuery()) {
      while (rs.next()) {
        keys.add(rs.getString(1));
      }
    }
    return keys;
  }

  void deleteExpired(long nowMillis) throws SQLException {
    deleteExpired.setLong(1, nowMillis);
    deleteExpired.executeUpdate();
  }

  /** The earliest expiry time of any key, or {@link Long#MAX_VALUE} when none expires. */
  long nextExpiry() throws SQLException {
    try (ResultSet rs = selectNextExpiry.executeQuery()) {
      rs.next(); // an aggregate always has one row; NULL when no key expires
      long at = rs.getLong(1);
      return rs.wasNull() ? Long.MAX_VALUE : at;
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
