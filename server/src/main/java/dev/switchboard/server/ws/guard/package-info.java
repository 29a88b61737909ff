/**
 * The WebSocket upgrade guard: the Origin allow-list and the Netty handler that enforces frame and
 * message rules on every socket.
 */
package dev.switchboard.server.ws.guard;
