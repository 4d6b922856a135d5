package dev.aino.model;

/** The transport protocol of a published port. */
public enum Protocol {
  TCP,
  UDP
}
