package dev.switchboard.server.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.contract.ContractInfo;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

class AdvertisedContractTest {

  @Test
  void announcesTheContractTheServerWasBuiltWith() {
    assertSame(
        ContractInfo.current(), new AdvertisedContract(new ContractConfiguration(null)).info());
    assertSame(
        ContractInfo.current(), new AdvertisedContract(new ContractConfiguration(" ")).info());
  }

  @Test
  void announcesAnotherVersionForTestingClientsKeepingTheHash() {
    ContractInfo info = new AdvertisedContract(new ContractConfiguration("99.0")).info();
    assertEquals(new ContractInfo("99.0", ContractInfo.current().hash()), info);
  }

  @Test
  void refusesAVersionThatIsNotMajorDotMinorNamingTheSetting() {
    ConfigurationException error =
        assertThrows(
            ConfigurationException.class,
            () -> new AdvertisedContract(new ContractConfiguration("3")));
    assertEquals(
        "switchboard.contract.advertised-version must be MAJOR.MINOR (for example 3.0), was \"3\"",
        error.getMessage());
  }
}
