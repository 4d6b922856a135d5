/**
 * aino as an Agent2Agent (A2A) server: other agents discover it from its agent card and send it
 * messages in words, which {@link dev.aino.intent.IntentEngine} reads; answers come back as
 * completed tasks, changes as tasks that are followed until every replica runs.
 *
 * <p>{@link dev.aino.a2a.A2aAgent} speaks the JSON-RPC binding of A2A 1.0 and, for peers that send
 * no {@code A2A-Version} header or {@code 0.3}, the method names and shapes of A2A 0.3. It knows no
 * HTTP server: the server module mounts it at {@code /a2a} behind the request guard and hands it
 * the request body, the version header and the facade as the caller sees it.
 *
 * <p>The wire types are this package's own small records rendered with the project's Jackson
 * mapper, written from the specification: the official Java SDK 1.x is not available here, and the
 * 0.3 SDK that is would cover only one of the two versions and bring its own object model.
 */
package dev.aino.a2a;
