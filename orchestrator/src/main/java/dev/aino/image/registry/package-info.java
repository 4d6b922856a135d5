/**
 * A small OCI distribution client for pulling, over {@code java.net.http}: manifests and blobs,
 * anonymous, Basic and Bearer-token auth (the {@code WWW-Authenticate} challenge flow, tokens
 * cached per registry and scope until shortly before they expire), HTTPS unless a registry is
 * listed as insecure (never a silent fallback to plain HTTP), and timeouts on connecting, on
 * response headers and on every read of a body.
 *
 * <p>Why not the ORAS Java SDK ({@code land.oras:oras-java-sdk}, 0.7.0 evaluated): it resolves, is
 * built for Java 17 and keeps dependency convergence green, but
 *
 * <ul>
 *   <li>it brings a second JSON stack (Jackson 3, {@code tools.jackson}, next to the project's
 *       Jackson 2) plus BouncyCastle, zstd-jni (native code), Micrometer, Caffeine, TOML and YAML
 *       parsers and commons-io/codec/lang3: about fifteen jars for a few HTTP calls;
 *   <li>it checks a blob against the {@code Docker-Content-Digest} header the registry sends, and
 *       skips the check when that header is missing, instead of hashing the bytes received against
 *       the digest that was asked for; its stream API hands out unchecked bytes;
 *   <li>its Bearer challenge parser expects exactly {@code realm, service, scope} in that order;
 *   <li>it only sets a connect timeout, so a stalled body blocks a node agent for ever;
 *   <li>it reads {@code ~/.docker/config.json} and {@code registries.conf} on its own (mirrors,
 *       short names), configuration aino should decide on explicitly; and it says of itself that it
 *       is alpha and its API may change.
 * </ul>
 *
 * The client here is a few hundred lines, has no dependency beyond the JDK and Jackson 2, and
 * leaves digest checking to the content store, which hashes every byte it keeps.
 */
package dev.aino.image.registry;
