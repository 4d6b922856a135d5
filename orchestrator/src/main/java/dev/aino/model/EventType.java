package dev.aino.model;

/** Whether an event reports normal progress or something a person should look at. */
public enum EventType {
  NORMAL,
  WARNING
}
