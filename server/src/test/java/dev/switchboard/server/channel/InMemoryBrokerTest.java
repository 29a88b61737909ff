package dev.switchboard.server.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.InvalidChannelException;
import dev.switchboard.contract.StreamPosition;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The broker contract on the in-memory broker, plus its sweep of idle channels. */
class InMemoryBrokerTest extends BrokerContract {

  @Override
  protected Broker newBroker(ChannelStreamsConfiguration bounds, MeterRegistry meters) {
    return new InMemoryBroker(bounds, clock);
  }

  @Override
  protected boolean keepsHistoryOnTheNode() {
    return true;
  }

  private InMemoryBroker memory() {
    return (InMemoryBroker) broker.broker();
  }

  @Test
  void invalidChannelNamesLeaveNoStreamBehind() {
    for (String channel : List.of("", "session", "session:", "nope:1", "session:a b")) {
      assertThrows(InvalidChannelException.class, () -> publish(channel));
      assertThrows(InvalidChannelException.class, () -> broker.subscribe(channel, null, IGNORE));
    }
    assertEquals(0, memory().streamCount());
  }

  @Test
  void keepsAChannelsEpochStableWhileItIsInUse() {
    String epoch = broker.position("session:a").epoch();
    publish("session:a");
    clock.advance(Duration.ofMinutes(5));
    memory().sweepIdleChannels();

    assertEquals(epoch, broker.position("session:a").epoch());
    assertTrue(epoch.length() >= 12, epoch);
  }

  @Test
  void sweepDropsOnlyIdleChannelsAndADroppedChannelReturnsWithANewEpoch() {
    broker = brokerWith(1000, Duration.ofMinutes(10));
    String idleEpoch = broker.position("session:idle").epoch();
    publish("session:idle");
    broker.subscribe("session:listened", null, IGNORE);
    publish("project:recent");
    broker.position("shell:quiet");
    clock.advance(Duration.ofMinutes(9));
    publish("project:recent"); // history still holds this one after the next advance
    clock.advance(Duration.ofMinutes(2));

    int dropped = memory().sweepIdleChannels();

    assertEquals(2, dropped); // session:idle and shell:quiet
    assertEquals(2, memory().streamCount());
    assertEquals(1, broker.listenerCount("session:listened"));
    assertEquals(2, broker.position("project:recent").offset());
    StreamPosition reborn = broker.position("session:idle");
    assertNotEquals(idleEpoch, reborn.epoch());
    assertEquals(0, reborn.offset());
    assertFalse(
        broker.subscribe("session:idle", new StreamPosition(idleEpoch, 1), IGNORE).recovered());
  }

  @Test
  void sweepKeepsAChannelWhoseLastListenerLeftRecently() {
    broker = brokerWith(1000, Duration.ofMinutes(10));
    SubscribeResult result = broker.subscribe("session:a", null, IGNORE);
    clock.advance(Duration.ofMinutes(11));
    result.handle().close();

    assertEquals(0, memory().sweepIdleChannels());
    clock.advance(Duration.ofMinutes(11));
    assertEquals(1, memory().sweepIdleChannels());
  }
}
