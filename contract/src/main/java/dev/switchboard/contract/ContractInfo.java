package dev.switchboard.contract;

import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * ContractInfo identifies a contract on the wire: its {@code MAJOR.MINOR} version and the first 16
 * hex digits of the SHA-256 of its canonical JSON Schema. The server sends its own in {@code
 * connected} and in the shell's {@code init}; a client compares them with the ones it was built
 * with (same hash: identical; same major and a server minor at least the client's: compatible;
 * otherwise the client stops sending and offers a reload).
 */
@Serdeable
public record ContractInfo(String version, String hash) {

  /** A contract version: {@code MAJOR.MINOR}, without leading zeros (groups 1 and 2). */
  public static final Pattern VERSION = Pattern.compile("(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)");

  private static final String RESOURCE = "contract.properties";

  /** Validates that both parts are present. */
  public ContractInfo {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(hash, "hash");
  }

  /**
   * The contract these classes were built from, read from the {@code contract.properties} the build
   * generates next to this class (and checks against {@code contract/compat/baseline.json}).
   */
  public static ContractInfo current() {
    return Current.INSTANCE;
  }

  private static final class Current {
    static final ContractInfo INSTANCE = load();

    private static ContractInfo load() {
      try (InputStream in = ContractInfo.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              RESOURCE + " is missing beside " + ContractInfo.class.getName());
        }
        Properties properties = new Properties();
        properties.load(in);
        return new ContractInfo(properties.getProperty("version"), properties.getProperty("hash"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
