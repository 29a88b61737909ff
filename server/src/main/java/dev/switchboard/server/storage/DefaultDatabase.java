package dev.switchboard.server.storage;

import dev.switchboard.server.config.DataDirectory;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.util.StringUtils;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DefaultDatabase points the default datasource at the embedded H2 file database in the data
 * directory when no URL is configured ({@code SWITCHBOARD_DB_URL}, {@code switchboard.db.url} or
 * {@code datasources.default.url}).
 *
 * <p>The URL is computed here because Micronaut does not nest placeholders: {@code
 * ${switchboard.db.url:jdbc:h2:file:${switchboard.data-dir}/...}} does not resolve. H2 runs in
 * PostgreSQL mode with lower-case identifiers so that one migration script and one SQL dialect
 * serve both databases.
 */
@Singleton
final class DefaultDatabase implements BeanCreatedEventListener<DatasourceConfiguration> {

  /**
   * The H2 settings that make it accept PostgreSQL's SQL and identifier case, and make every commit
   * durable: with its default {@code WRITE_DELAY} (500 ms) H2 writes committed transactions to the
   * file in the background, so a crash right after a 201 lost the row (ADR 0011 has the
   * measurements and the cost).
   */
  static final String H2_OPTIONS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";

  private static final Logger LOG = LoggerFactory.getLogger(DefaultDatabase.class);

  private final Provider<DataDirectory> dataDirectory;

  DefaultDatabase(Provider<DataDirectory> dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  @Override
  public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
    DatasourceConfiguration configuration = event.getBean();
    if (!"default".equals(configuration.getName())) {
      return configuration;
    }
    if (StringUtils.isEmpty(configuration.getConfiguredUrl())) {
      configuration.setUrl(h2Url(dataDirectory.get().path()));
      configuration.setDriverClassName("org.h2.Driver");
      if (StringUtils.isEmpty(configuration.getConfiguredUsername())) {
        configuration.setUsername("sa");
      }
      LOG.info("Using the embedded H2 database in {}", dataDirectory.get().path());
    } else {
      // Empty strings from unset placeholders would be sent as an empty user name.
      if (StringUtils.isEmpty(configuration.getConfiguredUsername())) {
        configuration.setUsername(null);
      }
      if (StringUtils.isEmpty(configuration.getConfiguredPassword())) {
        configuration.setPassword(null);
      }
    }
    return configuration;
  }

  /** The URL of the H2 file database in {@code dataDir}. */
  static String h2Url(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.resolve("switchboard").toAbsolutePath() + H2_OPTIONS;
  }
}
