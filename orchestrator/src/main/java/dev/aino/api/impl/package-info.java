/** The store-backed implementation of {@link dev.aino.api.OrchestratorService}. */
package dev.aino.api.impl;
