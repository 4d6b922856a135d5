package dev.aino.a2a;

import java.util.List;

/**
 * What a task produced: for a change, the applied workload spec as data and a one-line summary; for
 * a question, the answer as text and the engine's result as data.
 */
public record Artifact(String artifactId, String name, List<Part> parts) {
  public Artifact {
    parts = List.copyOf(parts);
  }
}
