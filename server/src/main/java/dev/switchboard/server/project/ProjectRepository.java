package dev.switchboard.server.project;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** ProjectRepository reads and writes the {@code projects} table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProjectRepository extends CrudRepository<Project, String> {

  /** Every project, oldest first. */
  List<Project> listOrderByCreatedAt();
}
