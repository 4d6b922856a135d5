package dev.aino.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.UnavailableException;
import dev.aino.model.Instance;
import dev.aino.store.StoreOptions;
import dev.aino.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store against a real second process: a writer killed with SIGKILL, and a lock held. */
class SqliteCrashTest {
  private static final int ACKS_BEFORE_KILL = 300;

  @TempDir Path dataDir;
  @TempDir Path workDir;

  @Test
  void everyAcknowledgedWriteSurvivesKill9AndTheStoreCarriesOn() throws Exception {
    List<String> acked = new ArrayList<>();
    long lastAckedRevision = 0;
    try (ChildWriter child = ChildWriter.start(dataDir, workDir)) {
      assertThat(child.nextLine()).isEqualTo("open 0");
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < ACKS_BEFORE_KILL; i++) {
        lines.add(child.nextLine());
      }
      // Lines already in the pipe when the kill lands were acknowledged too.
      lines.addAll(child.killAndDrain());
      for (String line : lines) {
        String[] parts = line.split(" ");
        assertThat(parts[0]).as(line).isEqualTo("ack");
        acked.add(parts[1]);
        lastAckedRevision = Long.parseLong(parts[2]);
      }
    }
    assertThat(acked).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

    try (SqliteStateStore store = SqliteStateStore.open(dataDir, StoreOptions.defaults())) {
      List<String> stored = store.instancesOf("web").stream().map(Instance::id).toList();
      assertThat(stored).containsAll(acked);
      // At most the one write in flight at the kill may have committed without its ack printed.
      assertThat(stored.size()).isBetween(acked.size(), acked.size() + 1);
      long recovered = store.revision();
      assertThat(recovered).isGreaterThanOrEqualTo(lastAckedRevision);
      Instance after = store.create(Fixtures.instance("web", "after"));
      assertThat(after.revision()).isEqualTo(recovered + 1);
      assertThat(store.instance("web-after")).contains(after);
    }
  }

  @Test
  void aSecondProcessOnTheSameFileIsRefusedWithAClearError() throws Exception {
    try (ChildWriter child = ChildWriter.start(dataDir, workDir)) {
      assertThat(child.nextLine()).startsWith("open ");
      assertThatThrownBy(() -> SqliteStateStore.open(dataDir, StoreOptions.defaults()))
          .isInstanceOf(UnavailableException.class)
          .hasMessageContaining("sqlite store unavailable: opening " + dataDir.resolve("aino.db"))
          .hasMessageContaining("is held by another process (pid " + child.pid() + ")")
          .hasMessageContaining("is another aino running on this data directory?");
      child.killAndDrain();
    }
    // The OS released the dead process's lock.
    try (SqliteStateStore store = SqliteStateStore.open(dataDir, StoreOptions.defaults())) {
      long recovered = store.revision();
      assertThat(store.create(Fixtures.workload("web")).revision()).isEqualTo(recovered + 1);
    }
  }
}
