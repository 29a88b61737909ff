package dev.switchboard.contract.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloseCodeTest {

  @ParameterizedTest
  @ValueSource(ints = {1001, 1006, 1011, 1012, 1013, 4000, 4001, 4002, 4250, 4499})
  void reconnectsAfterTransientCodes(int code) {
    assertTrue(CloseCode.shouldReconnect(code));
  }

  @ParameterizedTest
  @ValueSource(ints = {1000, 1002, 1003, 1007, 1008, 1009, 3000, 4500, 4501, 4999})
  void staysDownAfterTerminalCodes(int code) {
    assertFalse(CloseCode.shouldReconnect(code));
  }

  @Test
  void applicationCodesFollowTheirRange() {
    for (CloseCode code : CloseCode.values()) {
      if (code.code() >= CloseCode.TERMINAL_MIN) {
        assertFalse(code.reconnects(), code.name());
      } else if (code.code() >= CloseCode.RECONNECT_MIN) {
        assertTrue(code.reconnects(), code.name());
      }
    }
  }

  @Test
  void codesAreUnique() {
    assertEquals(
        CloseCode.values().length,
        Arrays.stream(CloseCode.values()).mapToInt(CloseCode::code).distinct().count());
  }

  @Test
  void onlyTransientErrorsAreRetryable() {
    assertTrue(ErrorCode.RATE_LIMITED.retryable());
    assertFalse(ErrorCode.FORBIDDEN.retryable());
  }
}
