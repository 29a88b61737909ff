package dev.switchboard.server.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RequiresService marks a test class that needs PostgreSQL or Redis: it runs against the service
 * {@link TestService#selection()} found, and is skipped, saying how to run it, when there is none.
 * The decision is taken before the class starts, so a skipped {@code @MicronautTest} starts
 * nothing.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresServiceCondition.class)
public @interface RequiresService {

  /** The services the class needs. */
  TestService[] value();
}
