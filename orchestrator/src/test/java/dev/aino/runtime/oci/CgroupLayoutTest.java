package dev.aino.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupLayoutTest {
  @Test
  void aHybridHostUsesTheV1ControllersForAContainer() {
    CgroupLayout layout =
        CgroupLayout.parse(
            List.of(
                "30 24 0:26 / /sys/fs/cgroup rw - tmpfs tmpfs rw,mode=755",
                "31 30 0:27 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct",
                "32 30 0:28 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory",
                "33 30 0:29 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids",
                "34 30 0:30 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw"));

    assertThat(layout.isUnified()).isFalse();
    assertThat(layout.directories("/aino/c1"))
        .containsExactly(
            Path.of("/sys/fs/cgroup/cpu,cpuacct/aino/c1"),
            Path.of("/sys/fs/cgroup/memory/aino/c1"),
            Path.of("/sys/fs/cgroup/pids/aino/c1"),
            Path.of("/sys/fs/cgroup/unified/aino/c1"));
  }

  @Test
  void aV2HostUsesTheUnifiedHierarchy() {
    CgroupLayout layout =
        CgroupLayout.parse(
            List.of("28 24 0:25 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate"));

    assertThat(layout.isUnified()).isTrue();
    assertThat(layout.directories("/aino/c1")).containsExactly(Path.of("/sys/fs/cgroup/aino/c1"));
  }
}
