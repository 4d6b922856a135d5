/**
 * runc for tests: {@link dev.aino.testing.runc.RuncRoot} looks at and cleans up the containers
 * under one {@code --root}, the test's own, never anyone else's. Published in the orchestrator
 * test-jar.
 */
package dev.aino.testing.runc;
