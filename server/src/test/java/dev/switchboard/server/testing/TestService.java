package dev.switchboard.server.testing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * TestService names a service that some tests need, with the variable that points them at a running
 * one and the image Testcontainers starts otherwise. {@link #selection()} decides once per test JVM
 * where the service comes from; every test that needs it goes through that one place ({@link
 * RequiresService}, {@link TestPostgres}, {@link TestRedis}).
 */
public enum TestService {
  POSTGRES("PostgreSQL", "SWITCHBOARD_TEST_POSTGRES_URL", "postgres:16-alpine"),
  REDIS("Redis", "SWITCHBOARD_TEST_REDIS_URL", "redis:7-alpine");

  private static final ConcurrentMap<TestService, ServiceSelection> SELECTIONS =
      new ConcurrentHashMap<>();

  private final String displayName;
  private final String urlVariable;
  private final String image;

  TestService(String displayName, String urlVariable, String image) {
    this.displayName = displayName;
    this.urlVariable = urlVariable;
    this.image = image;
  }

  /** How people call it, for messages. */
  public String displayName() {
    return displayName;
  }

  /** The environment variable naming a running instance, which wins when set. */
  public String urlVariable() {
    return urlVariable;
  }

  /** The image Testcontainers starts when the variable is not set and a Docker engine answers. */
  public String image() {
    return image;
  }

  /**
   * Where this JVM's tests find the service: the variable's URL, else a container, else nowhere.
   * Docker is asked only when the variable is not set, and only once.
   */
  public ServiceSelection selection() {
    return SELECTIONS.computeIfAbsent(
        this, service -> ServiceSelection.select(service, System::getenv, TestContainers::docker));
  }
}
