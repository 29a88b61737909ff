package dev.switchboard.contract.shell;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * ShellExitData is how the shell ended: its exit code, and the signal's name ({@code "SIGHUP"})
 * when a signal ended it.
 */
@Serdeable
public record ShellExitData(int exitCode, @Nullable String signal) {}
