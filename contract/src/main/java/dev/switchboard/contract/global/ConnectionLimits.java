package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;

/**
 * ConnectionLimits are the limits the server enforces on one connection and on its token, sent in
 * {@code connected} so a client can stay inside them instead of discovering them by being refused:
 * the connection's message size, subscriptions, command rate and timeouts; the agent replies that
 * may run at once for one token ({@code maxRunsPerToken}, else {@code too_many_runs}) and on one
 * server node ({@code maxRunsPerNode}, else {@code node_busy}); the shells one token may hold.
 */
@Serdeable
public record ConnectionLimits(
    int maxMessageBytes,
    int maxSubscriptions,
    int maxCommandsPerSecond,
    long idleTimeoutMs,
    long pongTimeoutMs,
    int maxRunsPerToken,
    int maxRunsPerNode,
    int maxShellsPerToken) {}
