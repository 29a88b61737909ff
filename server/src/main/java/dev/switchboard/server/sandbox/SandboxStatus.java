package dev.switchboard.server.sandbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * SandboxStatus tells clients what confines agents and shells on this server: {@code enforced} when
 * they run in bubblewrap, with {@code network} saying whether they reach the network, and a {@code
 * warning} to show users when nothing confines them.
 */
@Serdeable
public record SandboxStatus(
    SandboxMode mode, boolean enforced, boolean network, @Nullable String warning) {}
