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
 * @param manager the caller that manages it: the one that created it, or one named on an apply;
 *     null when it was created by no named caller (or before aino recorded managers)
 * @param ownership how the manager holds it against other callers; {@link Ownership#SHARED} when
 *     not said (also in documents written before aino recorded it)
 * @param revision store revision
 */
public record Workload(
    String name,
    WorkloadSpec spec,
    long generation,
    Instant createdAt,
    Instant deletionRequestedAt,
    String manager,
    Ownership ownership,
    long revision)
    implements StoredObject<Workload> {

  public Workload {
    Validate.dnsLabel("name", name);
    Validate.required("spec", spec);
    if (generation < 1) {
      throw new ValidationException("generation", "must be > 0, got " + generation);
    }
    createdAt = createdAt == null ? Instant.EPOCH : createdAt;
    if (manager != null) {
      Validate.nonBlank("manager", manager);
    }
    ownership = ownership == null ? Ownership.SHARED : ownership;
  }

  /** A new workload at generation 1. */
  public static Workload create(String name, WorkloadSpec spec, Instant now) {
    return new Workload(name, spec, 1, now, null, null, Ownership.SHARED, 0);
  }

  @Override
  public String storeKey() {
    return name;
  }

  @Override
  public Workload withRevision(long revision) {
    return new Workload(
        name, spec, generation, createdAt, deletionRequestedAt, manager, ownership, revision);
  }

  /** The same workload with a new spec; the generation moves only when the spec differs. */
  public Workload withSpec(WorkloadSpec newSpec) {
    long next = newSpec.equals(spec) ? generation : generation + 1;
    return new Workload(
        name, newSpec, next, createdAt, deletionRequestedAt, manager, ownership, revision);
  }

  public Workload markedForDeletion(Instant at) {
    return new Workload(name, spec, generation, createdAt, at, manager, ownership, revision);
  }

  /**
   * The same workload managed by {@code newManager} with {@code newOwnership}; the generation does
   * not move, as neither is part of the spec.
   */
  public Workload withManager(String newManager, Ownership newOwnership) {
    return new Workload(
        name, spec, generation, createdAt, deletionRequestedAt, newManager, newOwnership, revision);
  }

  /**
   * True when {@code caller} is not this workload's manager (a workload with none has no other).
   */
  public boolean isManagedByAnother(String caller) {
    return manager != null && caller != null && !manager.equals(caller);
  }

  public boolean isDeleting() {
    return deletionRequestedAt != null;
  }
}
