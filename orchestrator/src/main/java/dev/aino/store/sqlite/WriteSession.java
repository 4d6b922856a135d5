package dev.aino.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

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
