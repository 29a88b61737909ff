package dev.switchboard.contract;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.util.Map;

/** ContractSerde is a Micronaut Serde mapper configured like the server's (non-null inclusion). */
final class ContractSerde {

  static final JsonMapper MAPPER =
      ApplicationContext.run(Map.of("micronaut.serde.serialization.inclusion", "non_null"))
          .getBean(JsonMapper.class);

  private ContractSerde() {}
}
