package dev.aino.store;

import dev.aino.error.AinoException;
import dev.aino.model.EventType;
import dev.aino.model.ObjectRef;
import dev.aino.store.spi.KvEntry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an operator about stored documents that cannot be read (damaged, written by a newer aino or
 * by a foreign writer), which readers skip: one log line and one {@code CorruptRecord} warning
 * event per key and revision, however often the document is read. Reporting never fails the read.
 */
final class CorruptRecordReport {
  private static final Logger LOG = LoggerFactory.getLogger(CorruptRecordReport.class);

  private final EventLog events;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  CorruptRecordReport(EventLog events) {
    this.events = events;
  }

  /** Reports that {@code entry} could not be decoded because of {@code e}, unless already done. */
  void report(KvEntry entry, AinoException e) {
    if (!reported.add(entry.key() + "@" + entry.modRevision())) {
      return;
    }
    String message =
        "stored document at "
            + entry.key()
            + " (revision "
            + entry.modRevision()
            + ") cannot be read and is skipped: "
            + e.getMessage();
    LOG.warn(message);
    if (entry.key().startsWith(ObjectKind.EVENTS.prefix())) {
      return; // An event about a corrupt event could loop; the log line is enough.
    }
    try {
      events.record(
          new ObjectRef("store", entry.key().replace("//", "/")),
          EventType.WARNING,
          "CorruptRecord",
          message,
          null,
          null);
    } catch (AinoException failed) {
      LOG.warn("could not record the CorruptRecord event: {}", failed.getMessage());
    }
  }
}
