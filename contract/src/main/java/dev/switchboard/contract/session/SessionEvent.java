package dev.switchboard.contract.session;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.micronaut.serde.annotation.Serdeable;

/**
 * SessionEvent: events the server publishes on {@code session:<id>} channels while the session's
 * agent runs.
 */
@Serdeable
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(
      value = MessageCreatedEvent.class,
      name = SessionEventType.Names.MESSAGE_CREATED),
  @JsonSubTypes.Type(value = StreamOutputEvent.class, name = SessionEventType.Names.STREAM_OUTPUT),
  @JsonSubTypes.Type(
      value = MessageCompleteEvent.class,
      name = SessionEventType.Names.MESSAGE_COMPLETE),
  @JsonSubTypes.Type(value = SessionErrorEvent.class, name = SessionEventType.Names.ERROR)
})
public sealed interface SessionEvent
    permits MessageCreatedEvent, StreamOutputEvent, MessageCompleteEvent, SessionErrorEvent {

  /** The channel this event belongs to, for example {@code session:42}. */
  String channel();

  /** The event's type, matching its {@code @JsonSubTypes} name. */
  SessionEventType type();
}
