package dev.switchboard.contract.global;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.micronaut.serde.annotation.Serdeable;

/**
 * GlobalEvent: events the server sends on the implicit {@code global} channel of every connection.
 */
@Serdeable
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ConnectedEvent.class, name = GlobalEventType.Names.CONNECTED),
  @JsonSubTypes.Type(value = PongEvent.class, name = GlobalEventType.Names.PONG),
  @JsonSubTypes.Type(
      value = SubscriptionSuccessEvent.class,
      name = GlobalEventType.Names.SUBSCRIPTION_SUCCESS),
  @JsonSubTypes.Type(
      value = SubscriptionErrorEvent.class,
      name = GlobalEventType.Names.SUBSCRIPTION_ERROR),
  @JsonSubTypes.Type(value = UnsubscribedEvent.class, name = GlobalEventType.Names.UNSUBSCRIBED),
  @JsonSubTypes.Type(value = GlobalErrorEvent.class, name = GlobalEventType.Names.ERROR),
  @JsonSubTypes.Type(value = DrainingEvent.class, name = GlobalEventType.Names.DRAINING)
})
public sealed interface GlobalEvent
    permits ConnectedEvent,
        PongEvent,
        SubscriptionSuccessEvent,
        SubscriptionErrorEvent,
        UnsubscribedEvent,
        GlobalErrorEvent,
        DrainingEvent {

  /** The channel this event belongs to, for example {@code session:42}. */
  String channel();

  /** The event's type, matching its {@code @JsonSubTypes} name. */
  GlobalEventType type();
}
