package dev.switchboard.contract.shell;

import dev.switchboard.contract.ContractInfo;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * ShellInitData describes the attached shell: its id, the PTY's size, its working directory, and
 * the server's contract, which the client checks as it does {@code connected}'s.
 */
@Serdeable
public record ShellInitData(String shellId, int cols, int rows, String cwd, ContractInfo contract) {

  /** Validates that the ids are present. */
  public ShellInitData {
    Objects.requireNonNull(shellId, "shellId");
    Objects.requireNonNull(cwd, "cwd");
    Objects.requireNonNull(contract, "contract");
  }
}
