package dev.switchboard.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.server.testing.ServiceSelection.Source;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Where the PostgreSQL and Redis tests find their service, with the environment and Docker faked.
 */
class ServiceSelectionTest {

  static final BooleanSupplier NO_DOCKER = () -> false;
  static final BooleanSupplier DOCKER = () -> true;
  static final BooleanSupplier MUST_NOT_ASK_DOCKER =
      () -> fail("Docker was asked although the variable is set");

  @Test
  void theVariableWinsWithoutAskingDocker() {
    ServiceSelection selection =
        ServiceSelection.select(
            TestService.POSTGRES,
            Map.of("SWITCHBOARD_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test")::get,
            MUST_NOT_ASK_DOCKER);

    assertEquals(Source.URL, selection.source());
    assertEquals("jdbc:postgresql://127.0.0.1:5432/test", selection.url());
    assertTrue(selection.available());
  }

  @Test
  void eachServiceReadsItsOwnVariable() {
    Map<String, String> env = Map.of("SWITCHBOARD_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    assertEquals(
        Source.URL, ServiceSelection.select(TestService.REDIS, env::get, NO_DOCKER).source());
    assertEquals(
        Source.NONE, ServiceSelection.select(TestService.POSTGRES, env::get, NO_DOCKER).source());
  }

  @Test
  void startsAContainerWhenTheVariableIsUnsetAndDockerAnswers() {
    ServiceSelection selection =
        ServiceSelection.select(TestService.REDIS, Map.<String, String>of()::get, DOCKER);

    assertEquals(Source.CONTAINER, selection.source());
    assertNull(selection.url());
    assertTrue(selection.reason().contains("redis:7-alpine"), selection.reason());
  }

  @Test
  void aBlankVariableCountsAsUnset() {
    AtomicInteger asked = new AtomicInteger();
    ServiceSelection selection =
        ServiceSelection.select(
            TestService.POSTGRES,
            Map.of("SWITCHBOARD_TEST_POSTGRES_URL", "  ")::get,
            () -> asked.incrementAndGet() > 0);

    assertEquals(Source.CONTAINER, selection.source());
    assertEquals(1, asked.get());
  }

  @Test
  void skipsWithAMessageNamingBothWaysToRunTheTests() {
    ServiceSelection selection =
        ServiceSelection.select(TestService.POSTGRES, Map.<String, String>of()::get, NO_DOCKER);

    assertEquals(Source.NONE, selection.source());
    assertFalse(selection.available());
    assertTrue(selection.reason().contains("SWITCHBOARD_TEST_POSTGRES_URL"), selection.reason());
    assertTrue(selection.reason().contains("Docker engine"), selection.reason());
    assertTrue(selection.reason().contains("postgres:16-alpine"), selection.reason());
  }
}
