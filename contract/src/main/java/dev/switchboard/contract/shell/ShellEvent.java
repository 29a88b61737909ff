package dev.switchboard.contract.shell;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.micronaut.serde.annotation.Serdeable;

/**
 * ShellEvent: events the server sends on a shell socket ({@code /ws/shell/<id>}, channel {@code
 * shell:<id>}).
 */
@Serdeable
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ShellInitEvent.class, name = ShellEventType.Names.INIT),
  @JsonSubTypes.Type(value = ShellOutputEvent.class, name = ShellEventType.Names.OUTPUT),
  @JsonSubTypes.Type(value = ShellExitEvent.class, name = ShellEventType.Names.EXIT),
  @JsonSubTypes.Type(value = ShellErrorEvent.class, name = ShellEventType.Names.ERROR)
})
public sealed interface ShellEvent
    permits ShellInitEvent, ShellOutputEvent, ShellExitEvent, ShellErrorEvent {

  /** The channel this event belongs to, for example {@code session:42}. */
  String channel();

  /** The event's type, matching its {@code @JsonSubTypes} name. */
  ShellEventType type();
}
