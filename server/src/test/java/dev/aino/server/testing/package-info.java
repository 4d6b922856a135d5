/** Helpers for the server module's tests. */
package dev.aino.server.testing;
