/**
 * The {@code aino} command's server: settings, the choice of state store ({@link
 * dev.aino.server.StoreFactory}), and {@link dev.aino.server.AinoServer}, which wires the store to
 * the HTTP server. {@link dev.aino.server.Main} is the entry point of {@code
 * server/target/aino.jar}.
 */
package dev.aino.server;
