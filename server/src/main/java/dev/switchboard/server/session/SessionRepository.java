package dev.switchboard.server.session;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/** SessionRepository reads and writes the {@code sessions} table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SessionRepository extends CrudRepository<AgentSession, String> {

  /** The project's sessions, oldest first. */
  List<AgentSession> findByProjectIdOrderByCreatedAt(String projectId);

  /** The id of the session's project, if the session exists. */
  Optional<String> findProjectIdById(String id);
}
