package dev.switchboard.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.contract.error.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reference tables of {@code docs/protocol.md} (families, payloads, codes) are rendered from
 * the contract and must match the committed document between its generated-section markers.
 */
class ProtocolDocTest {

  private static final String BEGIN = "<!-- BEGIN GENERATED: contract tables -->\n";
  private static final String END = "<!-- END GENERATED: contract tables -->";

  @Test
  void protocolDocTablesMatchTheContract() throws IOException {
    Path doc = Path.of(System.getProperty("contract.protocol.doc"));
    String text = Files.readString(doc);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    assertTrue(begin >= 0 && end > begin, doc + " lacks the generated-section markers");
    String current = text.substring(begin + BEGIN.length(), end);
    String expected = render();
    if (Boolean.getBoolean("contract.update")) {
      Files.writeString(
          doc, text.substring(0, begin + BEGIN.length()) + expected + text.substring(end));
      return;
    }
    assertEquals(
        expected,
        current,
        doc
            + " is out of step with the contract. Regenerate it with: "
            + System.getProperty("contract.update.command"));
  }

  private static String render() {
    StringBuilder md = new StringBuilder();
    Set<Class<?>> payloads = new LinkedHashSet<>();
    Set<Class<?>> enums = new LinkedHashSet<>();
    for (ContractFamily family : ContractFamily.ALL) {
      md.append("### ").append(family.name()).append("\n\n");
      md.append("| `type` | record | `data` |\n|---|---|---|\n");
      for (Object example : family.examples()) {
        RecordComponent data = example.getClass().getRecordComponents()[1];
        md.append("| `")
            .append(wireName(example, family))
            .append("` | `")
            .append(example.getClass().getSimpleName())
            .append("` | ")
            .append(fields(data.getType(), payloads, enums))
            .append(" |\n");
      }
      md.append('\n');
    }
    md.append("### Payload types\n\n| type | fields |\n|---|---|\n");
    List<Class<?>> seen = new ArrayList<>();
    while (seen.size() < payloads.size()) {
      for (Class<?> payload : List.copyOf(payloads)) {
        if (!seen.contains(payload)) {
          seen.add(payload);
          String fields = fields(payload, payloads, enums);
          md.append("| `")
              .append(payload.getSimpleName())
              .append("` | ")
              .append(fields)
              .append(" |\n");
        }
      }
    }
    md.append("\n### Enumerations\n\n| type | values |\n|---|---|\n");
    enums.add(ChannelKind.class);
    for (Class<?> type : enums) {
      if (type != ErrorCode.class) {
        List<String> values = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
          values.add("`" + ((Enum<?>) constant).name().toLowerCase(Locale.ROOT) + "`");
        }
        md.append("| `")
            .append(type.getSimpleName())
            .append("` | ")
            .append(String.join(", ", values))
            .append(" |\n");
      }
    }
    md.append("\n### Error codes\n\n| code | retryable |\n|---|---|\n");
    for (ErrorCode code : ErrorCode.values()) {
      md.append("| `")
          .append(code.name().toLowerCase(Locale.ROOT))
          .append("` | ")
          .append(code.retryable() ? "yes" : "no")
          .append(" |\n");
    }
    md.append("\n### Close codes\n\n| code | name | client reconnects |\n|---|---|---|\n");
    for (CloseCode code : CloseCode.values()) {
      md.append("| ")
          .append(code.code())
          .append(" | `")
          .append(code.name())
          .append("` | ")
          .append(code.reconnects() ? "yes" : "no")
          .append(" |\n");
    }
    return md.toString();
  }

  private static String wireName(Object example, ContractFamily family) {
    try {
      Object type = family.base().getMethod("type").invoke(example);
      return (String) type.getClass().getMethod("wireName").invoke(type);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String fields(Class<?> record, Set<Class<?>> payloads, Set<Class<?>> enums) {
    List<String> fields = new ArrayList<>();
    for (RecordComponent component : record.getRecordComponents()) {
      boolean optional =
          component.getAccessor().isAnnotationPresent(Nullable.class)
              || component.isAnnotationPresent(Nullable.class);
      fields.add(
          "`"
              + component.getName()
              + (optional ? "?" : "")
              + ": "
              + typeName(component.getGenericType(), payloads, enums)
              + "`");
    }
    return String.join(", ", fields);
  }

  private static String typeName(Type type, Set<Class<?>> payloads, Set<Class<?>> enums) {
    if (type instanceof ParameterizedType parameterized) {
      return typeName(parameterized.getActualTypeArguments()[0], payloads, enums) + "[]";
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      return "string";
    }
    if (c == Instant.class) {
      return "string (ISO-8601)";
    }
    if (c == boolean.class || c == Boolean.class) {
      return "boolean";
    }
    if (c.isPrimitive() || Number.class.isAssignableFrom(c)) {
      return "number";
    }
    if (c.isEnum()) {
      enums.add(c);
    } else if (c.isRecord()) {
      payloads.add(c);
    }
    return c.getSimpleName();
  }
}
