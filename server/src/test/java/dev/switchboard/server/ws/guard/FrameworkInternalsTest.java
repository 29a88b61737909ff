package dev.switchboard.server.ws.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * Each internal {@link FrameworkInternals} names is still where it was and still does what the
 * sockets use it for. A Micronaut or Netty upgrade that moves one fails here, by name, before any
 * socket misbehaves.
 */
class FrameworkInternalsTest {

  @Test
  void micronautsPipelineNamesAreTheConstantsRelyOn() throws Exception {
    assertEquals(
        FrameworkInternals.MICRONAUT_INBOUND,
        constant(
            "io.micronaut.http.netty.channel.ChannelPipelineCustomizer",
            "HANDLER_MICRONAUT_INBOUND"));
    assertEquals(
        FrameworkInternals.MICRONAUT_IDLE_STATE,
        constant(
            "io.micronaut.http.netty.channel.ChannelPipelineCustomizer", "HANDLER_IDLE_STATE"));
    assertEquals(
        FrameworkInternals.MICRONAUT_ACCESS_LOGGER,
        constant(
            "io.micronaut.http.netty.channel.ChannelPipelineCustomizer", "HANDLER_ACCESS_LOGGER"));
    assertEquals(
        FrameworkInternals.MICRONAUT_COMPRESSION,
        constant(
            "io.micronaut.http.server.netty.websocket.NettyServerWebSocketUpgradeHandler",
            "COMPRESSION_HANDLER"));
    assertEquals("micronaut-inbound-handler", FrameworkInternals.MICRONAUT_INBOUND);
  }

  @Test
  void micronautsNettyRequestStillExposesItsChannelContext() throws Exception {
    Class<?> request = Class.forName("io.micronaut.http.server.netty.NettyHttpRequest");
    assertTrue(io.micronaut.http.HttpRequest.class.isAssignableFrom(request));
    Method context = request.getMethod("getChannelHandlerContext");
    assertEquals(ChannelHandlerContext.class, context.getReturnType());
  }

  @Test
  void nettysHandshakerInstallsItsDecoderAndEncoderUnderTheNamesTheGuardReplaces() {
    EmbeddedChannel channel =
        new EmbeddedChannel(new HttpRequestDecoder(), new HttpResponseEncoder());
    FullHttpRequest upgrade =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws", Unpooled.EMPTY_BUFFER);
    upgrade
        .headers()
        .set(HttpHeaderNames.HOST, "127.0.0.1")
        .set(HttpHeaderNames.UPGRADE, "websocket")
        .set(HttpHeaderNames.CONNECTION, "Upgrade")
        .set(HttpHeaderNames.SEC_WEBSOCKET_KEY, "dGhlIHNhbXBsZSBub25jZQ==")
        .set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
    WebSocketServerHandshaker handshaker =
        new WebSocketServerHandshakerFactory("/ws", null, false).newHandshaker(upgrade);
    assertNotNull(handshaker);
    handshaker.handshake(channel, upgrade).syncUninterruptibly();
    assertNotNull(
        channel.pipeline().get(FrameworkInternals.NETTY_WS_DECODER),
        "Netty's handshaker no longer installs \""
            + FrameworkInternals.NETTY_WS_DECODER
            + "\"; pipeline: "
            + channel.pipeline().names());
    assertNotNull(
        channel.pipeline().get(FrameworkInternals.NETTY_WS_ENCODER),
        "Netty's handshaker no longer installs \""
            + FrameworkInternals.NETTY_WS_ENCODER
            + "\"; pipeline: "
            + channel.pipeline().names());
    upgrade.release();
    channel.finishAndReleaseAll();
  }

  @Test
  void unsentBytesCountsWhatWasWrittenAndNotFlushed() {
    EmbeddedChannel channel = new EmbeddedChannel();
    assertEquals(0, FrameworkInternals.unsentBytes(channel));
    channel.write(Unpooled.wrappedBuffer(new byte[1234]));
    // The bytes plus Netty's bookkeeping per entry (96 bytes in Netty 4.2).
    long unsent = FrameworkInternals.unsentBytes(channel);
    assertTrue(unsent >= 1234 && unsent < 1234 + 256, "unsent: " + unsent);
    channel.flush();
    assertEquals(0, FrameworkInternals.unsentBytes(channel));
    channel.finishAndReleaseAll();
  }

  private static String constant(String className, String field) throws Exception {
    Field constant = Class.forName(className).getField(field);
    assertTrue(Modifier.isStatic(constant.getModifiers()), className + "." + field + " is static");
    return (String) constant.get(null);
  }
}
