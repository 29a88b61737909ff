package dev.switchboard.contract.compat;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import io.micronaut.core.annotation.Nullable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ContractSchema is the contract as one JSON Schema (draft 2020-12) document, generated from the
 * records by victools' jsonschema-generator with its Jackson module (which reads {@code
 * JsonTypeInfo}/{@code JsonSubTypes} and the enums' {@code JsonProperty} names).
 *
 * <p>Each family ({@code SessionEvent}, {@code ShellCommand}, …) is a {@code $defs} entry that is a
 * {@code oneOf} over its variants, discriminated by their {@code type} constant, plus the transport
 * fields every frame of that family may carry ({@code ref}, {@code offset}). The document's {@code
 * x-families} lists the families and their {@link Direction}. Objects allow properties they do not
 * name, so a reader built from this schema accepts a newer, compatible writer's frames. A field is
 * required unless it is {@code @Nullable}, which also makes it nullable (the server omits nulls).
 *
 * <p>The document is canonical: keys are sorted and it carries no descriptions, so its {@link
 * #hash} changes exactly when the wire shape does.
 */
public final class ContractSchema {

  /** The JSON Schema dialect of the document. */
  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""))
          .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

  private ContractSchema() {}

  /** Generates the canonical schema of the given families, in their order. */
  public static ObjectNode generate(Map<String, Class<?>> families) {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(
                new JacksonModule(
                    JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY,
                    JacksonOption.INLINE_TRANSFORMED_SUBTYPES))
            .with(Option.DEFINITIONS_FOR_ALL_OBJECTS, Option.EXTRA_OPEN_API_FORMAT_VALUES)
            .without(Option.SCHEMA_VERSION_INDICATOR);
    config
        .forFields()
        .withNullableCheck(field -> isNullable(field.getRawMember()))
        .withRequiredCheck(field -> !isNullable(field.getRawMember()));
    SchemaBuilder builder = new SchemaGenerator(config.build()).buildMultipleSchemaDefinitions();
    Map<String, JsonNode> roots = new LinkedHashMap<>();
    families.forEach((name, type) -> roots.put(name, builder.createSchemaReference(type)));
    ObjectNode defs = builder.collectDefinitions("$defs");

    ObjectNode document = NODES.objectNode();
    document.put("$schema", DIALECT);
    document.put("title", "Switchboard contract");
    ObjectNode familyIndex = document.putObject("x-families");
    families.forEach(
        (name, type) -> {
          ObjectNode family = familyDefinition(defs, name, roots.get(name));
          defs.set(name, family);
          familyIndex.putObject(name).put("direction", Direction.ofFamily(name).wireName());
        });
    document.set("$defs", defs);
    return canonical(document);
  }

  private static boolean isNullable(java.lang.reflect.Member member) {
    if (member instanceof java.lang.reflect.Field field) {
      return field.isAnnotationPresent(Nullable.class)
          || field.getAnnotatedType().isAnnotationPresent(Nullable.class)
          || recordComponentNullable(field);
    }
    return false;
  }

  private static boolean recordComponentNullable(java.lang.reflect.Field field) {
    Class<?> owner = field.getDeclaringClass();
    if (!owner.isRecord()) {
      return false;
    }
    for (var component : owner.getRecordComponents()) {
      if (component.getName().equals(field.getName())) {
        return component.isAnnotationPresent(Nullable.class)
            || component.getAnnotatedType().isAnnotationPresent(Nullable.class);
      }
    }
    return false;
  }

  /**
   * A family's definition: the variants as a {@code oneOf} discriminated by {@code type} (Ajv's
   * {@code discriminator} keyword picks the one variant to check), and the transport fields.
   */
  private static ObjectNode familyDefinition(ObjectNode defs, String name, JsonNode reference) {
    JsonNode generated = SchemaComparator.resolve(defs, reference);
    JsonNode variants = generated.has("anyOf") ? generated.get("anyOf") : generated.get("oneOf");
    if (variants == null) {
      throw new IllegalStateException(
          name + " has no subtypes: is it missing @JsonTypeInfo/@JsonSubTypes?");
    }
    ObjectNode family = NODES.objectNode();
    family.put("type", "object");
    family.putObject("discriminator").put("propertyName", "type");
    family.putArray("required").add("type");
    ObjectNode properties = family.putObject("properties");
    properties.putObject("type").put("type", "string");
    properties.putObject("channel").put("type", "string");
    properties.putObject("ref").put("type", "string");
    properties.putObject("offset").put("type", "integer").put("format", "int64").put("minimum", 1);
    List<JsonNode> sortedVariants = new ArrayList<>();
    variants.forEach(sortedVariants::add);
    sortedVariants.sort(java.util.Comparator.comparing(JsonNode::toString));
    family.putArray("oneOf").addAll(sortedVariants);
    return family;
  }

  /** A copy of the node with every object's keys sorted. */
  public static ObjectNode canonical(ObjectNode node) {
    return (ObjectNode) sorted(node);
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      ObjectNode copy = NODES.objectNode();
      for (String name : names) {
        JsonNode value = sorted(node.get(name));
        copy.set(name, name.equals("required") ? sortedStrings(value) : value);
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      node.forEach(element -> copy.add(sorted(element)));
      return copy;
    }
    return node;
  }

  /**
   * A {@code required} list in name order: the order of a record's components is not wire shape.
   */
  private static JsonNode sortedStrings(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(name -> names.add(name.asText()));
    names.sort(null);
    ArrayNode copy = NODES.arrayNode();
    names.forEach(copy::add);
    return copy;
  }

  /** The document as committed: canonical, two-space indented, one trailing newline. */
  public static String pretty(JsonNode document) {
    try {
      return JSON.writer(PRETTY).writeValueAsString(sorted(document)) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The contract's identity on the wire: the first 16 hex digits of the SHA-256 of the canonical
   * document in compact form.
   */
  public static String hash(JsonNode document) {
    try {
      byte[] compact = JSON.writeValueAsBytes(sorted(document));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(compact);
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses a committed document. */
  public static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not a JSON schema document: " + e.getOriginalMessage(), e);
    }
  }
}
