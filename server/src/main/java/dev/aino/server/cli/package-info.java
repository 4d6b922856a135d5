/**
 * The {@code aino} command line (picocli): commands, their options, and how errors reach the user
 * (one line on stderr, a non-zero exit code, a stack trace only with {@code --verbose}).
 */
package dev.aino.server.cli;
