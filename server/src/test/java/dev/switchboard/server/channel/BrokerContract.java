package dev.switchboard.server.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.contract.InvalidChannelException;
import dev.switchboard.contract.StreamPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * BrokerContract is what every {@link Broker} must do behind the {@link ChannelHub}, whichever
 * carries the streams: offsets, encoding once, ordered delivery, recovery within history and its
 * refusal outside it. A subclass makes the broker under test; each test drives it through a hub, as
 * the node does.
 */
public abstract class BrokerContract extends BrokerFixture {

  @Test
  void assignsOffsetsFromOneIndependentlyPerChannel() {
    assertEquals(1, publish("session:a").offset());
    assertEquals(2, publish("session:a").offset());
    assertEquals(1, publish("project:p").offset());
    assertEquals(3, publish("session:a").offset());

    assertEquals(3, broker.position("session:a").offset());
    assertEquals(1, broker.position("project:p").offset());
    assertNotEquals(broker.position("session:a").epoch(), broker.position("project:p").epoch());
  }

  @Test
  void encodesWithTheAssignedOffsetAndStampsThePublishTime() {
    publish("session:a");
    StreamEvent event = publish("session:a");

    assertEquals("frame-2", event.frameText());
    assertEquals("session:a", event.channel().toString());
    assertEquals(broker.position("session:a").epoch(), event.epoch());
    assertEquals(clock.millis(), event.publishedAtMs());
  }

  @Test
  void nonRecoverableChannelsUseOffsetZeroAndKeepNoHistory() {
    for (String channel : List.of("shell:x", "global")) {
      String epoch = broker.position(channel).epoch();

      assertEquals(0, publish(channel).offset());
      assertEquals(0, publish(channel).offset());
      assertEquals(new StreamPosition(epoch, 0), broker.position(channel));

      // Offsets there never move, so no position could prove that nothing was missed.
      SubscribeResult result = broker.subscribe(channel, new StreamPosition(epoch, 0), IGNORE);
      assertFalse(result.recovered());
      assertTrue(result.replay().isEmpty());
    }
  }

  @Test
  void encodesEachEventOnceWhateverTheListenerCount() {
    for (int listeners : new int[] {0, 1, 100}) {
      String channel = "session:n" + listeners;
      List<byte[]> delivered = new ArrayList<>();
      for (int i = 0; i < listeners; i++) {
        broker.subscribe(channel, null, event -> delivered.add(event.frameUtf8()));
      }
      AtomicInteger encodes = new AtomicInteger();

      StreamEvent published =
          broker.publish(
              channel,
              offset -> {
                encodes.incrementAndGet();
                return "frame";
              });

      assertEquals(1, encodes.get(), listeners + " listeners");
      assertEquals(listeners, delivered.size());
      for (byte[] frame : delivered) {
        assertSame(published.frameUtf8(), frame, "every listener gets the same bytes");
      }
    }
  }

  @Test
  void deliversEveryEventToListenersInOffsetAndRegistrationOrder() {
    List<String> seen = new ArrayList<>();
    broker.subscribe("session:a", null, event -> seen.add("first@" + event.offset()));
    broker.subscribe("session:a", null, event -> seen.add("second@" + event.offset()));

    publish("session:a");
    publish("session:a");

    assertEquals(List.of("first@1", "second@1", "first@2", "second@2"), seen);
  }

  @Test
  void startsFromTheCurrentPositionWithoutRecoveryWhenNoPositionIsGiven() {
    publish("session:a");
    publish("session:a");

    SubscribeResult result = broker.subscribe("session:a", null, IGNORE);

    assertFalse(result.recovered());
    assertTrue(result.replay().isEmpty());
    assertEquals(broker.position("session:a"), result.position());
  }

