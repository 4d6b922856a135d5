package dev.aino.model;

/** What the control plane wants the node agent to do with an instance. */
public enum DesiredState {
  RUN,
  STOP
}
