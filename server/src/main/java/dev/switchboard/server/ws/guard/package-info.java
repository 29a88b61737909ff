/**
 * What every WebSocket shares, whichever endpoint serves it: the upgrade's admission (Origin,
 * credentials, the token's socket slots), the Netty handler that enforces frame and message rules
 * and the outbound budget, the protocol-error budget, the {@code switchboard.ws.*} settings, and
 * the one list of Micronaut and Netty internals the sockets rely on.
 */
package dev.switchboard.server.ws.guard;
