package dev.aino.store.sqlite;

import dev.aino.store.spi.KvEntry;
import dev.aino.store.spi.KvRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One reader connection and its prepared statements. Not thread-safe: {@link ReadSessionPool} lends
 * it to one thread at a time. Keys whose time to live ran out are invisible here even before the
 * writer removes them.
 */
final class ReadSession implements AutoCloseable {
  private static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";

  private final Connection connection;
  private final PreparedStatement begin;
  private final PreparedStatement commit;
  private final PreparedStatement selectOne;
  private final PreparedStatement selectBounded;
  private final PreparedStatement selectFrom;
  private final PreparedStatement selectRevision;

  ReadSession(Connection connection) throws SQLException {
    this.connection = connection;
    begin = connection.prepareStatement("BEGIN");
    commit = connection.prepareStatement("COMMIT");
    selectOne =
        connection.prepareStatement("SELECT value, mod_revision FROM kv WHERE key = ? AND " + LIVE);
    selectBounded =
        connection.prepareStatement(
            "SELECT key, value, mod_revision FROM kv WHERE key >= ? AND key < ? AND "
                + LIVE
                + " ORDER BY key");
    selectFrom =
        connection.prepareStatement(
            "SELECT key, value, mod_revision FROM kv WHERE key >= ? AND " + LIVE + " ORDER BY key");
    selectRevision =
        connection.prepareStatement(
            "SELECT value FROM meta WHERE name = '" + SqliteSchema.REVISION_ROW + "'");
  }

  Optional<KvEntry> get(String key, long nowMillis) throws SQLException {
    selectOne.setString(1, key);
    selectOne.setLong(2, nowMillis);
    try (ResultSet rs = selectOne.executeQuery()) {
      return rs.next()
          ? Optional.of(new KvEntry(key, rs.getBytes(1), rs.getLong(2)))
          : Optional.empty();
    }
  }

  /**
   * Every live entry under {@code prefix} and the revision they were read at. Both come from one
   * read transaction, so they belong to the same snapshot even while the writer commits.
   */
  KvRange range(String prefix, long nowMillis) throws SQLException {
    begin.execute();
    boolean ended = false;
    try {
      long revision;
      try (ResultSet rs = selectRevision.executeQuery()) {
        revision = rs.next() ? rs.getLong(1) : 0;
      }
      List<KvEntry> entries = scan(prefix, nowMillis);
      commit.execute();
      ended = true;
      return new KvRange(entries, revision);
    } finally {
      if (!ended) {
        endQuietly();
      }
    }
  }

  private List<KvEntry> scan(String prefix, long nowMillis) throws SQLException {
    String upper = KeyRanges.upperBound(prefix);
    PreparedStatement select;
    if (upper == null) {
      select = selectFrom;
      select.setString(1, prefix);
      select.setLong(2, nowMillis);
    } else {
      select = selectBounded;
      select.setString(1, prefix);
      select.setString(2, upper);
      select.setLong(3, nowMillis);
    }
    List<KvEntry> entries = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        entries.add(new KvEntry(rs.getString(1), rs.getBytes(2), rs.getLong(3)));
      }
    }
    return entries;
  }

  /** Ends a read transaction after a failure, so the connection does not pin an old snapshot. */
  private void endQuietly() {
    try {
      commit.execute();
    } catch (SQLException ignored) {
      // No transaction was open, or the connection is gone; either way nothing is pinned.
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
