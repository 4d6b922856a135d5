package dev.aino.runtime;

/** Which output stream a log line was written to. */
public enum LogStream {
  STDOUT,
  STDERR
}
