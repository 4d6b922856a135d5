package dev.aino.bench.mcp;

import dev.aino.api.OrchestratorService;

/** {@link OrchestratorService} called in-process: the data, with no protocol around it. */
final class FacadeSurface implements Surface {
  private final OrchestratorService service;

  FacadeSurface(OrchestratorService service) {
    this.service = service;
  }

  @Override
  public String name() {
    return "facade";
  }

  @Override
  public boolean viaServer() {
    return false;
  }

  @Override
  public Session open() {
    return new Session() {
      @Override
      public void call(Operation operation) {
        if (operation.facade().apply(service) == null) {
          throw new IllegalStateException(operation.label() + " returned nothing");
        }
      }

      @Override
      public void close() {}
    };
  }
}
