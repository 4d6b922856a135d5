/** The in-memory state store backend, for tests and simulations. */
package dev.aino.store.memory;
