package dev.aino.store.sqlite;

import dev.aino.store.spi.KvOp;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * One raw write and its precondition as a single SQL statement: the statement changes a row only
 * when the precondition holds, so its row count is the compare-and-swap's answer and no read is
 * needed before the write.
 */
enum ConditionalWrite {
  /** Create: the key must be absent. */
  INSERT_IF_ABSENT(
      "INSERT INTO kv (key, value, mod_revision, expires_at) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (key) DO NOTHING"),
  /** No precondition: create or replace. */
  UPSERT(
      "INSERT INTO kv (key, value, mod_revision, expires_at) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
          + " mod_revision = excluded.mod_revision, expires_at = excluded.expires_at"),
  /** Replace the revision that was read. */
  UPDATE_IF_AT(
      "UPDATE kv SET value = ?, mod_revision = ?, expires_at = ? WHERE key = ? AND mod_revision = ?"),
  /** Replace whatever revision is there. */
  UPDATE_IF_PRESENT("UPDATE kv SET value = ?, mod_revision = ?, expires_at = ? WHERE key = ?"),
  /** Delete whatever revision is there; changes nothing when absent. */
  DELETE("DELETE FROM kv WHERE key = ?"),
  /** Delete the revision that was read. */
  DELETE_IF_AT("DELETE FROM kv WHERE key = ? AND mod_revision = ?");

  final String sql;

  ConditionalWrite(String sql) {
    this.sql = sql;
  }

  /** The statement that writes {@code op} on its precondition. */
  static ConditionalWrite of(KvOp op) {
    long expected = op.expected();
    if (op.isDelete()) {
      return expected == KvOp.ANY || expected == KvOp.PRESENT ? DELETE : DELETE_IF_AT;
    }
    if (expected == KvOp.ANY) {
      return UPSERT;
    }
    if (expected == KvOp.ABSENT) {
      return INSERT_IF_ABSENT;
    }
    return expected == KvOp.PRESENT ? UPDATE_IF_PRESENT : UPDATE_IF_AT;
  }

  /**
   * Sets the statement's parameters for {@code op}.
   *
   * @param expiresAt epoch milliseconds when the key expires, or null for never
   */
  void bind(PreparedStatement statement, KvOp op, long revision, Long expiresAt)
      throws SQLException {
    switch (this) {
      case INSERT_IF_ABSENT:
      case UPSERT:
        statement.setString(1, op.key());
        statement.setBytes(2, op.value());
        statement.setLong(3, revision);
        setExpiry(statement, 4, expiresAt);
        break;
      case UPDATE_IF_AT:
        bindUpdate(statement, op, revision, expiresAt);
        statement.setLong(5, op.expected());
        break;
      case UPDATE_IF_PRESENT:
        bindUpdate(statement, op, revision, expiresAt);
        break;
      case DELETE_IF_AT:
        statement.setString(1, op.key());
        statement.setLong(2, op.expected());
        break;
      default:
        statement.setString(1, op.key());
    }
  }

  private static void bindUpdate(
      PreparedStatement statement, KvOp op, long revision, Long expiresAt) throws SQLException {
    statement.setBytes(1, op.value());
    statement.setLong(2, revision);
    setExpiry(statement, 3, expiresAt);
    statement.setString(4, op.key());
  }

  private static void setExpiry(PreparedStatement statement, int index, Long expiresAt)
      throws SQLException {
    if (expiresAt == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setLong(index, expiresAt);
    }
  }
}
