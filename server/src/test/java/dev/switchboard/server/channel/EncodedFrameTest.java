package dev.switchboard.server.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.switchboard.contract.ChannelName;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EncodedFrameTest {

  private static final ChannelName SESSION = ChannelName.parse("session:a");
  private static final ChannelName SHELL = ChannelName.parse("shell:a");

  @Test
  void writesTheOffsetInPlaceOfThePlaceholderOfARecoverableChannel() {
    EncodedFrame frame =
        EncodedFrame.encode(SESSION, offset -> "{\"chunk\":\"é→\",\"offset\":" + offset + "}");

    assertEquals(
        "{\"chunk\":\"é→\",\"offset\":42}",
        new String(frame.withOffset(42), StandardCharsets.UTF_8));
    assertEquals(
        "{\"chunk\":\"é→\",\"offset\":7}", new String(frame.withOffset(7), StandardCharsets.UTF_8));
    assertEquals("{\"chunk\":\"é→\",\"offset\":", frame.prefix());
    assertEquals("}", frame.suffix());
  }

  @Test
  void replacesOnlyThePlaceholdersLastOccurrence() {
    String placeholder = Long.toString(FrameEncoder.OFFSET_PLACEHOLDER);
    EncodedFrame frame =
        EncodedFrame.encode(
            SESSION, offset -> "{\"chunk\":\"" + placeholder + "\",\"offset\":" + offset + "}");

    assertEquals(
        "{\"chunk\":\"" + placeholder + "\",\"offset\":3}",
        new String(frame.withOffset(3), StandardCharsets.UTF_8));
  }

  @Test
  void leavesAFrameOfAChannelWithoutOffsetsAsEncodedAndShared() {
    String placeholder = Long.toString(FrameEncoder.OFFSET_PLACEHOLDER);
    AtomicInteger encodes = new AtomicInteger();
    EncodedFrame frame =
        EncodedFrame.encode(
            SHELL,
            offset -> {
              encodes.incrementAndGet();
              assertEquals(0, offset);
              return "{\"data\":\"" + placeholder + "\"}";
            });

    byte[] first = frame.withOffset(0);
    assertSame(first, frame.withOffset(0), "no copy per delivery");
    assertEquals("{\"data\":\"" + placeholder + "\"}", new String(first, StandardCharsets.UTF_8));
    assertNull(frame.suffix());
    assertEquals(1, encodes.get());
  }
}
