package dev.aino.store.etcd;

import dev.aino.error.ValidationException;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** Builds the jetcd client for an {@link EtcdConfig}. */
final class EtcdClients {
  /** Large lists come back in one range read; gRPC's default of 4 MiB is too small for them. */
  private static final int MAX_INBOUND_BYTES = 256 * 1024 * 1024;

  /**
   * Pings on idle connections so that a watch notices a dead peer; etcd refuses pings more often
   * than every 5 seconds by default.
   */
  private static final Duration KEEPALIVE_TIME = Duration.ofSeconds(10);

  private static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(5);

  private EtcdClients() {}

  static Client build(EtcdConfig config) {
    Duration timeout = config.requestTimeout();
    ClientBuilder builder =
        Client.builder()
            .endpoints(config.endpoints().stream().map(URI::create).toArray(URI[]::new))
            .connectTimeout(timeout)
            // Calls wait for a connection up to their deadline, so they succeed as soon as etcd
            // is back instead of failing fast during gRPC's reconnect back-off.
            .waitForReady(true)
            .retryMaxDuration(timeout)
            .maxInboundMessageSize(MAX_INBOUND_BYTES)
            .keepaliveTime(KEEPALIVE_TIME)
            .keepaliveTimeout(KEEPALIVE_TIMEOUT)
            // Only while a call is open (a watch, a lease's keep-alive), where a dead peer must be
            // noticed: etcd answers pings on an idle connection with GOAWAY "too_many_pings".
            .keepaliveWithoutCalls(false)
            .interceptor(new UnaryDeadline(timeout));
    if (config.user() != null) {
      builder
          .user(ByteSequence.from(config.user(), StandardCharsets.UTF_8))
          .password(ByteSequence.from(config.password(), StandardCharsets.UTF_8));
    }
    if (config.tls()) {
      try {
        builder.sslContext(ssl -> configureTls(ssl, config));
      } catch (SSLException e) {
        throw new ValidationException("caCert", "TLS cannot be set up: " + e.getMessage());
      }
    }
    return builder.build();
  }

  /** Netty reads the PEM files right away, so a bad one is refused here, by its field. */
  private static void configureTls(SslContextBuilder ssl, EtcdConfig config) {
    if (config.caCert() != null) {
      try {
        ssl.trustManager(config.caCert().toFile());
      } catch (IllegalArgumentException e) {
        throw new ValidationException("caCert", "is not a PEM certificate file: " + e.getMessage());
      }
    }
    if (config.clientCert() != null) {
      try {
        ssl.keyManager(config.clientCert().toFile(), config.clientKey().toFile());
      } catch (IllegalArgumentException e) {
        String field = String.valueOf(e.getMessage()).contains("key") ? "clientKey" : "clientCert";
        throw new ValidationException(
            field, "is not a usable PEM file (certificate, PKCS#8 key): " + e.getMessage());
      }
    }
  }

  /**
   * Gives every unary call a gRPC deadline, so that a call to an unreachable etcd is cancelled
   * rather than left waiting for a connection. Streams (watches, lease keep-alives) live on.
   */
  private static final class UnaryDeadline implements ClientInterceptor {
    private final long millis;

    UnaryDeadline(Duration timeout) {
      this.millis = timeout.toMillis();
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      if (method.getType() == MethodDescriptor.MethodType.UNARY && options.getDeadline() == null) {
        options = options.withDeadlineAfter(millis, TimeUnit.MILLISECONDS);
      }
      return next.newCall(method, options);
    }
  }
}
