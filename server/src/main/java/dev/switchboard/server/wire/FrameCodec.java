package dev.switchboard.server.wire;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.InvalidChannelException;
import dev.switchboard.contract.error.ErrorCode;
import dev.switchboard.server.input.JsonShape;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * FrameCodec reads and writes frames: it validates the envelope ({@code channel}, {@code type},
 * {@code data}, {@code ref}), decodes commands into the contract's records (strictly: a field of
 * the wrong JSON type is refused, not coerced, see {@link JsonShape}), and encodes events once,
 * adding the transport fields ({@code ref}, {@code offset}) the records do not carry.
 */
@Singleton
public final class FrameCodec {

  /** The longest {@code ref} a client may send. */
  public static final int MAX_REF_LENGTH = 64;

  /** Each family's records by wire type, from the family's {@code @JsonSubTypes}. */
  private static final ClassValue<Map<String, Class<?>>> SUBTYPES =
      new ClassValue<>() {
        @Override
        protected Map<String, Class<?>> computeValue(Class<?> family) {
          JsonSubTypes subtypes = family.getAnnotation(JsonSubTypes.class);
          if (subtypes == null) {
            return Map.of();
          }
          Map<String, Class<?>> byName = new HashMap<>();
          for (JsonSubTypes.Type subtype : subtypes.value()) {
            byName.put(subtype.name(), subtype.value());
          }
          return Map.copyOf(byName);
        }
      };

  /** A frame's fields in their order, to add one without copying a tree. */
  private static final Argument<Map<String, JsonNode>> FIELDS =
      Argument.mapOf(String.class, JsonNode.class);

  private final JsonMapper mapper;

