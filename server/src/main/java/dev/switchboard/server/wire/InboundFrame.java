package dev.switchboard.server.wire;

import dev.switchboard.contract.ChannelName;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

/**
 * InboundFrame is a client frame whose envelope is valid: a parsed channel, a type string, the
 * optional {@code ref}, and the whole frame as a JSON tree for the family's decoder.
 */
public record InboundFrame(ChannelName channel, String type, @Nullable String ref, JsonNode tree) {}
