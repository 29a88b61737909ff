package dev.switchboard.server.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * TestContainers starts the PostgreSQL and Redis containers that stand in for {@code
 * SWITCHBOARD_TEST_POSTGRES_URL} and {@code SWITCHBOARD_TEST_REDIS_URL} where a Docker engine
 * answers: each at most once per test JVM, on first use, shared by every test class (they already
 * work in schemas and key prefixes of their own). Testcontainers' reaper removes them when the JVM
 * exits.
 */
public final class TestContainers {

  private static final int REDIS_PORT = 6379;

  private TestContainers() {}

  /** Whether a Docker engine answers here (Testcontainers' own discovery, asked once). */
  static boolean docker() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** The PostgreSQL container, started on first use. */
  static PostgreSQLContainer<?> postgres() {
    return Postgres.CONTAINER;
  }

  /** The Redis container's URL, the container started on first use. */
  static String redisUrl() {
    return "redis://" + Redis.CONTAINER.getHost() + ":" + Redis.CONTAINER.getMappedPort(REDIS_PORT);
  }

  /** Holder: the container starts when this class is first used, not when the helper is. */
  private static final class Postgres {
    static final PostgreSQLContainer<?> CONTAINER = start();

    private static PostgreSQLContainer<?> start() {
      PostgreSQLContainer<?> container =
          new PostgreSQLContainer<>(
              DockerImageName.parse(TestService.POSTGRES.image())
                  .asCompatibleSubstituteFor("postgres"));
      container.start();
      return container;
    }
  }

  /** Holder: the container starts when this class is first used, not when the helper is. */
  private static final class Redis {
    static final GenericContainer<?> CONTAINER = start();

    private static GenericContainer<?> start() {
      GenericContainer<?> container =
          new GenericContainer<>(DockerImageName.parse(TestService.REDIS.image()))
              .withExposedPorts(REDIS_PORT);
      container.start();
      return container;
    }
  }
}
