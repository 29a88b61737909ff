package dev.switchboard.contract;

import io.micronaut.core.type.Argument;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The golden vectors and protocol constants the web client reads are written from Java and must
 * match the committed copies, like the generated TypeScript; {@code -Dcontract.update} rewrites
 * them.
 */
class GeneratedArtifactsTest {

  @Test
  void goldenVectorsMatchTheCommittedCopy() throws Exception {
    StringBuilder json = new StringBuilder("{\n");
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
    json.append("}\n");
    checkOrUpdate("golden-vectors.json", json.toString());
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
    checkOrUpdate("protocol-constants.json", "{\n" + String.join(",\n", entries) + "\n}\n");
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
    CommittedFiles.checkOrUpdate(CommittedFiles.GENERATED_DIR.resolve(fileName), expected);
  }
}
