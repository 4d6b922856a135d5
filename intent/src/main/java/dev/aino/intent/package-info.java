/**
 * The intent engine: what a person or an agent says in words becomes a validated plan, and on a
 * second step (or with {@code dryRun: false}) a change made through {@link
 * dev.aino.api.OrchestratorService}. Every surface that takes words (REST, CLI, MCP, A2A, console)
 * calls {@link dev.aino.intent.IntentEngine}; none parses text itself.
 *
 * <p>Two readers produce the same {@link dev.aino.intent.Intent}: the offline one (nearest
 * neighbour over labelled example utterances embedded in-process, plus deterministic slot
 * extractors) and an LLM through langchain4j. Neither changes anything: {@link
 * dev.aino.intent.IntentPlanner} validates the intent like any other input and plans it.
 */
package dev.aino.intent;
