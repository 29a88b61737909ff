package dev.switchboard.server.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every command family is dispatched by a {@code switch} expression over its type enum with no
 * {@code default}, so a command type that no handler covers fails {@code javac}. Each case below
 * compiles a real dispatcher from {@code src/main/java} twice against the compiled classes: as it
 * is (it compiles), and with one {@code case} removed (javac reports the switch not exhaustive).
 */
class ExhaustiveDispatchTest {

  private static final Path SOURCES = Path.of("src/main/java");

  @TestFactory
  Stream<DynamicTest> aCommandTypeWithoutACaseFailsTheCompile() {
    return Stream.of(
            new String[] {"dev/switchboard/server/ws/GlobalCommands.java", "PING"},
            new String[] {"dev/switchboard/server/ws/GlobalCommands.java", "UNSUBSCRIBE"},
            new String[] {"dev/switchboard/server/session/agent/AgentRunner.java", "CANCEL"},
            new String[] {"dev/switchboard/server/shell/ShellSocket.java", "RESIZE"})
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c[0] + " without case " + c[1], () -> compilesOnlyWithEveryCase(c[0], c[1])));
  }

  private static void compilesOnlyWithEveryCase(String file, String commandType)
      throws IOException {
    String source = Files.readString(SOURCES.resolve(file));
    String name = file.substring(0, file.length() - ".java".length());

    List<Diagnostic<? extends JavaFileObject>> asIs = compile(name, source);
    assertEquals(List.of(), errors(asIs), file + " must compile as it is");

    List<Diagnostic<? extends JavaFileObject>> missing =
        compile(name, withoutCase(source, commandType));
    List<String> errors = errors(missing);
    assertTrue(
        missing.stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR && isNotExhaustive(d)),
        "removing case " + commandType + " from " + file + " must fail javac; errors: " + errors);
  }

  /** The source with one arm of its dispatch removed, from {@code case X ->} to the next arm. */
  static String withoutCase(String source, String commandType) {
    Pattern arm =
        Pattern.compile(
            "\\n\\s*case " + commandType + " ->.*?(?=\\n\\s*(case |\\};))", Pattern.DOTALL);
    Matcher matcher = arm.matcher(source);
    assertTrue(matcher.find(), "no arm \"case " + commandType + " ->\" in the source");
    String without = matcher.replaceFirst("");
    assertTrue(!arm.matcher(without).find(), "two arms for " + commandType);
    return without;
  }

  private static boolean isNotExhaustive(Diagnostic<? extends JavaFileObject> diagnostic) {
    return "compiler.err.not.exhaustive".equals(diagnostic.getCode());
  }

  private static List<String> errors(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    return diagnostics.stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getCode() + " at line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .collect(Collectors.toList());
  }

  private static List<Diagnostic<? extends JavaFileObject>> compile(String name, String source)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path out = Files.createTempDirectory("exhaustive-dispatch");
    try {
      JavaFileObject file =
          new SimpleJavaFileObject(
              URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return source;
            }
          };
      List<String> options =
          List.of(
              "--release",
              "17",
              "-proc:none",
              "-classpath",
              System.getProperty("java.class.path"),
              "-d",
              out.toString());
      javac.getTask(new StringWriter(), null, diagnostics, options, null, List.of(file)).call();
      return diagnostics.getDiagnostics();
    } finally {
      try (var paths = Files.walk(out)) {
        paths.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
      }
    }
  }
}
