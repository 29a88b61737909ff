package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;

/** PingData carries the client's clock (epoch milliseconds) when it sent the ping. */
@Serdeable
public record PingData(long timestamp) {}
