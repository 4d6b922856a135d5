/**
 * A real etcd for tests: {@link dev.aino.testing.etcd.EtcdServer} runs the {@code etcd} binary on
 * free loopback ports in a temp dir, {@link dev.aino.testing.etcd.EtcdExtension} gives a test class
 * one. Published in the orchestrator test-jar for other modules.
 */
package dev.aino.testing.etcd;
