package dev.switchboard.contract.compat;

import dev.switchboard.contract.ContractInfo;
import java.util.regex.Matcher;

/** ContractVersion is the contract's {@code MAJOR.MINOR} version. */
public record ContractVersion(int major, int minor) {

  /** Validates the numbers. */
  public ContractVersion {
    if (major < 1 || minor < 0) {
      throw new IllegalArgumentException("a contract version is MAJOR.MINOR with MAJOR ≥ 1");
    }
  }

  /** Parses {@code MAJOR.MINOR}, naming the text when it is not. */
  public static ContractVersion parse(String text) {
    Matcher matcher = ContractInfo.VERSION.matcher(text == null ? "" : text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "contract version \"" + text + "\" is not MAJOR.MINOR (for example 2.1)");
    }
    return new ContractVersion(
        Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
  }

  /** The version that accepts changes of the given level. */
  public ContractVersion bumpedFor(Level level) {
    return switch (level) {
      case COMPATIBLE -> this;
      case MINOR -> new ContractVersion(major, minor + 1);
      case MAJOR -> new ContractVersion(major + 1, 0);
    };
  }

  /** The version of the npm packages released with this contract: {@code MAJOR.MINOR.0}. */
  public String packageVersion() {
    return major + "." + minor + ".0";
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
