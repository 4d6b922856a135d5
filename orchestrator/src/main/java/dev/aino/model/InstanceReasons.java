package dev.aino.model;

/**
 * The reasons an {@link Instance} records, in one place for every writer (control plane, scheduler,
 * node agent) and reader (status views, diagnosis, surfaces). They are stored as these strings in
 * instance documents, so a value never changes; new ones may be added.
 */
public final class InstanceReasons {
  /** The scheduler found no node; the message is its fit report. */
  public static final String UNSCHEDULABLE = "Unschedulable";

  /** The agent took the instance on and is starting its container. */
  public static final String STARTING = "Starting";

  /** Its container runs. */
  public static final String STARTED = "Started";

  /** Its container ended with exit code 0. */
  public static final String COMPLETED = "Completed";

  /** Its container ended with another exit code. */
  public static final String ERROR = "Error";

  /** Its container was killed for using more memory than its limit. */
  public static final String OOM_KILLED = "OOMKilled";

  /** The runtime could not start a container. */
  public static final String START_FAILED = "StartFailed";

  /** The image could not be pulled; the message says why. */
  public static final String IMAGE_PULL_FAILED = "ImagePullFailed";

  /** The image failed to pull once (as Kubernetes says); it waits to pull again. */
  public static final String ERR_IMAGE_PULL = "ErrImagePull";

  /** The image failed to pull more than once; it waits, with back-off, to pull again. */
  public static final String IMAGE_PULL_BACK_OFF = "ImagePullBackOff";

  /** It failed its health checks. */
  public static final String UNHEALTHY = "Unhealthy";

  /** Its container was stopped as asked. */
  public static final String STOPPED = "Stopped";

  /** It waits, under its restart policy, for the back-off before the next start. */
  public static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";

  /** A user asked to restart it; a fresh instance replaces it. */
  public static final String RESTART_REQUESTED = "RestartRequested";

  /** Its node is being drained. */
  public static final String DRAINED = "Drained";

  /** Its workload was scaled down. */
  public static final String SCALED_DOWN = "ScaledDown";

  /** A rolling update replaces it. */
  public static final String OUTDATED = "Outdated";

  /** Its node has been down too long; it is replaced elsewhere. */
  public static final String NODE_LOST = "NodeLost";

  /** Its container ended while no agent was its parent: its exit code cannot be known. */
  public static final String EXITED_WHILE_AGENT_DOWN = "ExitedWhileAgentDown";

  /** An adopted container ended: its exit code cannot be known. */
  public static final String EXIT_CODE_UNKNOWN = "ExitCodeUnknown";

  private InstanceReasons() {}
}
