package dev.aino.store.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * An open aino database file: the lock that keeps other processes out, the writer connection and
 * the reader pool. Opening configures durability, creates or checks the schema, and undoes itself
 * completely when any step fails.
 */
final class SqliteDatabase implements AutoCloseable {
  /** How long a statement waits for a lock held by another connection before failing. */
  static final int BUSY_TIMEOUT_MILLIS = 5_000;

  /** Enough readers for the controller, the API and watches to read at once. */
  static final int READERS = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));

  /** Per-connection page cache, in KiB (SQLite's negative cache_size unit). */
  private static final int CACHE_KIB = 16 * 1024;

  /** The WAL is truncated back to this after a checkpoint, so a burst does not keep disk. */
  private static final long WAL_SIZE_LIMIT_BYTES = 64L * 1024 * 1024;

  private final Path file;
  private final ExclusiveFileLock lock;
  private final WriteSession writer;
  private final ReadSessionPool readers;

  private SqliteDatabase(
      Path file, ExclusiveFileLock lock, WriteSession writer, ReadSessionPool readers) {
    this.file = file;
    this.lock = lock;
    this.writer = writer;
    this.readers = readers;
  }

  /**
   * Opens or creates {@code file} and its parent directories, locked for this process.
   *
   * @throws IOException when the directory cannot be created or another process holds the lock
   * @throws SQLException when the file is not a usable aino database
   */
  static SqliteDatabase open(Path file) throws IOException, SQLException {
    Path absolute = file.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      ExclusiveFileLock lock = ExclusiveFileLock.acquire(lockFileOf(absolute));
      opened.add(lock);
      Connection writerConnection = connect(absolute);
      opened.add(writerConnection);
      configureWriter(writerConnection);
      SqliteSchema.prepare(writerConnection);
      WriteSession writer = new WriteSession(writerConnection);
      List<ReadSession> readers = new ArrayList<>();
      for (int i = 0; i < READERS; i++) {
        Connection readerConnection = connect(absolute);
        opened.add(readerConnection);
        configureReader(readerConnection);
        readers.add(new ReadSession(readerConnection));
      }
      return new SqliteDatabase(absolute, lock, writer, new ReadSessionPool(readers));
    } catch (IOException | SQLException | RuntimeException e) {
      for (int i = opened.size() - 1; i >= 0; i--) {
        closeQuietly(opened.get(i));
      }
      throw e;
    }
  }

  /** The lock file of a database: {@code <file>.lock}. */
  static Path lockFileOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".lock");
  }

  private static Connection connect(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.setCacheSize(-CACHE_KIB);
    return config.createConnection("jdbc:sqlite:" + file);
  }

  private static void configureWriter(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      String mode = pragma(s, "journal_mode = WAL");
      if (!"wal".equalsIgnoreCase(mode)) {
        throw new SQLException(
            "cannot switch it to WAL journal mode (got "
                + mode
                + "); is the data directory on a network file system?");
      }
      // FULL: a commit returns only after the WAL is fsynced. NORMAL would already survive kill -9
      // (the WAL write sits in the OS page cache) but can lose the last commits on power loss or a
      // kernel crash. Then the store revision would go backwards and be reused for different
      // changes: an agent resuming its watch from a revision it saw before the crash would
      // silently miss them, and containers started for a forgotten assignment would be unknown.
      // etcd fsyncs every commit for the same reason. Group commit shares one fsync among
      // concurrent writers, and a batch pays one fsync for all its ops.
      s.execute("PRAGMA synchronous = FULL");
      s.execute("PRAGMA journal_size_limit = " + WAL_SIZE_LIMIT_BYTES);
    }
  }

  private static void configureReader(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA query_only = ON");
    }
  }

  private static String pragma(Statement s, String pragma) throws SQLException {
    try (ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  Path file() {
    return file;
  }

  /** The writer; use only under the store's commit lock. */
  WriteSession writer() {
    return writer;
  }

  ReadSessionPool readers() {
    return readers;
  }

  /** Closes the readers, the writer and then the lock, so nothing writes after another opens. */
  @Override
  public void close() {
    readers.close();
    closeQuietly(writer);
    closeQuietly(lock);
  }

  static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Closing is best effort; the process may be shutting down with the file already gone.
    }
  }
}
