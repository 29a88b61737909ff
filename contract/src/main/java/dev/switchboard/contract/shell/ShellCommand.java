package dev.switchboard.contract.shell;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.micronaut.serde.annotation.Serdeable;

/** ShellCommand: commands a client sends on a shell socket. */
@Serdeable
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ShellInitCommand.class, name = ShellCommandType.Names.INIT),
  @JsonSubTypes.Type(value = ShellInputCommand.class, name = ShellCommandType.Names.INPUT),
  @JsonSubTypes.Type(value = ShellResizeCommand.class, name = ShellCommandType.Names.RESIZE)
})
public sealed interface ShellCommand
    permits ShellInitCommand, ShellInputCommand, ShellResizeCommand {

  /** The channel this command belongs to, for example {@code session:42}. */
  String channel();

  /** The command's type, matching its {@code @JsonSubTypes} name. */
  ShellCommandType type();
}
