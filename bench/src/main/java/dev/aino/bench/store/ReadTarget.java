package dev.aino.bench.store;

import java.util.function.LongConsumer;

/** A target that can also list and watch what was written to it. */
interface ReadTarget extends WriteTarget {
  /** Lists every instance; returns how many there are. */
  int listAll() throws Exception;

  /** Lists the instances of one workload (a key prefix); returns how many there are. */
  int listWorkload(String workload) throws Exception;

  /**
   * Watches instances from now on and hands the stamp of every written instance to {@code stamps},
   * on the watch's delivery thread.
   */
  Subscription watch(LongConsumer stamps) throws Exception;

  /** A running watch. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
