/**
 * {@link dev.aino.api.OrchestratorService}, the facade every adapter calls, and the views it
 * returns.
 */
package dev.aino.api;
