package dev.switchboard.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CommittedFiles compares a file the build generates from the contract with its committed copy, or,
 * with {@code -Dcontract.update}, writes the copy.
 */
public final class CommittedFiles {

  /** Where the generated files the web client reads are committed. */
  public static final Path GENERATED_DIR = Path.of(System.getProperty("contract.generated.dir"));

  /** Whether this run writes the committed copies instead of checking them. */
  public static final boolean UPDATE = Boolean.getBoolean("contract.update");

  /** The command that regenerates every committed copy. */
  public static final String UPDATE_COMMAND = System.getProperty("contract.update.command");

  private CommittedFiles() {}

  /**
   * Fails naming the file and the command that regenerates it, unless it holds {@code expected}.
   */
  public static void checkOrUpdate(Path committed, String expected) throws IOException {
    if (UPDATE) {
      Files.createDirectories(committed.toAbsolutePath().getParent());
      Files.writeString(committed, expected, StandardCharsets.UTF_8);
      return;
    }
    String actual = Files.exists(committed) ? Files.readString(committed) : "";
    assertEquals(
        expected,
        actual,
        committed
            + " differs from the Java contract. Regenerate it with: "
            + UPDATE_COMMAND
            + " (then commit it).");
  }
}
