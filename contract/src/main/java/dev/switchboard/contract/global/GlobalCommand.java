package dev.switchboard.contract.global;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.micronaut.serde.annotation.Serdeable;

/** GlobalCommand: commands a client sends on the {@code global} channel. */
@Serdeable
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = PingCommand.class, name = GlobalCommandType.Names.PING),
  @JsonSubTypes.Type(value = SubscribeCommand.class, name = GlobalCommandType.Names.SUBSCRIBE),
  @JsonSubTypes.Type(value = UnsubscribeCommand.class, name = GlobalCommandType.Names.UNSUBSCRIBE)
})
public sealed interface GlobalCommand permits PingCommand, SubscribeCommand, UnsubscribeCommand {

  /** The channel this command belongs to, for example {@code session:42}. */
  String channel();

  /** The command's type, matching its {@code @JsonSubTypes} name. */
  GlobalCommandType type();
}
