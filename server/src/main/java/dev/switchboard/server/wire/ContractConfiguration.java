package dev.switchboard.server.wire;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * ContractConfiguration ({@code switchboard.contract.*}) holds one setting for testing clients:
 * {@code advertised-version}, a {@code MAJOR.MINOR} the server announces in {@code connected} and
 * in the shell's {@code init} instead of its own contract version, to see how clients built from
 * another version behave (they stop sending and offer a reload when the major differs). Never set
 * it in production.
 *
 * @param advertisedVersion the version to announce, or null for the server's own
 */
@ConfigurationProperties("switchboard.contract")
public record ContractConfiguration(@Nullable String advertisedVersion) {}
