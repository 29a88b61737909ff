package dev.switchboard.server.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.switchboard.server.architecture.cycle.a.Upper;
import dev.switchboard.server.architecture.cycle.b.Lower;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The server's packages form no cycle: read from the compiled classes (Micronaut's generated bean
 * definitions included), each package of {@code dev.switchboard.server} is a slice, and no slice
 * may reach itself through others. The socket packages are the edge: {@code ws} depends on the
 * domain and on {@code ws.guard}, never the reverse.
 */
class PackageCyclesTest {

  /** Every package below {@code dev.switchboard.server}, the root included, is one slice. */
  private static final ArchRule NO_CYCLES =
      slices().matching("dev.switchboard.(**)").should().beFreeOfCycles();

  @Test
  void serverPackagesHaveNoCycles() {
    // The module's own output only: scanning the whole classpath for the package takes seconds.
    JavaClasses main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target/classes"));
    assertTrue(main.size() > 100, "expected the server's classes, found " + main.size());
    NO_CYCLES.check(main);
  }

  @Test
  void theRuleFindsACycleBetweenTwoPackages() {
    JavaClasses fixture = new ClassFileImporter().importClasses(Upper.class, Lower.class);
    AssertionError failure = assertThrows(AssertionError.class, () -> NO_CYCLES.check(fixture));
    assertTrue(failure.getMessage().contains("Cycle detected"), failure.getMessage());
  }
}
