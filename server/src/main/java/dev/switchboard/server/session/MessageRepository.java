package dev.switchboard.server.session;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** MessageRepository reads and writes the {@code messages} table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MessageRepository extends CrudRepository<StoredMessage, String> {

  /** The session's messages in the order they were created. */
  List<StoredMessage> findBySessionIdOrderByCreatedAt(String sessionId);

  /** How many messages the session holds. */
  long countBySessionId(String sessionId);
}
