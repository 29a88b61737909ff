package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;

/**
 * PongData echoes the ping's client timestamp (so the client measures round-trip latency on its own
 * clock) and adds the server's time in epoch milliseconds.
 */
@Serdeable
public record PongData(long timestamp, long serverTime) {}
