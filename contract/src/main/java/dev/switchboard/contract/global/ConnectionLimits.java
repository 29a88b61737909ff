package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;

/**
 * ConnectionLimits are the limits the server enforces on one connection, sent in {@code connected}
 * so a client can stay inside them instead of discovering them by being closed.
 */
@Serdeable
public record ConnectionLimits(
    int maxMessageBytes,
    int maxSubscriptions,
    int maxCommandsPerSecond,
    long idleTimeoutMs,
    long pongTimeoutMs) {}