  @Test
  void replaysExactlyTheMissedEventsThenDeliversLiveOnes() {
    String epoch = broker.position("session:a").epoch();
    for (int i = 0; i < 5; i++) {
      publish("session:a");
    }
    List<Long> live = new ArrayList<>();

    SubscribeResult result =
        broker.subscribe(
            "session:a", new StreamPosition(epoch, 2), event -> live.add(event.offset()));
    publish("session:a");

    assertTrue(result.recovered());
    assertEquals(List.of(3L, 4L, 5L), offsets(result.replay()));
    assertEquals(List.of("frame-3", "frame-4", "frame-5"), frames(result.replay()));
    assertEquals(new StreamPosition(epoch, 5), result.position());
    assertEquals(List.of(6L), live);
  }

  @Test
  void recoversFromTheStartOfTheStreamWhileHistoryHoldsIt() {
    String epoch = broker.position("session:a").epoch();
    publish("session:a");
    publish("session:a");

    SubscribeResult result = broker.subscribe("session:a", new StreamPosition(epoch, 0), IGNORE);

    assertTrue(result.recovered());
    assertEquals(List.of(1L, 2L), offsets(result.replay()));
  }

  @Test
  void recoversWithEmptyReplayWhenNothingWasMissed() {
    publish("session:a");
    publish("session:a");
    StreamPosition current = broker.position("session:a");

    SubscribeResult result = broker.subscribe("session:a", current, IGNORE);

    assertTrue(result.recovered());
    assertTrue(result.replay().isEmpty());
    assertEquals(current, result.position());
  }

  @Test
  void refusesRecoveryWhenMoreEventsWereMissedThanHistoryKeeps() {
    broker = brokerWith(3, Duration.ofMinutes(10));
    String epoch = broker.position("session:a").epoch();
    for (int i = 0; i < 5; i++) {
      publish("session:a");
    }

    SubscribeResult tooOld = broker.subscribe("session:a", new StreamPosition(epoch, 1), IGNORE);
    SubscribeResult justKept = broker.subscribe("session:a", new StreamPosition(epoch, 2), IGNORE);

    assertFalse(tooOld.recovered());
    assertTrue(tooOld.replay().isEmpty());
    assertEquals(new StreamPosition(epoch, 5), tooOld.position());
    assertTrue(justKept.recovered());
    assertEquals(List.of(3L, 4L, 5L), offsets(justKept.replay()));
  }

  @Test
  void evictsTheOldestEventsPastTheChannelsByteBound() {
    broker = brokerWith(bytesBounds(100, 1_000_000));
    String epoch = broker.position("session:a").epoch();
    for (int i = 0; i < 5; i++) {
      publish("session:a", 30); // 150 bytes published, 90 fit
    }

    assertFalse(broker.subscribe("session:a", new StreamPosition(epoch, 1), IGNORE).recovered());
    SubscribeResult kept = broker.subscribe("session:a", new StreamPosition(epoch, 2), IGNORE);
    assertTrue(kept.recovered());
    assertEquals(List.of(3L, 4L, 5L), offsets(kept.replay()));

    // Larger than the bound on its own: delivered, then gone from history with all before it.
    publish("session:a", 200);
    assertFalse(broker.subscribe("session:a", new StreamPosition(epoch, 5), IGNORE).recovered());
    assertTrue(broker.subscribe("session:a", new StreamPosition(epoch, 6), IGNORE).recovered());
    publish("session:a", 30);
    SubscribeResult after = broker.subscribe("session:a", new StreamPosition(epoch, 6), IGNORE);
    assertEquals(List.of(7L), offsets(after.replay()));
  }

  @Test
  void evictsTheNodesOldestEventsWhicheverChannelHoldsThemPastTheNodesByteBound() {
    assumeTrue(keepsHistoryOnTheNode(), "history is kept in Redis, bounded per channel");
    broker = brokerWith(bytesBounds(1_000, 150));
    String a = broker.position("session:a").epoch();
    String b = broker.position("session:b").epoch();
    for (int i = 0; i < 3; i++) {
      publish("session:a", 30);
      clock.advance(Duration.ofMillis(1));
    }
    for (int i = 0; i < 3; i++) {
      publish("session:b", 30); // the sixth 30-byte event takes the node to 180 bytes
      clock.advance(Duration.ofMillis(1));
    }

    assertFalse(broker.subscribe("session:a", new StreamPosition(a, 0), IGNORE).recovered());
    assertEquals(
        List.of(2L, 3L),
        offsets(broker.subscribe("session:a", new StreamPosition(a, 1), IGNORE).replay()));
    assertEquals(
        List.of(1L, 2L, 3L),
        offsets(broker.subscribe("session:b", new StreamPosition(b, 0), IGNORE).replay()));
  }

