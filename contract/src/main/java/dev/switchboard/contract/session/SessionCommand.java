package dev.switchboard.contract.session;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.micronaut.serde.annotation.Serdeable;

/** SessionCommand: commands a client sends on {@code session:<id>} channels. */
@Serdeable
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(
      value = SendMessageCommand.class,
      name = SessionCommandType.Names.SEND_MESSAGE),
  @JsonSubTypes.Type(value = CancelCommand.class, name = SessionCommandType.Names.CANCEL)
})
public sealed interface SessionCommand permits SendMessageCommand, CancelCommand {

  /** The channel this command belongs to, for example {@code session:42}. */
  String channel();

  /** The command's type, matching its {@code @JsonSubTypes} name. */
  SessionCommandType type();
}
