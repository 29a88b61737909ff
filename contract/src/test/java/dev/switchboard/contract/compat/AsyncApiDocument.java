package dev.switchboard.contract.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Map;

/**
 * AsyncApiDocument renders the {@link ContractSchema} as an AsyncAPI 3.0 document describing the
 * server: the {@code /ws} and {@code /ws/shell/{shellId}} sockets as channels, one message per
 * event and command type, an operation per family and direction (the server sends events and
 * receives commands), and the payload schemas with their {@code type} constants.
 *
 * <p>AsyncAPI's schema object is JSON Schema draft-07 plus a {@code discriminator} that names the
 * property, so references move from {@code #/$defs/} to {@code #/components/schemas/} and a
 * family's discriminator object becomes its property name.
 */
public final class AsyncApiDocument {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final YAMLMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
              .build());

  private AsyncApiDocument() {}

  /** The document for a schema whose contract has the given version, as YAML. */
  public static String render(ObjectNode schema, ContractVersion version) {
    ObjectNode document = NODES.objectNode();
    document.put("asyncapi", "3.0.0");
    ObjectNode info = document.putObject("info");
    info.put("title", "Switchboard");
    info.put("version", version.toString());
    info.put(
        "description",
        "Switchboard's typed, Phoenix-Channels-style WebSocket protocol, generated from the Java"
            + " records of its contract. Every frame is a JSON object {channel, type, data} plus"
            + " ref (commands and their direct replies) and offset (events of recoverable"
            + " channels). See docs/protocol.md for the semantics.");
    info.put("x-contract-hash", ContractSchema.hash(schema));
    document.put("defaultContentType", "application/json");
    ObjectNode server = document.putObject("servers").putObject("local");
    server.put("host", "localhost:8080");
    server.put("protocol", "ws");
    server.put("description", "A server started with embedded defaults.");

    ObjectNode channels = document.putObject("channels");
    ObjectNode socket = channels.putObject("socket");
    socket.put("address", "/ws");
    socket.put(
        "description",
        "The channel socket: the implicit global channel plus project:<id> and session:<id>"
            + " channels joined with subscribe.");
    socket.putObject("messages");
    ObjectNode shell = channels.putObject("shell");
    shell.put("address", "/ws/shell/{shellId}");
    shell.put("description", "One shell's terminal: its own socket, one per attached tab.");
    shell.putObject("messages");
    shell.putObject("parameters").putObject("shellId").put("description", "The shell's id.");

    ObjectNode components = document.putObject("components");
    ObjectNode schemas = components.putObject("schemas");
    schema
        .get("$defs")
        .fields()
        .forEachRemaining(e -> schemas.set(e.getKey(), draft07(e.getValue())));
    ObjectNode messages = components.putObject("messages");
    ObjectNode operations = document.putObject("operations");

    for (Map.Entry<String, Direction> family : SchemaComparator.families(schema).entrySet()) {
      String name = family.getKey();
      Direction direction = family.getValue();
      String channel = name.startsWith("Shell") ? "shell" : "socket";
      ObjectNode channelMessages = (ObjectNode) channels.get(channel).get("messages");
      ObjectNode operation =
          operations.putObject((direction == Direction.EVENT ? "send" : "receive") + name);
      operation.put("action", direction == Direction.EVENT ? "send" : "receive");
      operation.putObject("channel").put("$ref", "#/channels/" + channel);
      operation.put(
          "summary",
          (direction == Direction.EVENT ? "The server sends " : "The server receives ")
              + name
              + " frames.");
      ArrayNode operationMessages = operation.putArray("messages");
      for (JsonNode variant : schema.get("$defs").get(name).get("oneOf")) {
        String definition = variant.get("$ref").asText().substring("#/$defs/".length());
        String type =
            schema.get("$defs").get(definition).get("properties").get("type").get("const").asText();
        String messageName = name + "." + type;
        ObjectNode message = messages.putObject(messageName);
        message.put("name", type);
        message.put("title", definition);
        message.put("summary", name + " " + type + " (" + direction.label() + ")");
        message.putObject("payload").put("$ref", "#/components/schemas/" + definition);
        channelMessages.putObject(messageName).put("$ref", "#/components/messages/" + messageName);
        operationMessages
            .addObject()
            .put("$ref", "#/channels/" + channel + "/messages/" + messageName);
      }
    }
    try {
      return YAML.writeValueAsString(document);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A schema node rewritten for AsyncAPI's draft-07 schema object. */
  private static JsonNode draft07(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = NODES.objectNode();
      node.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals("$ref")) {
                  copy.put(
                      "$ref", e.getValue().asText().replace("#/$defs/", "#/components/schemas/"));
                } else if (e.getKey().equals("discriminator") && e.getValue().isObject()) {
                  copy.set(
                      "discriminator", TextNode.valueOf(e.getValue().get("propertyName").asText()));
                } else {
                  copy.set(e.getKey(), draft07(e.getValue()));
                }
              });
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      node.forEach(element -> copy.add(draft07(element)));
      return copy;
    }
    return node;
  }
}
