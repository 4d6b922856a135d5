/**
 * Test parts other modules reuse through this module's test jar: a fake OpenAI-compatible chat
 * model server on loopback, so that every test that drives a model (the intent reader, the agent
 * examples) runs against the same scripted stand-in instead of a copy of it.
 */
package dev.aino.intent.testing;
