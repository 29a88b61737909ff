package dev.switchboard.server.auth;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** TokenRepository reads and writes the {@code tokens} table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface TokenRepository extends CrudRepository<TokenRow, String> {}
