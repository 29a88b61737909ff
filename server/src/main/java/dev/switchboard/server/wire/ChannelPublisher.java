package dev.switchboard.server.wire;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.project.ProjectEvent;
import dev.switchboard.contract.session.SessionEvent;
import dev.switchboard.server.channel.ChannelHub;
import dev.switchboard.server.channel.EncodedFrame;
import dev.switchboard.server.channel.StreamEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;

/**
 * ChannelPublisher is how server code publishes events to channels: it encodes each event once,
 * before any channel lock is taken (with a place for the offset the broker assigns), and hands the
 * bytes to the hub for numbering, history and fan-out.
 */
@Singleton
public final class ChannelPublisher {

  private static final Argument<SessionEvent> SESSION_EVENTS = Argument.of(SessionEvent.class);
  private static final Argument<ProjectEvent> PROJECT_EVENTS = Argument.of(ProjectEvent.class);

  private final ChannelHub hub;
  private final FrameCodec codec;
  private final Timer publishTime;

  /** Creates the publisher over the node's channel hub. */
  public ChannelPublisher(ChannelHub hub, FrameCodec codec, MeterRegistry meters) {
    this.hub = hub;
    this.codec = codec;
    this.publishTime =
        Timer.builder("switchboard.channel.publish")
            .description("Time to number, encode, record and fan out one event on this node")
            .register(meters);
  }

  /** Publishes a session event on its channel. */
  public StreamEvent publish(SessionEvent event) {
    return publish(ChannelName.parse(event.channel()), SESSION_EVENTS, event);
  }

  /** Publishes a project event on its channel. */
  public StreamEvent publish(ProjectEvent event) {
    return publish(ChannelName.parse(event.channel()), PROJECT_EVENTS, event);
  }

  /** Publishes a session event on its channel, already parsed (as a REST path names it). */
  public StreamEvent publish(ChannelName channel, SessionEvent event) {
    return publish(checked(channel, event.channel()), SESSION_EVENTS, event);
  }

  /** Publishes a project event on its channel, already parsed (as a REST path names it). */
  public StreamEvent publish(ChannelName channel, ProjectEvent event) {
    return publish(checked(channel, event.channel()), PROJECT_EVENTS, event);
  }

  private <E> StreamEvent publish(ChannelName channel, Argument<E> family, E event) {
    return publishTime.record(
        () -> {
          EncodedFrame frame =
              EncodedFrame.encode(
                  channel,
                  offset -> codec.encode(family, event, null, offset == 0 ? null : offset));
          return hub.publish(channel, frame);
        });
  }

  private static ChannelName checked(ChannelName channel, String eventChannel) {
    if (!channel.toString().equals(eventChannel)) {
      throw new IllegalArgumentException(
          "The event belongs to " + eventChannel + ", not to " + channel + ".");
    }
    return channel;
  }
}
