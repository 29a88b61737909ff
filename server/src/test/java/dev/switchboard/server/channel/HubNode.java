package dev.switchboard.server.channel;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.StreamPosition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import java.time.Clock;

/**
 * HubNode is one node as the broker tests drive it: a {@link ChannelHub} over a {@link Broker},
 * addressed by channel names as strings (parsed here, as a socket or a REST path would).
 */
public final class HubNode implements AutoCloseable {

  private final Broker broker;
  private final ChannelHub hub;

  public HubNode(Broker broker, MeterRegistry meters, Clock clock) {
    this.broker = broker;
    this.hub = new ChannelHub(broker, meters, clock);
  }

  public Broker broker() {
    return broker;
  }

  public ChannelHub hub() {
    return hub;
  }

  /** Encodes the frame once, as a publisher does, and publishes it. */
  public StreamEvent publish(String channel, FrameEncoder encoder) {
    ChannelName name = ChannelName.parse(channel);
    return hub.publish(name, EncodedFrame.encode(name, encoder));
  }

  public SubscribeResult subscribe(
      String channel, @Nullable StreamPosition since, StreamListener listener) {
    return hub.subscribe(ChannelName.parse(channel), since, listener);
  }

  public StreamPosition position(String channel) {
    return hub.position(ChannelName.parse(channel));
  }

  public int listenerCount(String channel) {
    return hub.listenerCount(ChannelName.parse(channel));
  }

  @Override
  public void close() {
    hub.close();
  }
}
