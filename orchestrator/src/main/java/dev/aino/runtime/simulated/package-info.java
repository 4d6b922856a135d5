/**
 * A container runtime that runs no processes, for tests and for benchmarks with thousands of nodes
 * and a million instances. A container's behaviour is read from its command line ({@code echo},
 * {@code sleep N}, {@code sh -c "exit N"}, ...) and its life is computed from the clock rather than
 * driven by a thread or timer per container, so each costs a few dozen bytes.
 */
package dev.aino.runtime.simulated;
