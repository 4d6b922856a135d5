package dev.aino.model;

import dev.aino.error.ValidationException;
import java.time.Instant;

/**
 * A named, declared workload. Every change of its spec bumps {@code generation}; instances record
 * the generation they were made from, which is how a rolling update tells old from new.
 *
 * @param name DNS-1123 label, unique
 * @param spec the desired state
 * @param generation 1 at creation, +1 on every spec change
 * @param createdAt when it was first applied
 * @param deletionRequestedAt when deletion was asked for; its instances are being stopped
 * @param revision store revision
 */
public record Workload(
    String name,
    WorkloadSpec spec,
    long generation,
    Instant createdAt,
    Instant deletionRequestedAt,
    long revision)
    implements StoredObject<Workload> {

  public Workload {
    Validate.dnsLabel("name", name);
    Validate.required("spec", spec);
    if (generation < 1) {
      throw new ValidationException("generation", "must be > 0, got " + generation);
    }
    createdAt = createdAt == null ? Instant.EPOCH : createdAt;
  }

  /** A new workload at generation 1. */
  public static Workload create(String name, WorkloadSpec spec, Instant now) {
    return new Workload(name, spec, 1, now, null, 0);
  }

  @Override
  public String storeKey() {
    return name;
  }

  @Override
  public Workload withRevision(long revision) {
    return new Workload(name, spec, generation, createdAt, deletionRequestedAt, revision);
  }

  /** The same workload with a new spec; the generation moves only when the spec differs. */
  public Workload withSpec(WorkloadSpec newSpec) {
    long next = newSpec.equals(spec) ? generation : generation + 1;
    return new Workload(name, newSpec, next, createdAt, deletionRequestedAt, revision);
  }

  public Workload markedForDeletion(Instant at) {
    return new Workload(name, spec, generation, createdAt, at, revision);
  }

  public boolean isDeleting() {
    return deletionRequestedAt != null;
  }
}
