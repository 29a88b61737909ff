package dev.switchboard.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.ws.guard.WindowCounter;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void admitsABurstUpToTheRateThenRefillsOverTime() {
    TokenBucket bucket = new TokenBucket(10, 0);
    for (int i = 0; i < 10; i++) {
      assertTrue(bucket.tryTake(0), "burst " + i);
    }
    assertFalse(bucket.tryTake(0));
    assertFalse(bucket.tryTake(SECOND / 20), "half a token is not a token");
    assertTrue(bucket.tryTake(SECOND / 10));
    assertFalse(bucket.tryTake(SECOND / 10));
  }

  @Test
  void neverStoresMoreThanItsCapacity() {
    TokenBucket bucket = new TokenBucket(5, 0);
    int admitted = 0;
    while (bucket.tryTake(100 * SECOND)) {
      admitted++;
    }
    assertEquals(5, admitted);
  }

  @Test
  void windowCounterStartsAgainInTheNextWindow() {
    WindowCounter counter = new WindowCounter(60 * SECOND, 0);
    assertEquals(1, counter.record(0));
    assertEquals(2, counter.record(59 * SECOND));
    assertEquals(1, counter.record(60 * SECOND));
  }
}
