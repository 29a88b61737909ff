package dev.switchboard.server.ws.guard;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * PreEncodedFrame is a server-to-client text frame already encoded for the wire, header and
 * payload, so that a channel event is encoded into a WebSocket frame once per publish and every
 * subscriber's socket writes the same memory.
 *
 * <p>{@link #of} builds the frame in one off-heap buffer, which the transport writes without a
 * copy; each socket gets a {@link #retainedDuplicate()}, a view of the same memory with its own
 * indices. The buffer is the JDK's, freed by the garbage collector once the frame is no longer
 * reachable, so the template needs no release and a dropped reference leaks nothing.
 *
 * <p>The frame is never compressed: permessage-deflate is optional per message (RFC 7692 §6), and
 * the deflate encoder passes on frames that are not Netty's text or binary frames. Everything else
 * in the pipeline (the guard's outbound budget and queue, "nothing after a Close") sees it as the
 * {@link WebSocketFrame} it is; only the frame encoder, {@link Encoder}, must know it, which the
 * guard installs in place of Netty's at the upgrade.
 */
public final class PreEncodedFrame extends WebSocketFrame {

  private static final int TEXT_FINAL = 0x81;

  private PreEncodedFrame(ByteBuf wire) {
    super(wire);
  }

  /** A final, unmasked text frame carrying {@code payloadUtf8}. */
  public static PreEncodedFrame of(byte[] payloadUtf8) {
    int length = payloadUtf8.length;
    int header = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
    ByteBuffer wire = ByteBuffer.allocateDirect(header + length);
    wire.put((byte) TEXT_FINAL);
    if (length <= 125) {
      wire.put((byte) length);
    } else if (length <= 0xFFFF) {
      wire.put((byte) 126).putShort((short) length);
    } else {
      wire.put((byte) 127).putLong(length);
    }
    wire.put(payloadUtf8).flip();
    return new PreEncodedFrame(Unpooled.wrappedBuffer(wire));
  }

  @Override
  public PreEncodedFrame copy() {
    return (PreEncodedFrame) super.copy();
  }

  @Override
  public PreEncodedFrame duplicate() {
    return (PreEncodedFrame) super.duplicate();
  }

  @Override
  public PreEncodedFrame retainedDuplicate() {
    return (PreEncodedFrame) super.retainedDuplicate();
  }

  @Override
  public PreEncodedFrame replace(ByteBuf content) {
    return new PreEncodedFrame(content);
  }

  @Override
  public PreEncodedFrame retain() {
    super.retain();
    return this;
  }

  /** Installs {@link Encoder} in place of the frame encoder Netty's handshaker put in. */
  static void installEncoder(ChannelPipeline pipeline) {
    FrameworkInternals.requireNettyHandler(pipeline, FrameworkInternals.NETTY_WS_ENCODER);
    pipeline.replace(
        FrameworkInternals.NETTY_WS_ENCODER, FrameworkInternals.NETTY_WS_ENCODER, new Encoder());
  }

  /**
   * Netty's server frame encoder (unmasked, RFC 6455 version 13), which hands on a {@link
   * PreEncodedFrame}'s bytes as they are.
   */
  public static final class Encoder extends WebSocket13FrameEncoder {

    /** An encoder for one connection (Netty's encoders are not shared). */
    public Encoder() {
      super(false);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out)
        throws Exception {
      if (frame instanceof PreEncodedFrame) {
        // The encoder releases the frame once this returns: the bytes passed on keep their own.
        out.add(frame.content().retain());
        return;
      }
      super.encode(ctx, frame, out);
    }
  }
}
