package dev.switchboard.server.wire;

import dev.switchboard.contract.ContractInfo;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AdvertisedContract is the contract the server announces to clients, in {@code connected} and in
 * the shell's {@code init}: the one it was built with ({@link ContractInfo#current()}), unless
 * {@code switchboard.contract.advertised-version} names another version for testing clients, in
 * which case only the version changes and a warning says so at start-up.
 */
@Singleton
public final class AdvertisedContract {

  private static final Logger LOG = LoggerFactory.getLogger(AdvertisedContract.class);

  private final ContractInfo info;

  AdvertisedContract(ContractConfiguration configuration) {
    ContractInfo own = ContractInfo.current();
    String version = configuration.advertisedVersion();
    if (version == null || version.isBlank() || version.equals(own.version())) {
      this.info = own;
      return;
    }
    if (!ContractInfo.VERSION.matcher(version).matches()) {
      throw new ConfigurationException(
          "switchboard.contract.advertised-version must be MAJOR.MINOR (for example 3.0), was \""
              + version
              + "\"");
    }
    LOG.warn(
        "Announcing contract {} instead of this server's {} (switchboard.contract.advertised-version):"
            + " for testing clients only",
        version,
        own.version());
    this.info = new ContractInfo(version, own.hash());
  }

  /** The contract announced to clients. */
  public ContractInfo info() {
    return info;
  }
}
