package dev.switchboard.contract.shell;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/** ShellInitData describes the attached shell: its id, the PTY's size and its working directory. */
@Serdeable
public record ShellInitData(String shellId, int cols, int rows, String cwd) {

  /** Validates that the ids are present. */
  public ShellInitData {
    Objects.requireNonNull(shellId, "shellId");
    Objects.requireNonNull(cwd, "cwd");
  }
}
