package dev.aino.bench.mcp;

/** A way to reach aino: MCP over Streamable HTTP, REST over HTTP, or the facade in-process. */
interface Surface {
  /** How the report names it. */
  String name();

  /**
   * Whether its calls reach the server over HTTP, whose request threads' CPU time is then the
   * server's share; the facade in-process has none.
   */
  default boolean viaServer() {
    return true;
  }

  /** A session of its own (an initialized MCP client, an HTTP client), for one thread. */
  Session open() throws Exception;

  /** One client's connection; used by one thread at a time. */
  interface Session extends AutoCloseable {
    /**
     * Makes the call and checks that it succeeded.
     *
     * @throws IllegalStateException when aino answered with an error
     */
    void call(Operation operation) throws Exception;

    @Override
    void close();
  }
}
