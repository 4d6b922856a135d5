package dev.aino.bench;

import dev.aino.testing.etcd.EtcdServer;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Where a benchmark's stores live, made on first use and removed on {@link #close()}: a run
 * directory for SQLite files (inside {@code --data-dir}, else the system temp dir) and an etcd
 * ({@code --etcd URL}, else one started from {@code /usr/bin/etcd} on free loopback ports). Every
 * store gets a fresh directory or etcd key prefix, so runs never see each other's data; an etcd
 * given by URL keeps nothing of the run either.
 */
public final class StoreSite implements AutoCloseable {
  private static final int DELETE_PAGE = 10_000;

  private final Path dataDirBase;
  private final String givenEtcd;
  private final String etcdRoot = "/aino-bench-" + UUID.randomUUID().toString().substring(0, 8);
  private final AtomicInteger names = new AtomicInteger();
  private Path runDir;
  private EtcdServer startedEtcd;
  private boolean usedGivenEtcd;

  /**
   * @param dataDirBase where run directories go, or null for the system temp dir
   * @param etcdUrl the etcd to use, or null to start one when first needed
   */
  public StoreSite(Path dataDirBase, String etcdUrl) {
    this.dataDirBase = dataDirBase;
    this.givenEtcd = etcdUrl;
  }

  /** The options {@link #of} reads. */
  public static final List<String> OPTIONS = List.of("data-dir", "etcd");

  /** From {@code --data-dir} and {@code --etcd}. */
  public static StoreSite of(Args args) {
    String dir = args.text("data-dir", null);
    return new StoreSite(dir == null ? null : Paths.get(dir), args.text("etcd", null));
  }

  /** Where the run directory goes: {@code --data-dir}, else the system temp dir. */
  public Path dataDirBase() {
    return dataDirBase != null ? dataDirBase : Paths.get(System.getProperty("java.io.tmpdir"));
  }

  /** A new empty directory, e.g. {@code <run dir>/sqlite-3}. */
  public synchronized Path newDataDir(String name) {
    try {
      if (runDir == null) {
        Files.createDirectories(dataDirBase());
        runDir = Files.createTempDirectory(dataDirBase(), "aino-bench-");
      }
      return Files.createDirectory(runDir.resolve(name + "-" + names.incrementAndGet()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data directory for the benchmark", e);
    }
  }

  /** The etcd client URL; starts etcd on the first call when none was given. */
  public synchronized String etcdEndpoint() {
    if (givenEtcd != null) {
      usedGivenEtcd = true;
      return givenEtcd;
    }
    if (startedEtcd == null) {
      EtcdServer server = new EtcdServer();
      try {
        server.start();
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      startedEtcd = server;
    }
    return startedEtcd.endpoint();
  }

  /** Whether {@link #etcdEndpoint()} is an etcd this site started (and will stop). */
  public synchronized boolean startedEtcd() {
    return startedEtcd != null;
  }

  /** A key prefix no other store of this run uses, e.g. {@code /aino-bench-1a2b3c4d/aino-4/}. */
  public String newEtcdPrefix(String name) {
    return etcdRoot + "/" + name + "-" + names.incrementAndGet() + "/";
  }

  /** Stops the etcd it started or deletes the run's keys from the given one; deletes its files. */
  @Override
  public synchronized void close() {
    if (startedEtcd != null) {
      startedEtcd.close();
      startedEtcd = null;
    } else if (usedGivenEtcd) {
      deleteRunKeys();
    }
    if (runDir != null) {
      deleteTree(runDir);
      runDir = null;
    }
  }

  /**
   * Deletes a page of keys at a time: one delete of several 100,000 keys can outlast etcd's own
   * request timeout.
   */
  private void deleteRunKeys() {
    ByteSequence from = bytes(etcdRoot + "/");
    ByteSequence end = bytes(etcdRoot + "0"); // '0' follows '/': the end of the run's prefix
    GetOption page =
        GetOption.builder().withRange(end).withKeysOnly(true).withLimit(DELETE_PAGE).build();
    try (Client client = Client.builder().endpoints(givenEtcd).build()) {
      KV kv = client.getKVClient();
      while (true) {
        List<KeyValue> keys = kv.get(from, page).get(60, TimeUnit.SECONDS).getKvs();
        if (keys.isEmpty()) {
          return;
        }
        ByteSequence afterLast = keys.get(keys.size() - 1).getKey().concat(bytes("\0"));
        kv.delete(from, DeleteOption.builder().withRange(afterLast).build())
            .get(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      System.err.println(
          "could not delete the benchmark's keys under " + etcdRoot + "/: " + e.getMessage());
    }
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + root + ": " + e.getMessage());
    }
  }
}
