package dev.aino.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.api.InstanceLogSource;
import dev.aino.api.InstanceUsageSource;
import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.error.ValidationException;
import dev.aino.image.registry.RegistryConfig;
import dev.aino.model.ImageReference;
import dev.aino.model.WorkloadSpec;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.StoreOptions;
import dev.aino.store.memory.InMemoryStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host directories as images: refused unless below a directory the server allows. */
class LocalImagesTest {
  @TempDir Path tmp;

  private static ImageReference image(String text) {
    return ImageReference.parse("image", text);
  }

  @Test
  void withoutTheOptionEveryLocalImageIsRefusedNamingFieldAndOption() {
    for (String text : List.of("rootfs:/", "oci:/etc", "rootfs:/srv/app")) {
      assertThatThrownBy(() -> LocalImages.NONE.check("spec.image", image(text)))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.field()).isEqualTo("spec.image"))
          .hasMessageContaining("images read a directory of the server's host and are off")
          .hasMessageContaining("--allow-local-images DIR");
    }
    assertThatCode(() -> LocalImages.NONE.check("spec.image", image("busybox:1.36")))
        .doesNotThrowAnyException();
  }

  @Test
  void onlyDirectoriesBelowAnAllowedOneAreAccepted() throws IOException {
    Path allowed = Files.createDirectories(tmp.resolve("images"));
    Path app = Files.createDirectories(allowed.resolve("app"));
    Files.createSymbolicLink(allowed.resolve("escape"), Path.of("/"));
    LocalImages local = LocalImages.of(List.of(allowed.toString()));

    assertThatCode(() -> local.check("spec.image", image("rootfs:" + app)))
        .doesNotThrowAnyException();
    assertThatCode(() -> local.check("spec.image", image("oci:" + app + ":v1")))
        .doesNotThrowAnyException();
    for (String text :
        List.of(
            "rootfs:/",
            "oci:/etc",
            "rootfs:" + allowed + "/../..",
            "rootfs:" + allowed.resolve("escape"),
            "rootfs:" + tmp)) {
      assertThatThrownBy(() -> local.check("spec.image", image(text)))
          .as(text)
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("is not below a directory allowed with --allow-local-images");
    }
  }

  @Test
  void theImageServiceOfANodeRefusesThemWhenItPrepares() throws IOException {
    Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
    Files.writeString(rootfs.resolve("hello"), "hi");
    DefaultImageService closed =
        new DefaultImageService(tmp.resolve("store"), RegistryConfig.defaults(), LocalImages.NONE);
    assertThatThrownBy(() -> closed.prepare(image("rootfs:" + rootfs)))
        .hasMessageStartingWith("ImagePullFailed: image rootfs:" + rootfs + ": rootfs: images")
        .hasMessageContaining("--allow-local-images DIR");

    DefaultImageService open =
        new DefaultImageService(
            tmp.resolve("store2"),
            RegistryConfig.defaults(),
            LocalImages.of(List.of(rootfs.toString())));
    assertThat(open.prepare(image("rootfs:" + rootfs)).layers()).hasSize(1);
  }

  @Test
  void aRelativeAllowedDirectoryIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> LocalImages.of(List.of("images")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("--allow-local-images"));
  }

  @Test
  void theFacadeRefusesThemOnApplyAndPlan() throws IOException {
    Path allowed = Files.createDirectories(tmp.resolve("rootfs"));
    InMemoryStateStore store = new InMemoryStateStore(StoreOptions.defaults());
    Scheduler scheduler = new Scheduler(SchedulerConfig.defaults());
    CoreOrchestratorService closed =
        new CoreOrchestratorService(store, scheduler, Clock.systemUTC());
    WorkloadSpec host = WorkloadSpec.builder("rootfs:/").resources(10, 8).build();

    assertThatThrownBy(() -> closed.apply("host", host))
        .hasMessageStartingWith("spec.image: rootfs: images read a directory");
    assertThatThrownBy(() -> closed.plan("host", host))
        .hasMessageStartingWith("spec.image: rootfs: images read a directory");
    assertThat(store.workload("host")).isEmpty();

    CoreOrchestratorService open =
        new CoreOrchestratorService(
            store,
            scheduler,
            Clock.systemUTC(),
            InstanceLogSource.unavailable(),
            InstanceUsageSource.unavailable(),
            LocalImages.of(List.of(allowed.toString())));
    assertThatThrownBy(() -> open.apply("host", host))
        .hasMessageContaining("rootfs:/ is not below a directory allowed");
    WorkloadSpec dev = WorkloadSpec.builder("rootfs:" + allowed).resources(10, 8).build();
    assertThat(open.apply("dev", dev).workload().spec().image()).isEqualTo("rootfs:" + allowed);
  }
}
