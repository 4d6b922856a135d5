package dev.aino.store.spi;

import java.util.List;

/** A backend's watch callback; calls for one watch never overlap and come in revision order. */
public interface KvChangeListener {
  /** Changes of one or more commits, in revision order. */
  void onChanges(List<KvChange> changes);

  /** The watch cannot resume from its revision; it has ended. */
  void onRelist(String reason, long currentRevision);
}
