package dev.aino.scheduler;

import dev.aino.model.Validate;

/**
 * Tunes a {@link Scheduler}.
 *
 * @param seed shuffles the order in which nodes are visited; same seed, same snapshot and same
 *     requests give the same decisions
 * @param candidateLimit how many feasible nodes to rank per placement
 * @param maxPenalisedSkips how many penalised candidates (a negative score from a ranker, such as a
 *     node already holding a replica of the workload) may be ranked without counting towards the
 *     limit, so the scheduler looks a little further for a node without one (Nomad's max skip)
 */
public record SchedulerConfig(long seed, CandidateLimit candidateLimit, int maxPenalisedSkips) {
  /** Nomad's default: three penalised nodes may be skipped. */
  public static final int DEFAULT_MAX_PENALISED_SKIPS = 3;

  public SchedulerConfig {
    candidateLimit = candidateLimit == null ? CandidateLimit.DEFAULT : candidateLimit;
    Validate.range("maxPenalisedSkips", maxPenalisedSkips, 0, Integer.MAX_VALUE);
  }

  /** Seed 0, {@link CandidateLimit#DEFAULT} and three penalised skips. */
  public static SchedulerConfig defaults() {
    return new SchedulerConfig(0, CandidateLimit.DEFAULT, DEFAULT_MAX_PENALISED_SKIPS);
  }

  public SchedulerConfig withSeed(long seed) {
    return new SchedulerConfig(seed, candidateLimit, maxPenalisedSkips);
  }

  public SchedulerConfig withCandidateLimit(CandidateLimit candidateLimit) {
    return new SchedulerConfig(seed, candidateLimit, maxPenalisedSkips);
  }
}
