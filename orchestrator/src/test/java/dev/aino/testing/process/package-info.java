/**
 * Real programs that tests start: finding the binary, running it with its output in a log file,
 * waiting until it answers, and stopping it by its own process handle (never by name). The etcd and
 * registry harnesses share it, so each does only what is particular to its program.
 */
package dev.aino.testing.process;
