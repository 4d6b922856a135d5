package dev.aino.api;

import dev.aino.model.Validate;

/**
 * Who calls the facade, as the surface that authenticated them knows it: a name (the token's name,
 * or {@code admin} for the single {@code --token}), the role that decides what they may change, and
 * the surface the call came through.
 */
public record Caller(String name, Role role, Surface surface) {
  public Caller {
    Validate.required("name", name);
    Validate.required("role", role);
    Validate.required("surface", surface);
  }

  /** The same caller, arriving through another surface (a CLI call reaches REST, for example). */
  public Caller via(Surface other) {
    return new Caller(name, role, other);
  }

  /** For messages: {@code incident-bot (operator) via a2a}. */
  public String describe() {
    return name + " (" + role.id() + ") via " + surface.id();
  }
}
