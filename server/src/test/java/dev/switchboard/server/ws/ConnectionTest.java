package dev.switchboard.server.ws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.channel.StreamEvent;
import dev.switchboard.server.ws.guard.PreEncodedFrame;
import dev.switchboard.server.ws.guard.WebSocketConfiguration;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
  void writesAnEventAsOneWebSocketFrameBuiltOnceForEverySubscriber() {
    StreamEvent event =
        new StreamEvent(SESSION_A, "e1", 7, 0, "{\"type\":\"stream_output\",\"é\":1}");
    EmbeddedChannel first = new EmbeddedChannel();
    EmbeddedChannel second = new EmbeddedChannel();

    connection(first).send(event);
    connection(second).send(event);
    first.runPendingTasks();
    second.runPendingTasks();

    PreEncodedFrame a = first.readOutbound();
    PreEncodedFrame b = second.readOutbound();
    byte[] payload = event.frameUtf8();
    for (PreEncodedFrame frame : new PreEncodedFrame[] {a, b}) {
      ByteBuf wire = frame.content();
      assertEquals(0x81, wire.getUnsignedByte(0), "final text frame");
      assertEquals(payload.length, wire.getUnsignedByte(1), "unmasked, 7-bit length");
      assertArrayEquals(payload, ByteBufUtil.getBytes(wire, 2, wire.readableBytes() - 2));
    }
    assertSame(a.content().unwrap(), b.content().unwrap(), "one buffer, shared");
    a.release();
    b.release();
    assertEquals(2, framesOut.sum());
  }

  @Test
  void encodesLongFramesWithTheLengthsRfc6455Gives() {
    for (int length : new int[] {125, 126, 65_535, 65_536}) {
      byte[] payload = "x".repeat(length).getBytes(StandardCharsets.UTF_8);
      EmbeddedChannel channel = new EmbeddedChannel(new PreEncodedFrame.Encoder());
      channel.writeOutbound(PreEncodedFrame.of(payload));
      ByteBuf ours = channel.readOutbound();
      EmbeddedChannel netty = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
      netty.writeOutbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(payload)));
      ByteBuf theirs = Unpooled.buffer();
      for (ByteBuf part; (part = netty.readOutbound()) != null; part.release()) {
        theirs.writeBytes(part);
      }
      assertEquals(ByteBufUtil.hexDump(theirs), ByteBufUtil.hexDump(ours), "length " + length);
      ours.release();
      theirs.release();
    }
  }

  @Test
  void writesRepliesAsTextFramesInCallOrderWithEvents() {
    EmbeddedChannel channel = new EmbeddedChannel();
    Connection connection = connection(channel);

    connection.send("{\"reply\":1}");
    connection.send(new StreamEvent(SESSION_A, "e1", 1, 0, "{\"event\":1}"));
    connection.send("{\"reply\":2}");
    channel.runPendingTasks();

    for (String expected : new String[] {"{\"reply\":1}", "{\"event\":1}", "{\"reply\":2}"}) {
      WebSocketFrame frame = channel.readOutbound();
      String text =
          frame instanceof TextWebSocketFrame textFrame
              ? textFrame.text()
              : frame.content().toString(2, frame.content().readableBytes() - 2, UTF_8);
      assertEquals(expected, text);
      frame.release();
    }
  }

  @Test
  void framesSentWhileTheLoopIsBusyLeaveInOneFlush() {
    AtomicInteger flushes = new AtomicInteger();
    EmbeddedChannel channel = new EmbeddedChannel(countingFlushes(flushes));
    Connection connection = connection(channel);

    for (int i = 0; i < 5; i++) {
      connection.send(new StreamEvent(SESSION_A, "e1", i + 1, 0, "{\"event\":" + i + "}"));
    }
    assertNull(channel.readOutbound(), "nothing is written before the loop runs");
    channel.runPendingTasks();

    assertEquals(1, flushes.get());
    for (int i = 0; i < 5; i++) {
      WebSocketFrame frame = channel.readOutbound();
      assertTrue(frame.content().toString(UTF_8).endsWith("{\"event\":" + i + "}"));
      frame.release();
    }
  }

  @Test
  void aFanOutCostsTheLoopATaskPerThousandConnectionsNotOnePerFrame() throws Exception {
    AtomicInteger tasks = new AtomicInteger();
    DefaultEventLoop loop =
        new DefaultEventLoop() {
          @Override
          public void execute(Runnable task) {
            tasks.incrementAndGet();
            super.execute(task);
          }
        };
    try {
      Outbox outbox = new Outbox.Registry().of(loop);
      int connections = Outbox.MAX_CONNECTIONS_PER_TASK + 10;
      List<EmbeddedChannel> channels = new ArrayList<>();
      // Held up until every frame is sent, as a loop busy with other work would be.
      CountDownLatch sent = new CountDownLatch(1);
      loop.execute(
          () -> {
            try {
              sent.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      for (int i = 0; i < connections; i++) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channels.add(channel);
        Connection connection =
            new Connection("c-" + i, Caller.forAdmin(), channel, outbox, LIMITS, framesOut);
        connection.send(new StreamEvent(SESSION_A, "e1", 1, 0, "{\"event\":1}"));
        connection.send(new StreamEvent(SESSION_A, "e1", 2, 0, "{\"event\":2}"));
      }
      sent.countDown();
      loop.submit(() -> {}).get(10, TimeUnit.SECONDS);

      // The hold, two outbox tasks (the second after the loop's turn), and the final no-op.
      assertEquals(4, tasks.get());
      for (EmbeddedChannel channel : channels) {
        assertEquals(2, channel.outboundMessages().size());
        channel.finishAndReleaseAll();
      }
    } finally {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  @Test
  void closesWithACloseFrameThenSendsNothing() {
    EmbeddedChannel channel = new EmbeddedChannel();
    Connection connection = connection(channel);

    connection.send("{\"last\":true}");
    connection.close(CloseCode.SERVER_DRAINING, "bye");
    connection.send("{}");
    connection.send(new StreamEvent(SESSION_A, "e1", 1, 0, "{}"));
    channel.runPendingTasks();

    TextWebSocketFrame last = channel.readOutbound();
    assertEquals("{\"last\":true}", last.text(), "what was sent before the Close goes first");
    last.release();
    CloseWebSocketFrame close = channel.readOutbound();
    assertEquals(CloseCode.SERVER_DRAINING.code(), close.statusCode());
    assertEquals("bye", close.reasonText());
    close.release();
    assertNull(channel.readOutbound());
    assertFalse(channel.isOpen(), "TCP dropped once the Close is written");
    assertEquals(1, framesOut.sum());
  }

  private static ChannelOutboundHandlerAdapter countingFlushes(AtomicInteger flushes) {
    return new ChannelOutboundHandlerAdapter() {
      @Override
      public void flush(ChannelHandlerContext ctx) {
        flushes.incrementAndGet();
        ctx.flush();
      }
    };
  }

  private Connection connection(EmbeddedChannel channel) {
    return new Connection(
        "c-1",
        Caller.forAdmin(),
        channel,
        new Outbox.Registry().of(channel.eventLoop()),
        LIMITS,
        framesOut);
  }
}
