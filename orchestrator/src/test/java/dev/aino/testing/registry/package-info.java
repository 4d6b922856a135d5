/**
 * Registries and images for tests: {@link dev.aino.testing.registry.RegistryServer} runs Debian's
 * {@code docker-registry} on a free loopback port, {@link
 * dev.aino.testing.registry.ScriptedRegistry} is an in-test registry (JDK HTTP server) that demands
 * Basic or Bearer auth, counts requests and can misbehave, {@link
 * dev.aino.testing.registry.TestImages} builds OCI images (busybox from Debian's {@code
 * busybox-static}, whiteouts, multi-platform indexes) in Java, and {@link
 * dev.aino.testing.registry.RegistryPusher} pushes them. Published in the orchestrator test-jar.
 */
package dev.aino.testing.registry;
