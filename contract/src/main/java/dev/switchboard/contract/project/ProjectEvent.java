package dev.switchboard.contract.project;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.micronaut.serde.annotation.Serdeable;

/**
 * ProjectEvent: events the server publishes on {@code project:<id>} channels when the project's
 * sessions change.
 */
@Serdeable
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(
      value = SessionCreatedEvent.class,
      name = ProjectEventType.Names.SESSION_CREATED),
  @JsonSubTypes.Type(
      value = SessionUpdatedEvent.class,
      name = ProjectEventType.Names.SESSION_UPDATED),
  @JsonSubTypes.Type(
      value = SessionDeletedEvent.class,
      name = ProjectEventType.Names.SESSION_DELETED)
})
public sealed interface ProjectEvent
    permits SessionCreatedEvent, SessionUpdatedEvent, SessionDeletedEvent {

  /** The channel this event belongs to, for example {@code session:42}. */
  String channel();

  /** The event's type, matching its {@code @JsonSubTypes} name. */
  ProjectEventType type();
}
