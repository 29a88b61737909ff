package dev.switchboard.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DrainPlanTest {

  @Test
  void spreadsFiveThousandClientsOverTheWindowAtTheConfiguredRate() {
    DrainPlan plan = DrainPlan.of(5_000, 10_000, 500, new Random(1));

    assertEquals(10_000, plan.spreadMs());
    int[] perSecond = new int[11];
    for (DrainPlan.Step step : plan.steps()) {
      long reconnectAt = step.closeAtMs() + step.retryAfterMs();
      assertTrue(reconnectAt < 10_000, "reconnects land inside the spread: " + reconnectAt);
      perSecond[(int) (reconnectAt / 1000)]++;
    }
    for (int second = 0; second < 10; second++) {
      assertTrue(
          Math.abs(perSecond[second] - 500) <= 2,
          "second " + second + " got " + perSecond[second] + " reconnects, not ~500");
    }
  }

  @Test
  void aFewClientsAreSpreadOnlyAsFarAsTheRateNeeds() {
    DrainPlan plan = DrainPlan.of(50, 10_000, 500, new Random(2));

    assertEquals(100, plan.spreadMs());
    assertTrue(plan.steps().stream().allMatch(s -> s.closeAtMs() + s.retryAfterMs() < 100));
  }

  @Test
  void neverTakesLongerThanTheWindow() {
    DrainPlan plan = DrainPlan.of(100_000, 10_000, 500, new Random(3));

    assertEquals(10_000, plan.spreadMs());
    assertTrue(plan.steps().get(99_999).closeAtMs() < 10_000);
  }

  @Test
  void aZeroWindowClosesEveryoneAtOnceWithoutADelay() {
    DrainPlan plan = DrainPlan.of(3, 0, 500, new Random(4));

    assertTrue(plan.steps().stream().allMatch(s -> s.closeAtMs() == 0 && s.retryAfterMs() == 0));
    assertEquals(0, DrainPlan.of(0, 10_000, 500, new Random(5)).steps().size());
  }
}
