package dev.switchboard.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

// Few calls: each may move this JVM's clock a millisecond ahead for the tests that follow.
class TimestampsTest {

  @Test
  void strictlyIncreasesInMillisecondsEvenWithinOneMillisecond() {
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      times.add(Timestamps.next());
    }
    for (int i = 1; i < times.size(); i++) {
      assertTrue(
          times.get(i).isAfter(times.get(i - 1)), times.get(i - 1) + " then " + times.get(i));
      assertEquals(0, times.get(i).getNano() % 1_000_000, "whole milliseconds");
    }
  }

  @Test
  void neverHandsOutTheSameTimeTwiceAcrossThreads() {
    Set<Instant> seen = ConcurrentHashMap.newKeySet();
    IntStream.range(0, 500).parallel().forEach(i -> assertTrue(seen.add(Timestamps.next())));
  }
}
