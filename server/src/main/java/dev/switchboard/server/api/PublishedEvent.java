package dev.switchboard.server.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * PublishedEvent answers a publish: the channel and the event's position in its stream (offset 0 on
 * channels that keep no positions).
 */
@Serdeable
public record PublishedEvent(String channel, String epoch, long offset) {}
