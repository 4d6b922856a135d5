package dev.aino.mcp;

import dev.aino.api.OrchestratorService;
import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.StoreOptions;
import dev.aino.store.memory.InMemoryStateStore;
import java.time.Clock;

/** A facade over an empty in-memory store: the tool specs need one to exist. */
final class TestService {
  private TestService() {}

  static OrchestratorService empty() {
    return new CoreOrchestratorService(
        new InMemoryStateStore(StoreOptions.defaults()),
        new Scheduler(SchedulerConfig.defaults()),
        Clock.systemUTC());
  }
}
