package dev.aino.store.sqlite;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of reader connections, each lent to one thread at a time. In WAL mode readers never
 * wait for the writer, so reads stay fast during long commits.
 */
final class ReadSessionPool implements AutoCloseable {
  /** How long {@link #close} waits for a borrowed session to come back before closing it anyway. */
  private static final long CLOSE_GRACE_MILLIS = 5_000;

  private static final long POLL_MILLIS = 50;

  /** Work done with a borrowed session. */
  interface Read<R> {
    R run(ReadSession session) throws SQLException;
  }

  private final List<ReadSession> sessions;
  private final BlockingQueue<ReadSession> idle;
  private volatile boolean closed;

  ReadSessionPool(List<ReadSession> sessions) {
    this.sessions = List.copyOf(sessions);
    this.idle = new ArrayBlockingQueue<>(sessions.size(), false, sessions);
  }

  /** Runs {@code read} on a free session, waiting for one if all are busy. */
  <R> R use(Read<R> read) throws SQLException {
    ReadSession session = borrow();
    try {
      return read.run(session);
    } finally {
      idle.add(session);
    }
  }

  private ReadSession borrow() throws SQLException {
    try {
      while (true) {
        if (closed) {
          throw new SQLException("the store is closed");
        }
        ReadSession session = idle.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (session != null) {
          return session;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a reader connection", e);
    }
  }

  /** Closes every session, waiting briefly for borrowed ones to be returned. */
  @Override
  public void close() {
    closed = true;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_GRACE_MILLIS);
    int returned = 0;
    while (returned < sessions.size() && System.nanoTime() < deadline) {
      try {
        if (idle.poll(POLL_MILLIS, TimeUnit.MILLISECONDS) != null) {
          returned++;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (ReadSession session : sessions) {
      SqliteDatabase.closeQuietly(session);
    }
  }
}
