package dev.switchboard.server.ws.guard;

import static dev.switchboard.server.ws.guard.OutboundBudget.Verdict.EVICT;
import static dev.switchboard.server.ws.guard.OutboundBudget.Verdict.OVER;
import static dev.switchboard.server.ws.guard.OutboundBudget.Verdict.WITHIN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OutboundBudgetTest {

  static final long MIB = 1024 * 1024;
  static final long SECOND = 1_000_000_000L;

  final OutboundBudget budget = new OutboundBudget(MIB, 8 * MIB, 2 * SECOND);

  @Test
  void staysWithinAtOrUnderTheBudget() {
    assertEquals(WITHIN, budget.observe(0, 0));
    assertEquals(WITHIN, budget.observe(MIB, 10 * SECOND));
  }

  @Test
  void evictsOnlyOnceOverTheBudgetForTheWholeGracePeriod() {
    assertEquals(OVER, budget.observe(2 * MIB, 0));
    assertEquals(OVER, budget.observe(5 * MIB, SECOND));
    assertEquals(SECOND, budget.nanosUntilGraceEnds(SECOND));
    assertEquals(EVICT, budget.observe(2 * MIB, 2 * SECOND));
  }

  @Test
  void startsTheGracePeriodAgainAfterDrainingUnderTheBudget() {
    assertEquals(OVER, budget.observe(2 * MIB, 0));
    assertEquals(WITHIN, budget.observe(MIB / 2, SECOND));
    assertEquals(0, budget.nanosUntilGraceEnds(SECOND));
    assertEquals(OVER, budget.observe(2 * MIB, SECOND + SECOND / 2));
    assertEquals(OVER, budget.observe(2 * MIB, 3 * SECOND));
    assertEquals(EVICT, budget.observe(2 * MIB, 3 * SECOND + SECOND / 2));
  }

  @Test
  void evictsAtOncePastTheHardCeiling() {
    assertEquals(EVICT, budget.observe(8 * MIB + 1, 0));
  }
}
