package dev.aino.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exit listeners of one container, for the drivers: each listener is called exactly once, when
 * the driver {@link #announce announces} the end or at once when it was announced before; one that
 * throws is logged and breaks neither the others nor the driver. Thread-safe; listeners are called
 * outside its lock. Small, since every container of a simulated node with a million has one: the
 * usual single listener (the agent's) takes a field, not a list.
 */
public final class ExitListeners {
  private static final Logger LOG = LoggerFactory.getLogger(ExitListeners.class);

  private final ContainerHandle handle;
  private ExitListener first;
  private List<ExitListener> more;
  private ContainerStatus end;
  private boolean dropped;

  /**
   * @param handle the container they listen to, for the log
   */
  public ExitListeners(ContainerHandle handle) {
    this.handle = Objects.requireNonNull(handle, "handle");
  }

  /** Calls {@code listener} once the end is announced; at once when it already was. */
  public void add(ExitListener listener) {
    Objects.requireNonNull(listener, "listener");
    ContainerStatus known;
    synchronized (this) {
      if (dropped) {
        return;
      }
      if (end == null) {
        if (first == null) {
          first = listener;
        } else {
          if (more == null) {
            more = new ArrayList<>(2);
          }
          more.add(listener);
        }
        return;
      }
      known = end;
    }
    call(listener, known, handle);
  }

  /**
   * The container ended as {@code end}: calls every listener waiting. Only the first announcement
   * counts; later ones do nothing.
   */
  public void announce(ContainerStatus end) {
    Objects.requireNonNull(end, "end");
    ExitListener dueFirst;
    List<ExitListener> dueMore;
    synchronized (this) {
      if (this.end != null || dropped) {
        return;
      }
      this.end = end;
      dueFirst = first;
      dueMore = more;
      first = null;
      more = null;
    }
    if (dueFirst != null) {
      call(dueFirst, end, handle);
    }
    if (dueMore != null) {
      dueMore.forEach(listener -> call(listener, end, handle));
    }
  }

  /** Whether the end was announced (or the listeners dropped): nothing is waiting any more. */
  public synchronized boolean isSettled() {
    return end != null || dropped;
  }

  /** The driver is closing: forgets the listeners waiting and ignores any added later. */
  public synchronized void drop() {
    dropped = true;
    first = null;
    more = null;
  }

  /** Calls {@code listener} with {@code end}, logging rather than passing on what it throws. */
  public static void call(ExitListener listener, ContainerStatus end, ContainerHandle handle) {
    try {
      listener.exited(end);
    } catch (RuntimeException e) {
      LOG.warn("an exit listener of {} failed: {}", handle, e.toString(), e);
    }
  }
}
