package dev.switchboard.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.session.SessionEvent;
import dev.switchboard.contract.shell.ShellCommand;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every event and command survives Micronaut Serde both ways as {@code {channel, type, data}}. */
class FrameRoundTripTest {

  static Stream<Arguments> examples() {
    return ContractFamily.ALL.stream()
        .flatMap(f -> f.examples().stream().map(e -> Arguments.of(f, e)));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("examples")
  void writesChannelTypeAndDataAndReadsBackEqual(ContractFamily family, Object example)
      throws Exception {
    @SuppressWarnings("unchecked")
    Argument<Object> base = (Argument<Object>) Argument.of(family.base());
    String json = ContractSerde.MAPPER.writeValueAsString(base, example);

    JsonNode tree = ContractSerde.MAPPER.readValue(json, JsonNode.class);
    List<String> keys = new ArrayList<>();
    tree.entries().forEach(entry -> keys.add(entry.getKey()));
    assertEquals(List.of("type", "channel", "data"), keys, json);
    Object type = family.base().getMethod("type").invoke(example);
    assertEquals(
        type.getClass().getMethod("wireName").invoke(type), tree.get("type").getStringValue());
    assertTrue(tree.get("data").isObject(), json);

    assertEquals(example, ContractSerde.MAPPER.readValue(json, base));
  }

  @Test
  void omitsNullOptionalFields() throws Exception {
    String json =
        ContractSerde.MAPPER.writeValueAsString(
            ContractFamily.ALL.get(3).examples().get(0)); // message_created, replyTo = null
    assertTrue(!json.contains("replyTo"), json);
  }

  @Test
  void rejectsAnUnknownType() {
    String json = "{\"type\":\"stream_outptu\",\"channel\":\"session:1\",\"data\":{}}";
    assertThrows(Exception.class, () -> ContractSerde.MAPPER.readValue(json, SessionEvent.class));
  }

  @Test
  void rejectsAFrameWithoutData() {
    String json = "{\"type\":\"resize\",\"channel\":\"shell:1\"}";
    assertThrows(Exception.class, () -> ContractSerde.MAPPER.readValue(json, ShellCommand.class));
  }

  @Test
  void rejectsDataOutsideTheRecordsBounds() {
    String json = "{\"type\":\"resize\",\"channel\":\"shell:1\",\"data\":{\"cols\":0,\"rows\":24}}";
    assertThrows(Exception.class, () -> ContractSerde.MAPPER.readValue(json, ShellCommand.class));
  }
}
