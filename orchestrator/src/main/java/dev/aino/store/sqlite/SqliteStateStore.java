package dev.aino.store.sqlite;

import dev.aino.store.KvStateStore;
import dev.aino.store.StoreOptions;
import dev.aino.store.spi.KvChangeListener;
import dev.aino.store.spi.KvConflictException;
import dev.aino.store.spi.KvEntry;
import dev.aino.store.spi.KvOp;
import dev.aino.store.spi.KvRange;
import dev.aino.store.spi.KvWatch;
import dev.aino.store.spi.WatchHub;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state store in one SQLite file: the durable single-node default of {@code aino up}, as k3s
 * uses SQLite for a single server.
 *
 * <ul>
 *   <li>Every committed batch gets one new store revision, persisted with the data in the same
 *       transaction, so the revision never goes backwards across restarts. A commit returns only
 *       once it is on disk (WAL, {@code synchronous=FULL}); concurrent commits share the sync.
 *   <li>Writes are serialized on one connection ({@link GroupCommitter}); reads use a pool of
 *       connections and never wait for the writer.
 *   <li>Keys with a time to live are invisible once it ran out and are deleted by the next commit.
 *   <li>Watches are served by a {@link WatchHub}. It knows the changes made since this store was
 *       opened, so a watch resuming from before the open is told to relist.
 *   <li>A second process opening the same file is refused while this one holds it.
 * </ul>
 */
public final class SqliteStateStore extends KvStateStore {
  /** The database file's name inside a data directory. */
  public static final String FILE_NAME = "aino.db";

  private final SqliteDatabase db;
  private final WatchHub hub;
  private final GroupCommitter committer;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Opens {@code dbFile}, creating it and its parent directories when missing.
   *
   * @throws dev.aino.error.UnavailableException when the file cannot be opened, is held by another
   *     process, or was written by a newer aino
   */
  public SqliteStateStore(Path dbFile, StoreOptions options) {
    super(options);
    Objects.requireNonNull(dbFile, "dbFile");
    String what = "opening " + dbFile.toAbsolutePath();
    SqliteDatabase opened;
    try {
      opened = SqliteDatabase.open(dbFile);
    } catch (IOException | SQLException e) {
      throw unavailable(what, e);
    }
    long revision;
    long nextExpiry;
    try {
      revision = opened.writer().revision();
      nextExpiry = opened.writer().nextExpiry();
    } catch (SQLException e) {
      opened.close();
      throw unavailable(what, e);
    }
    this.db = opened;
    this.hub = new WatchHub(revision, options.retainedChanges(), options.maxPendingPerWatch());
    this.committer = new GroupCommitter(db.writer(), hub, revision, nextExpiry, this::now);
  }

  /** Opens {@code <dataDir>/aino.db}. */
  public static SqliteStateStore open(Path dataDir, StoreOptions options) {
    return new SqliteStateStore(dataDir.resolve(FILE_NAME), options);
  }

  @Override
  public String backend() {
    return "sqlite";
  }

  /** The database file. */
  public Path file() {
    return db.file();
  }

  @Override
  protected long kvRevision() {
    return committer.revision();
  }

  @Override
  protected Optional<KvEntry> kvGet(String key) {
    long now = now();
    return read("reading " + key, session -> session.get(key, now));
  }

  @Override
  protected KvRange kvRange(String prefix) {
    long now = now();
    return read("listing " + prefix, session -> session.range(prefix, now));
  }

  private <R> R read(String what, ReadSessionPool.Read<R> read) {
    try {
      return db.readers().use(read);
    } catch (SQLException e) {
      throw unavailable(what + " in " + db.file(), e);
    }
  }

  @Override
  protected long kvCommit(List<KvOp> ops) throws KvConflictException {
    try {
      return committer.commit(ops);
    } catch (SQLException e) {
      String writes = ops.size() == 1 ? " write" : " writes";
      throw unavailable("committing " + ops.size() + writes + " to " + db.file(), e);
    }
  }

  @Override
  protected KvWatch kvWatch(String prefix, long fromRevision, KvChangeListener listener) {
    try {
      return committer.watch(prefix, fromRevision, listener);
    } catch (SQLException e) {
      throw unavailable("watching " + prefix + " in " + db.file(), e);
    }
  }

  private long now() {
    return options().clock().millis();
  }

  /** Ends watches and closes the database; a second call does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeNodeInstances();
    committer.close();
    hub.close();
    db.close();
  }
}
