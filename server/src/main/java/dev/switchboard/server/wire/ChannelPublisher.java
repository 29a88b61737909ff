package dev.switchboard.server.wire;

import dev.switchboard.contract.project.ProjectEvent;
import dev.switchboard.contract.session.SessionEvent;
import dev.switchboard.server.channel.Broker;
import dev.switchboard.server.channel.StreamEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;

/**
 * ChannelPublisher is how server code publishes events to channels: it encodes each event once,
 * with the offset the broker assigns, and hands it to the broker for history and fan-out.
 */
@Singleton
public final class ChannelPublisher {

  private static final Argument<SessionEvent> SESSION_EVENTS = Argument.of(SessionEvent.class);
  private static final Argument<ProjectEvent> PROJECT_EVENTS = Argument.of(ProjectEvent.class);

  private final Broker broker;
  private final FrameCodec codec;
  private final Timer publishTime;

  /** Creates the publisher over the configured broker. */
  public ChannelPublisher(Broker broker, FrameCodec codec, MeterRegistry meters) {
    this.broker = broker;
    this.codec = codec;
    this.publishTime =
        Timer.builder("switchboard.channel.publish")
            .description("Time to number, encode, record and fan out one event on this node")
            .register(meters);
  }

  /** Publishes a session event on its channel. */
  public StreamEvent publish(SessionEvent event) {
    return publish(event.channel(), SESSION_EVENTS, event);
  }

  /** Publishes a project event on its channel. */
  public StreamEvent publish(ProjectEvent event) {
    return publish(event.channel(), PROJECT_EVENTS, event);
  }

  private <E> StreamEvent publish(String channel, Argument<E> family, E event) {
    return publishTime.record(
        () ->
            broker.publish(
                channel, offset -> codec.encode(family, event, null, offset == 0 ? null : offset)));
  }
}
