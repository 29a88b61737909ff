package dev.switchboard.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.core.type.Argument;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript modules written from Java beside the generated {@code contract.ts}: the golden
 * vectors, the protocol constants and the enums as {@code as const} objects. They must match the
 * committed copies in {@code @switchboard/contract}, like the generated types; {@code
 * -Dcontract.update} rewrites them.
 */
class GeneratedArtifactsTest {

  private static final Path DIR = Path.of(System.getProperty("contract.generated.dir"));
  private static final boolean UPDATE = Boolean.getBoolean("contract.update");
  private static final String UPDATE_COMMAND = System.getProperty("contract.update.command");
  private static final String HEADER =
      "// Written from the Java contract by GeneratedArtifactsTest: do not edit.\n"
          + "// Regenerate with "
          + UPDATE_COMMAND
          + "\n\n";

  @Test
  void goldenVectorsMatchTheCommittedCopy() throws Exception {
    StringBuilder json = new StringBuilder(HEADER);
    json.append("/** One frame per event and command type, by family and type name. */\n");
    json.append("export const goldenVectors = {\n");
    List<ContractFamily> families = ContractFamily.ALL;
    for (int f = 0; f < families.size(); f++) {
      ContractFamily family = families.get(f);
      json.append("  \"").append(family.name()).append("\": {\n");
      List<?> examples = family.examples();
      for (int i = 0; i < examples.size(); i++) {
        Object example = examples.get(i);
        Object type = family.base().getMethod("type").invoke(example);
        json.append("    \"")
            .append(type.getClass().getMethod("wireName").invoke(type))
            .append("\": ")
            .append(withFrameMeta(family, example))
            .append(i < examples.size() - 1 ? ",\n" : "\n");
      }
      json.append("  }").append(f < families.size() - 1 ? ",\n" : "\n");
    }
    json.append("};\n");
    checkOrUpdate("golden-vectors.ts", json.toString());
  }

  @Test
  void protocolConstantsMatchTheCommittedCopy() throws Exception {
    List<String> entries = new ArrayList<>();
    for (Field field : ProtocolConstants.class.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers)) {
        entries.add("  \"" + field.getName() + "\": " + field.get(null));
      }
    }
    checkOrUpdate(
        "protocol-constants.ts",
        HEADER
            + "/** Every protocol constant by its Java name (ProtocolConstants). */\n"
            + "export const ProtocolConstants = {\n"
            + String.join(",\n", entries)
            + ",\n} as const;\n");
  }

  /**
   * Each enum of the generated contract as an {@code as const} object of its wire values, beside
   * the union type the generator writes: runtime constants that erase to plain objects, so
   * consumers that forbid TypeScript {@code enum}s ({@code erasableSyntaxOnly}, Node's type
   * stripping) can use them. {@code satisfies} makes {@code tsc} check them against the union.
   */
  @Test
  void enumConstantsMatchTheCommittedCopy() throws Exception {
    String contract = Files.readString(DIR.resolve("contract.ts"));
    StringBuilder ts = new StringBuilder(HEADER);
    ts.append("import type * as Contract from \"./contract.js\";\n");
    for (Class<?> type : contractEnums()) {
      String name = type.getSimpleName();
      if (!contract.contains("export type " + name + " = ")) {
        continue; // not part of the wire format
      }
      ts.append("\nexport const ").append(name).append(" = {\n");
      for (Object constant : type.getEnumConstants()) {
        ts.append("  ")
            .append(((Enum<?>) constant).name())
            .append(": ")
            .append(ContractSerde.MAPPER.writeValueAsString(constant))
            .append(",\n");
      }
      ts.append("} as const satisfies Record<string, Contract.")
          .append(name)
          .append(">;\n")
          .append("export type ")
          .append(name)
          .append(" = Contract.")
          .append(name)
          .append(";\n");
    }
    checkOrUpdate("enums.ts", ts.toString());
  }

  /** Every public top-level enum of the contract, sorted by simple name. */
  private static List<Class<?>> contractEnums() throws Exception {
    Path classes =
        Path.of(ChannelKind.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> enums = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String relative = classes.relativize(file).toString().replace('\\', '/');
        if (!relative.endsWith(".class") || relative.contains("$")) {
          continue;
        }
        Class<?> type =
            Class.forName(
                relative.substring(0, relative.length() - ".class".length()).replace('/', '.'));
        if (type.isEnum() && Modifier.isPublic(type.getModifiers())) {
          enums.add(type);
        }
      }
    }
    enums.sort(Comparator.comparing(Class::getSimpleName));
    return enums;
  }

  /**
   * Adds the transport fields the server's frame codec adds: {@code ref} on commands and on the
   * direct reply to one ({@code pong}), {@code offset} on events of recoverable channels.
   */
  private static String withFrameMeta(ContractFamily family, Object example) throws IOException {
    @SuppressWarnings("unchecked")
    Argument<Object> base = (Argument<Object>) Argument.of(family.base());
    String json = ContractSerde.MAPPER.writeValueAsString(base, example);
    String channel = (String) invoke(example, "channel");
    String prefix = json.substring(0, json.length() - 1);
    if (family.name().endsWith("Command") || json.contains("\"type\":\"pong\"")) {
      return prefix + ",\"ref\":\"7\"}";
    }
    if (ChannelName.parse(channel).kind().recoverable()) {
      return prefix + ",\"offset\":18}";
    }
    return json;
  }

  private static Object invoke(Object target, String method) {
    try {
      return target.getClass().getMethod(method).invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void checkOrUpdate(String fileName, String expected) throws IOException {
    Path committed = DIR.resolve(fileName);
    if (UPDATE) {
      Files.createDirectories(DIR);
      Files.writeString(committed, expected, StandardCharsets.UTF_8);
      return;
    }
    String actual = Files.exists(committed) ? Files.readString(committed) : "";
    assertEquals(
        expected,
        actual,
        committed
            + " differs from the Java contract. Regenerate it with: "
            + UPDATE_COMMAND
            + " (then commit it).");
  }
}