  /** Creates the codec over the server's configured JSON mapper. */
  public FrameCodec(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /** Parses and validates a frame's envelope. */
  public InboundFrame decodeEnvelope(String text) throws FrameException {
    return decodeEnvelope(parseObject(text));
  }

  /** Parses text that must hold one JSON object. */
  public JsonNode parseObject(String text) throws FrameException {
    JsonNode tree;
    try {
      tree = mapper.readValue(text, JsonNode.class);
    } catch (IOException | RuntimeException e) {
      throw new FrameException(
          ErrorCode.BAD_REQUEST,
          "The frame is not valid JSON. Send one JSON object: {\"channel\", \"type\", \"data\"}.",
          null);
    }
    if (tree == null || !tree.isObject()) {
      throw new FrameException(
          ErrorCode.BAD_REQUEST,
          "The frame must be a JSON object: {\"channel\", \"type\", \"data\"}.",
          null);
    }
    return tree;
  }

  /** Validates the envelope of a parsed frame. */
  public InboundFrame decodeEnvelope(JsonNode tree) throws FrameException {
    String ref = readRef(tree);
    String channel = requiredString(tree, "channel", ref);
    String type = requiredData(tree, ref);
    try {
      return new InboundFrame(ChannelName.parse(channel), type, ref, tree);
    } catch (InvalidChannelException e) {
      throw new FrameException(ErrorCode.INVALID_CHANNEL, e.getMessage(), ref);
    }
  }

  /**
   * Parses a frame whose channel is named apart, already parsed (a REST path names it): the text
   * holds {@code {"type", "data"}} and must leave {@code "channel"} out. The text is read once,
   * into the fields the frame's tree is made of.
   */
  public InboundFrame decodeEnvelope(ChannelName channel, String text) throws FrameException {
    Map<String, JsonNode> fields;
    try {
      fields = mapper.readValue(text, FIELDS);
    } catch (IOException | RuntimeException e) {
      fields = null;
    }
    if (fields == null) {
      parseObject(text); // throws the error that says what the text is
      throw new FrameException(ErrorCode.BAD_REQUEST, "The frame is not a JSON object.", null);
    }
    if (fields.containsKey("channel")) {
      throw new FrameException(
          ErrorCode.BAD_REQUEST, "Leave \"channel\" out of the body: the path names it.", null);
    }
    fields.put("channel", JsonNode.createStringNode(channel.toString()));
    JsonNode tree = JsonNode.createObjectNode(fields);
    String ref = readRef(tree);
    return new InboundFrame(channel, requiredData(tree, ref), ref, tree);
  }

  /**
   * Decodes a frame into a record of one family: an unknown {@code type} is {@code unknown_type}
   * (listing the family's types), a payload that does not fit the record is {@code bad_request}.
   */
  public <C, T extends Enum<T>> C decode(
      InboundFrame frame, Class<C> family, Class<T> types, Function<T, String> wireName)
      throws FrameException {
    T[] constants = types.getEnumConstants();
    boolean known = Arrays.stream(constants).anyMatch(t -> wireName.apply(t).equals(frame.type()));
    if (!known) {
      String[] names = Arrays.stream(constants).map(wireName).toArray(String[]::new);
      throw new FrameException(
          ErrorCode.UNKNOWN_TYPE,
          "Unknown type \""
              + abbreviate(frame.type())
              + "\" on "
              + frame.channel().kind().prefix()
              + " channels. Known types: "
              + String.join(", ", names)
              + ".",
          frame.ref());
    }
    Class<?> record = SUBTYPES.get(family).get(frame.type());
    if (record != null && record.isRecord()) {
      @SuppressWarnings("unchecked")
      String problem = JsonShape.problem((Class<? extends Record>) record, frame.tree());
      if (problem != null) {
        throw new FrameException(
            ErrorCode.BAD_REQUEST,
            "Invalid \"" + frame.type() + "\" frame: " + problem + ".",
            frame.ref());
      }
    }
    try {
      return mapper.readValueFromTree(frame.tree(), Argument.of(family));
    } catch (IOException | RuntimeException e) {
      throw new FrameException(
          ErrorCode.BAD_REQUEST,
          "Invalid \"" + frame.type() + "\" data: " + rootMessage(e),
          frame.ref());
    }
  }

  /** Encodes an event of a family, with the optional transport fields. */
  public <E> String encode(
      Argument<E> family, E event, @Nullable String ref, @Nullable Long offset) {
    try {
      String json = mapper.writeValueAsString(family, event);
      if (ref == null && offset == null) {
        return json;
      }
      StringBuilder frame = new StringBuilder(json.length() + 48);
      frame.append(json, 0, json.length() - 1);
      if (ref != null) {
        frame.append(",\"ref\":").append(mapper.writeValueAsString(ref));
      }
      if (offset != null) {
        frame.append(",\"offset\":").append(offset.longValue());
      }
      return frame.append('}').toString();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode " + event.getClass().getSimpleName(), e);
    }
  }

  private static @Nullable String readRef(JsonNode tree) throws FrameException {
    JsonNode ref = tree.get("ref");
    if (ref == null || ref.isNull()) {
      return null;
    }
    if (!ref.isString() || ref.getStringValue().length() > MAX_REF_LENGTH) {
      throw new FrameException(
          ErrorCode.BAD_REQUEST,
          "\"ref\" must be a string of at most " + MAX_REF_LENGTH + " characters.",
          null);
    }
    return ref.getStringValue();
  }

  /** Checks {@code type} and {@code data}, returning the type. */
  private static String requiredData(JsonNode tree, @Nullable String ref) throws FrameException {
    String type = requiredString(tree, "type", ref);
    JsonNode data = tree.get("data");
    if (data == null || !data.isObject()) {
      throw new FrameException(
          ErrorCode.BAD_REQUEST, "\"data\" must be a JSON object (use {} when empty).", ref);
    }
    return type;
  }

  private static String requiredString(JsonNode tree, String field, @Nullable String ref)
      throws FrameException {
    JsonNode node = tree.get(field);
    if (node == null || !node.isString()) {
      throw new FrameException(
          ErrorCode.BAD_REQUEST, "\"" + field + "\" is required and must be a string.", ref);
    }
    return node.getStringValue();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : abbreviate(message);
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
