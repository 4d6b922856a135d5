package dev.aino.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import dev.aino.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EtcdConfigTest {
  @TempDir Path dir;

  @Test
  void ofAppliesTheDefaults() {
    EtcdConfig config = EtcdConfig.of("http://127.0.0.1:2379", "http://127.0.0.1:22379");
    assertThat(config.endpoints())
        .containsExactly("http://127.0.0.1:2379", "http://127.0.0.1:22379");
    assertThat(config.namespace()).isEqualTo("/aino/v1/");
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.user()).isNull();
    assertThat(config.tls()).isFalse();
  }

  @Test
  void endpointsAreRequired() {
    assertField(() -> EtcdConfig.of(), "endpoints");
    assertField(() -> new EtcdConfig(null, null, null, null, null, null, null, null), "endpoints");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1:2379",
        "grpc://127.0.0.1:2379",
        "http://127.0.0.1",
        "http://:2379",
        "http://127.0.0.1:2379/v3",
        "http://root:secret@127.0.0.1:2379",
        "http://127.0.0.1:2379?x=1",
        "http://[::1:2379",
        " "
      })
  void eachEndpointMustBeAPlainHttpUrlWithHostAndPort(String endpoint) {
    assertField(() -> EtcdConfig.of("http://127.0.0.1:2379", endpoint), "endpoints[1]");
  }

  @Test
  void endpointsMustNotMixSchemes() {
    assertField(
        () -> EtcdConfig.of("http://127.0.0.1:2379", "https://127.0.0.1:2380"), "endpoints[1]");
  }

  @Test
  void aNullEndpointIsNamed() {
    assertField(() -> EtcdConfig.of(new String[] {"http://127.0.0.1:2379", null}), "endpoints[1]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"aino/v1/", "/aino/v1", "", "/aino v1/"})
  void theNamespaceMustStartAndEndWithASlash(String namespace) {
    assertField(() -> EtcdConfig.of("http://127.0.0.1:2379").withNamespace(namespace), "namespace");
  }

  @Test
  void userAndPasswordGoTogether() {
    EtcdConfig plain = EtcdConfig.of("http://127.0.0.1:2379");
    assertField(() -> plain.withCredentials("root", null), "password");
    assertField(() -> plain.withCredentials(null, "secret"), "user");
    assertField(() -> plain.withCredentials(" ", "secret"), "user");
    assertThat(plain.withCredentials("root", "secret").user()).isEqualTo("root");
  }

  @Test
  void thePasswordNeverShowsInToString() {
    EtcdConfig config = EtcdConfig.of("http://127.0.0.1:2379").withCredentials("root", "s3cr3t");
    assertThat(config.toString()).contains("root").doesNotContain("s3cr3t");
  }

  @Test
  void tlsFilesNeedHttpsAndMustBeReadable() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "pem");
    Path cert = Files.writeString(dir.resolve("client.pem"), "pem");
    Path key = Files.writeString(dir.resolve("client-key.pem"), "pem");
    EtcdConfig https = EtcdConfig.of("https://127.0.0.1:2379");

    assertField(() -> EtcdConfig.of("http://127.0.0.1:2379").withTls(ca, null, null), "caCert");
    assertField(() -> https.withTls(dir.resolve("missing.pem"), null, null), "caCert");
    assertField(() -> https.withTls(ca, cert, null), "clientKey");
    assertField(() -> https.withTls(ca, null, key), "clientCert");
    assertField(() -> https.withTls(null, dir, key), "clientCert");

    EtcdConfig mutual = https.withTls(ca, cert, key);
    assertThat(mutual.tls()).isTrue();
    assertThat(mutual.clientKey()).isEqualTo(key);
    assertThat(https.withTls(null, null, null).caCert()).isNull(); // system trust
  }

  @Test
  void tlsFilesThatAreNotPemAreRefusedByNameWhenTheStoreOpens() throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate");
    EtcdConfig https = EtcdConfig.of("https://127.0.0.1:2379");
    assertField(
        () -> new EtcdStateStore(https.withTls(garbage, null, null), StoreOptions.defaults()),
        "caCert");
    assertField(
        () -> new EtcdStateStore(https.withTls(null, garbage, garbage), StoreOptions.defaults()),
        "clientCert");
  }

  @Test
  void theRequestTimeoutMustBePositiveAndSane() {
    EtcdConfig plain = EtcdConfig.of("http://127.0.0.1:2379");
    assertField(() -> plain.withRequestTimeout(Duration.ZERO), "requestTimeout");
    assertField(() -> plain.withRequestTimeout(Duration.ofSeconds(-1)), "requestTimeout");
    assertField(() -> plain.withRequestTimeout(Duration.ofHours(1)), "requestTimeout");
    assertThat(plain.withRequestTimeout(null).requestTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void endpointsAreCopied() {
    List<String> endpoints = new java.util.ArrayList<>(List.of("http://127.0.0.1:2379"));
    EtcdConfig config = new EtcdConfig(endpoints, null, null, null, null, null, null, null);
    endpoints.add("http://127.0.0.1:2380");
    assertThat(config.endpoints()).hasSize(1);
  }

  private static void assertField(Runnable construction, String field) {
    assertThatThrownBy(construction::run)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageStartingWith(field + ": ");
  }
}
