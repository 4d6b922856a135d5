/**
 * The JSON form of the domain model, shared by the store and the adapters: {@link
 * dev.aino.json.Json} reads stored documents leniently, {@link dev.aino.json.StrictInput} reads
 * what people and agents send strictly and reports every error of a document at once.
 */
package dev.aino.json;
