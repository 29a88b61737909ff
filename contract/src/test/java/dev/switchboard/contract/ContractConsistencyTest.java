package dev.switchboard.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each family's sealed {@code permits}, its {@code @JsonSubTypes} list and its type enum must name
 * the same types, or the generated TypeScript union and the server would disagree.
 */
class ContractConsistencyTest {

  static final java.util.List<ContractFamily> FAMILIES = ContractFamily.ALL;

  @ParameterizedTest
  @FieldSource("FAMILIES")
  void permitsMatchJsonSubTypes(ContractFamily family) {
    assertTrue(family.base().isSealed(), family.name() + " must be sealed");
    Set<String> permitted =
        Arrays.stream(family.base().getPermittedSubclasses())
            .map(Class::getName)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(permitted, new TreeSet<>(subtypesByName(family).values()), family.name());
  }

  @ParameterizedTest
  @FieldSource("FAMILIES")
  void jsonSubTypeNamesMatchTheTypeEnum(ContractFamily family) throws Exception {
    Map<String, String> enumNames = new TreeMap<>();
    for (Enum<?> constant : family.types().getEnumConstants()) {
      String wireName = (String) family.types().getMethod("wireName").invoke(constant);
      JsonProperty property =
          family.types().getField(constant.name()).getAnnotation(JsonProperty.class);
      assertEquals(wireName, property.value(), constant + " @JsonProperty");
      assertEquals(constant.name().toLowerCase(java.util.Locale.ROOT), wireName, "lower_snake");
      enumNames.put(wireName, constant.name());
    }
    assertEquals(enumNames.keySet(), subtypesByName(family).keySet(), family.name());
  }

  @ParameterizedTest
  @FieldSource("FAMILIES")
  void everyTypeHasOneExampleWhoseTypeMatchesItsSubtypeName(ContractFamily family)
      throws Exception {
    Map<String, String> subtypes = subtypesByName(family);
    Map<String, String> examples = new TreeMap<>();
    for (Object example : family.examples()) {
      Enum<?> type = (Enum<?>) family.base().getMethod("type").invoke(example);
      String wireName = (String) family.types().getMethod("wireName").invoke(type);
      assertEquals(subtypes.get(wireName), example.getClass().getName(), "type() of " + example);
      assertEquals(null, examples.put(wireName, example.getClass().getName()), "duplicate");
    }
    assertEquals(subtypes, examples, family.name() + " examples");
  }

  private static Map<String, String> subtypesByName(ContractFamily family) {
    JsonSubTypes subTypes = family.base().getAnnotation(JsonSubTypes.class);
    Map<String, String> byName = new TreeMap<>();
    for (JsonSubTypes.Type type : subTypes.value()) {
      assertEquals(null, byName.put(type.name(), type.value().getName()), "duplicate name");
    }
    return byName;
  }
}
