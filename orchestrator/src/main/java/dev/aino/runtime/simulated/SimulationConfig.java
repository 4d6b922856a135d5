package dev.aino.runtime.simulated;

import dev.aino.error.ValidationException;
import dev.aino.model.ImageReference;
import dev.aino.model.Validate;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How a {@link SimulatedRuntime} behaves. One config (with its clock and scheduler) may be shared
 * by the runtimes of thousands of simulated nodes. Random outcomes derive from {@code seed}, the
 * instance id and its restart count, so a run repeats exactly whatever the thread interleaving.
 *
 * @param clock the time containers live by; a controllable clock makes {@code sleep 3600} pass at
 *     once
 * @param seed seed of every random outcome
 * @param startLatency time from start until the process runs (state CREATED meanwhile)
 * @param startFailureProbability chance, 0 to 1, that a start fails
 * @param failingImages images whose pull always fails, as written in a workload
 * @param crashProbability chance, 0 to 1, that a started container crashes on its own
 * @param crashWithin a crash happens at a uniformly random time within this long after start
 * @param crashExitCode the exit code of such a crash
 * @param cpuMillis CPU a running container uses, in millicores
 * @param memoryMiB memory a running container uses
 * @param followInterval how often followed logs are checked for new lines
 * @param scheduler runs log following; null to let the runtime create one when first needed
 */
public record SimulationConfig(
    Clock clock,
    long seed,
    Duration startLatency,
    double startFailureProbability,
    Set<String> failingImages,
    double crashProbability,
    Duration crashWithin,
    int crashExitCode,
    long cpuMillis,
    long memoryMiB,
    Duration followInterval,
    ScheduledExecutorService scheduler) {

  public SimulationConfig {
    Validate.required("clock", clock);
    nonNegative("startLatency", startLatency);
    probability("startFailureProbability", startFailureProbability);
    failingImages = normalized(failingImages);
    probability("crashProbability", crashProbability);
    nonNegative("crashWithin", crashWithin);
    Validate.range("crashExitCode", crashExitCode, 0, 255);
    Validate.range("cpuMillis", cpuMillis, 0, 4_096_000);
    Validate.range("memoryMiB", memoryMiB, 0, 64L * 1024 * 1024);
    nonNegative("followInterval", followInterval);
    if (followInterval.isZero()) {
      throw new ValidationException("followInterval", "must be > 0");
    }
  }

  /** Instant starts, no failures, no crashes, 10m CPU and 16 MiB per container, system clock. */
  public static SimulationConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .clock(clock)
        .seed(seed)
        .startLatency(startLatency)
        .startFailureProbability(startFailureProbability)
        .failingImages(failingImages)
        .crashProbability(crashProbability)
        .crashWithin(crashWithin)
        .crashExitCode(crashExitCode)
        .cpuMillis(cpuMillis)
        .memoryMiB(memoryMiB)
        .followInterval(followInterval)
        .scheduler(scheduler);
  }

  /** True when pulling {@code image} is set to fail. */
  boolean failsToPull(ImageReference image) {
    return failingImages.contains(image.toString());
  }

  private static void nonNegative(String field, Duration value) {
    Validate.required(field, value);
    if (value.isNegative()) {
      throw new ValidationException(field, "must not be negative, got " + value);
    }
  }

  private static void probability(String field, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new ValidationException(field, "must be a probability from 0 to 1, got " + value);
    }
  }

  /** Image references in their canonical spelling, so {@code busybox} matches its long form. */
  private static Set<String> normalized(Set<String> images) {
    Set<String> out = new TreeSet<>();
    if (images != null) {
      for (String image : images) {
        out.add(ImageReference.parse("failingImages", image).toString());
      }
    }
    return Set.copyOf(out);
  }

  /** Builds a config; see the record's parameters for what each setting means. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private long seed;
    private Duration startLatency = Duration.ZERO;
    private double startFailureProbability;
    private Set<String> failingImages = Set.of();
    private double crashProbability;
    private Duration crashWithin = Duration.ofMinutes(1);
    private int crashExitCode = 1;
    private long cpuMillis = 10;
    private long memoryMiB = 16;
    private Duration followInterval = Duration.ofMillis(20);
    private ScheduledExecutorService scheduler;

    private Builder() {}

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder startLatency(Duration startLatency) {
      this.startLatency = startLatency;
      return this;
    }

    public Builder startFailureProbability(double probability) {
      this.startFailureProbability = probability;
      return this;
    }

    public Builder failingImages(Set<String> images) {
      this.failingImages = images;
      return this;
    }

    public Builder crashProbability(double probability) {
      this.crashProbability = probability;
      return this;
    }

    public Builder crashWithin(Duration crashWithin) {
      this.crashWithin = crashWithin;
      return this;
    }

    public Builder crashExitCode(int crashExitCode) {
      this.crashExitCode = crashExitCode;
      return this;
    }

    public Builder cpuMillis(long cpuMillis) {
      this.cpuMillis = cpuMillis;
      return this;
    }

    public Builder memoryMiB(long memoryMiB) {
      this.memoryMiB = memoryMiB;
      return this;
    }

    public Builder followInterval(Duration followInterval) {
      this.followInterval = followInterval;
      return this;
    }

    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    public SimulationConfig build() {
      return new SimulationConfig(
          clock,
          seed,
          startLatency,
          startFailureProbability,
          failingImages,
          crashProbability,
          crashWithin,
          crashExitCode,
          cpuMillis,
          memoryMiB,
          followInterval,
          scheduler);
    }
  }
}