  @Test
  void refusesRecoveryWhenMissedEventsAreOlderThanHistoryKeeps() {
    broker = brokerWith(1000, Duration.ofSeconds(10));
    String epoch = broker.position("session:a").epoch();
    publish("session:a");
    clock.advance(Duration.ofSeconds(5));
    publish("session:a");
    clock.advance(Duration.ofSeconds(6)); // event 1 is now 11 s old, event 2 is 6 s old

    SubscribeResult expired = broker.subscribe("session:a", new StreamPosition(epoch, 0), IGNORE);
    SubscribeResult kept = broker.subscribe("session:a", new StreamPosition(epoch, 1), IGNORE);

    assertFalse(expired.recovered());
    assertTrue(expired.replay().isEmpty());
    assertTrue(kept.recovered());
    assertEquals(List.of(2L), offsets(kept.replay()));
  }

  @Test
  void refusesRecoveryFromAnotherEpoch() {
    publish("session:a");
    String otherEpoch = brokerWith(1000, Duration.ofMinutes(10)).position("session:a").epoch();

    SubscribeResult result =
        broker.subscribe("session:a", new StreamPosition(otherEpoch, 0), IGNORE);

    assertNotEquals(otherEpoch, result.position().epoch());
    assertFalse(result.recovered());
    assertTrue(result.replay().isEmpty());
  }

  @Test
  void refusesRecoveryFromAnOffsetTheStreamHasNotReached() {
    publish("session:a");
    String epoch = broker.position("session:a").epoch();

    SubscribeResult result = broker.subscribe("session:a", new StreamPosition(epoch, 2), IGNORE);

    assertFalse(result.recovered());
    assertEquals(new StreamPosition(epoch, 1), result.position());
  }

  @Test
  void closingASubscriptionStopsDeliveryAndIsIdempotent() {
    List<Long> seen = new ArrayList<>();
    SubscribeResult result = broker.subscribe("session:a", null, event -> seen.add(event.offset()));
    broker.subscribe("session:a", null, IGNORE);
    publish("session:a");

    result.handle().close();
    result.handle().close();
    publish("session:a");

    assertEquals(List.of(1L), seen);
    assertEquals(1, broker.listenerCount("session:a"));
  }

  @Test
  void aListenerClosedDuringFanOutGetsNoFurtherEvents() {
    List<String> seen = new ArrayList<>();
    List<Subscription> second = new ArrayList<>();
    broker.subscribe(
        "session:a",
        null,
        event -> {
          seen.add("first@" + event.offset());
          second.get(0).close();
        });
    second.add(broker.subscribe("session:a", null, event -> seen.add("second")).handle());

    publish("session:a");

    assertEquals(List.of("first@1"), seen);
  }

