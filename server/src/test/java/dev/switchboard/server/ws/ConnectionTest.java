package dev.switchboard.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.channel.StreamEvent;
import dev.switchboard.server.ws.guard.WebSocketConfiguration;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class ConnectionTest {

  private static final WebSocketConfiguration LIMITS =
      new WebSocketConfiguration(
          100,
          Duration.ofSeconds(30),
          Duration.ofSeconds(5),
          Duration.ofSeconds(75),
          65_536,
          100,
          1_048_576,
          50,
          20,
          8_388_608,
          Duration.ofSeconds(2),
          50,
          false,
          null,
          Duration.ofSeconds(5));

  private static final ChannelName SESSION_A = ChannelName.parse("session:a");

  private final LongAdder framesOut = new LongAdder();

  @Test
  void writesAnEventAsTheBytesItWasEncodedToOnceForEverySubscriber() {
    StreamEvent event =
        new StreamEvent(SESSION_A, "e1", 7, 0, "{\"type\":\"stream_output\",\"é\":1}");
    EmbeddedChannel first = new EmbeddedChannel();
    EmbeddedChannel second = new EmbeddedChannel();

    connection(first).send(event);
    connection(second).send(event);

    for (EmbeddedChannel channel : new EmbeddedChannel[] {first, second}) {
      TextWebSocketFrame frame = channel.readOutbound();
      assertEquals(event.frameText(), frame.text());
      assertTrue(frame.content().hasArray());
      assertSame(event.frameUtf8(), frame.content().array(), "wrapped, not copied");
      frame.release();
    }
    assertEquals(2, framesOut.sum());
  }

  @Test
  void writesRepliesAsTextFramesInCallOrderWithEvents() {
    EmbeddedChannel channel = new EmbeddedChannel();
    Connection connection = connection(channel);

    connection.send("{\"reply\":1}");
    connection.send(new StreamEvent(SESSION_A, "e1", 1, 0, "{\"event\":1}"));
    connection.send("{\"reply\":2}");

    for (String expected : new String[] {"{\"reply\":1}", "{\"event\":1}", "{\"reply\":2}"}) {
      TextWebSocketFrame frame = channel.readOutbound();
      assertEquals(expected, frame.text());
      frame.release();
    }
  }

  @Test
  void closesWithACloseFrameThenSendsNothing() {
    EmbeddedChannel channel = new EmbeddedChannel();
    Connection connection = connection(channel);

    connection.close(CloseCode.SERVER_DRAINING, "bye");
    connection.send("{}");
    connection.send(new StreamEvent(SESSION_A, "e1", 1, 0, "{}"));

    CloseWebSocketFrame close = channel.readOutbound();
    assertEquals(CloseCode.SERVER_DRAINING.code(), close.statusCode());
    assertEquals("bye", close.reasonText());
    close.release();
    assertNull(channel.readOutbound());
    assertFalse(channel.isOpen(), "TCP dropped once the Close is written");
    assertEquals(0, framesOut.sum());
  }

  private Connection connection(EmbeddedChannel channel) {
    return new Connection("c-1", Caller.forAdmin(), channel, LIMITS, framesOut);
  }
}
