package dev.aino.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.ObjectRef;
import dev.aino.store.ObjectKind;
import dev.aino.store.StoreOptions;
import dev.aino.store.Watch;
import dev.aino.store.WatchEvent;
import dev.aino.testing.Fixtures;
import dev.aino.testing.etcd.EtcdExtension;
import io.etcd.jetcd.Auth;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.auth.Permission;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A store that signs in to an etcd with authentication enabled, and one that may not. */
class EtcdAuthTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  private static final String GRANTED = "/aino-auth/";

  /** Creates user aino, allowed to read and write under {@link #GRANTED}, and enables auth. */
  @BeforeAll
  static void enableAuth() throws Exception {
    try (Client admin = Client.builder().endpoints(ETCD.endpoint()).build()) {
      Auth auth = admin.getAuthClient();
      await(auth.roleAdd(bytes("root")));
      await(auth.userAdd(bytes("root"), bytes("root-pw")));
      await(auth.userGrantRole(bytes("root"), bytes("root")));
      await(auth.roleAdd(bytes("aino")));
      await(
          auth.roleGrantPermission(
              bytes("aino"), bytes(GRANTED), bytes("/aino-auth0"), Permission.Type.READWRITE));
      await(auth.userAdd(bytes("aino"), bytes("aino-pw")));
      await(auth.userGrantRole(bytes("aino"), bytes("aino")));
      await(auth.authEnable());
    }
  }

  @Test
  void theRightCredentialsReadWriteAndWatch() throws Exception {
    try (EtcdStateStore store = open(GRANTED + "v1/", "aino", "aino-pw")) {
      BlockingQueue<WatchEvent<Instance>> events = new LinkedBlockingQueue<>();
      try (Watch w = store.watch(ObjectKind.INSTANCES, 0, events::add)) {
        Instance a = store.create(Fixtures.instance("web", "a"));
        store.recordEvent(ObjectRef.instance(a.id()), EventType.NORMAL, "Started", "started");
        assertThat(store.instances()).containsExactly(a);
        assertThat(store.events()).hasSize(1);
        assertThat(events.poll(30, TimeUnit.SECONDS))
            .isEqualTo(new WatchEvent.Put<>(a, a.revision()));
      }
    }
  }

  @Test
  void aWrongPasswordIsUnauthenticated() {
    try (EtcdStateStore store = open(GRANTED + "v1/", "aino", "wrong")) {
      AinoException e = catchThrowableOfType(AinoException.class, store::nodes);
      assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
      assertThat(e.getMessage())
          .contains("etcd refused the credentials", "invalid user ID or password");
    }
  }

  @Test
  void keysOutsideTheGrantArePermissionDenied() {
    try (EtcdStateStore store = open("/elsewhere/v1/", "aino", "aino-pw")) {
      AinoException e =
          catchThrowableOfType(AinoException.class, () -> store.put(Fixtures.node("n1")));
      assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    }
  }

  @Test
  void signingInToAnUnreachableEtcdIsUnavailableNotUnauthenticated() {
    ETCD.server().stop();
    EtcdConfig config =
        EtcdConfig.of(ETCD.endpoint())
            .withNamespace(GRANTED + "v1/")
            .withCredentials("aino", "aino-pw")
            .withRequestTimeout(Duration.ofSeconds(1));
    try (EtcdStateStore store = new EtcdStateStore(config, StoreOptions.defaults())) {
      AinoException e = catchThrowableOfType(AinoException.class, store::nodes);
      assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    } finally {
      ETCD.server().start();
    }
  }

  private static EtcdStateStore open(String namespace, String user, String password) {
    return new EtcdStateStore(
        EtcdConfig.of(ETCD.endpoint()).withNamespace(namespace).withCredentials(user, password),
        StoreOptions.defaults());
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  private static <T> T await(CompletableFuture<T> call) throws Exception {
    return call.get(10, TimeUnit.SECONDS);
  }
}