  @Test
  @Timeout(30)
  void closingASubscriptionNeverWaitsForADeliveryInProgress() throws Exception {
    CountDownLatch delivering = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    List<Long> seen = new CopyOnWriteArrayList<>();
    broker.subscribe(
        "session:a",
        null,
        event -> {
          delivering.countDown();
          try {
            finish.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    SubscribeResult closing =
        broker.subscribe("session:a", null, event -> seen.add(event.offset()));
    ExecutorService publisher = Executors.newSingleThreadExecutor();
    try {
      Future<StreamEvent> published = publisher.submit(() -> publish("session:a"));
      assertTrue(delivering.await(10, TimeUnit.SECONDS));

      closing.handle().close(); // the publisher holds the channel's lock meanwhile
      finish.countDown();
      published.get(10, TimeUnit.SECONDS);
    } finally {
      publisher.shutdownNow();
    }

    assertEquals(List.of(), seen, "closed before its turn in the fan-out");
    assertEquals(1, broker.listenerCount("session:a"), "removed once the lock was free");
  }

  @Test
  void aThrowingListenerDoesNotStopTheOthers() {
    List<Long> seen = new ArrayList<>();
    broker.subscribe(
        "session:a",
        null,
        event -> {
          throw new IllegalStateException("listener bug");
        });
    broker.subscribe("session:a", null, event -> seen.add(event.offset()));

    publish("session:a");
    publish("session:a");

    assertEquals(List.of(1L, 2L), seen);
  }

  @Test
  void countsLiveListenersPerChannel() {
    assertEquals(0, broker.listenerCount("session:a"));
    broker.subscribe("session:a", null, IGNORE);
    broker.subscribe("session:a", null, IGNORE);
    broker.subscribe("session:b", null, IGNORE);

    assertEquals(2, broker.listenerCount("session:a"));
    assertEquals(1, broker.listenerCount("session:b"));
  }

  @Test
  void rejectsInvalidChannelNames() {
    for (String channel : List.of("", "session", "session:", "nope:1", "session:a b")) {
      assertThrows(InvalidChannelException.class, () -> publish(channel));
      assertThrows(InvalidChannelException.class, () -> broker.subscribe(channel, null, IGNORE));
      assertThrows(InvalidChannelException.class, () -> broker.position(channel));
      assertThrows(InvalidChannelException.class, () -> broker.listenerCount(channel));
    }
  }

  @Test
  @Timeout(60)
  void reconnectingConsumerGetsEveryEventOnceInOrderWhilePublishersRace() throws Exception {
    int publishers = 4;
    int perPublisher = 2_500;
    int total = publishers * perPublisher;
    // History large enough that recovery always succeeds: this checks gaps and duplicates
    // between replay and live delivery, not the history bounds.
    broker = brokerWith(total, Duration.ofHours(1));
    String channel = "session:race";
    String epoch = broker.position(channel).epoch();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicBoolean overlapped = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(publishers);
    List<Long> received = new ArrayList<>();
    int subscriptions = 0;
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int p = 0; p < publishers; p++) {
        running.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perPublisher; i++) {
                    broker.publish(channel, offset -> "frame-" + offset);
                  }
                  return null;
                }));
      }
      long last = 0;
      while (last < total) {
        ConcurrentLinkedQueue<StreamEvent> live = new ConcurrentLinkedQueue<>();
        SubscribeResult result =
            broker.subscribe(
                channel,
                new StreamPosition(epoch, last),
                event -> {
                  if (inFlight.incrementAndGet() > 1) {
                    overlapped.set(true);
                  }
                  live.add(event);
                  inFlight.decrementAndGet();
                });
        subscriptions++;
        start.countDown();
        assertTrue(result.recovered(), "subscription " + subscriptions + " since " + last);
        List<StreamEvent> events = new ArrayList<>(result.replay());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        while (live.isEmpty() && result.position().offset() < total) {
          if (System.nanoTime() > deadline) {
            break;
          }
          Thread.onSpinWait();
        }
        result.handle().close();
        // A delivery already in progress may still add its event after this: it is then the last
        // one, and the next subscription replays it.
        events.addAll(live);
        for (StreamEvent event : events) {
          assertEquals("frame-" + event.offset(), event.frameText());
          received.add(event.offset());
        }
        if (!events.isEmpty()) {
          last = events.get(events.size() - 1).offset();
        }
      }
      for (Future<?> publisher : running) {
        publisher.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), received);
    assertTrue(subscriptions > 1, "the consumer should have reconnected at least once");
    assertFalse(overlapped.get(), "a listener was called concurrently");
    assertEquals(0, broker.listenerCount(channel));
  }
}
