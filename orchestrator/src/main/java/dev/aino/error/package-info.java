/**
 * Error codes and the typed exceptions that carry them. Adapters translate {@link
 * dev.aino.error.ErrorCode} to their protocol in one place each; nothing else inspects messages.
 */
package dev.aino.error;
