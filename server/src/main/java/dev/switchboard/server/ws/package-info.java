/** The WebSocket endpoints: frame codec, connections and command routing. */
package dev.switchboard.server.ws;
