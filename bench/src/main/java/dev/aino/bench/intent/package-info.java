/** The intent benchmark: the offline engine's latency per intent and its memory. */
package dev.aino.bench.intent;
