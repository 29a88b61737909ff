package dev.switchboard.server.ws.guard;

import dev.switchboard.contract.error.CloseCode;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FrameGuard is the per-connection Netty handler that enforces the frame and message rules of every
 * WebSocket (see {@link WebSocketGuardInstaller} for what is refused and why). It sits just before
 * Micronaut's WebSocket handler, so it sees every frame in both directions.
 *
 * <p>Every refusal goes through {@link #refuse}: one Close frame with the code, reads stopped, TCP
 * dropped once the Close is flushed (or after {@link #CLOSE_FLUSH_TIMEOUT_MS} if the client does
 * not read), and a Close handed to Micronaut so that {@code @OnClose} sees the real code.
 */
final class FrameGuard extends ChannelDuplexHandler {

  /** This handler's name in the pipeline. */
  static final String NAME = "switchboard-frame-guard";

  /** Netty's name for the frame decoder its handshaker installs (not a public constant). */
  static final String NETTY_WS_DECODER = "wsdecoder";

  /** The UTF-8 validator's name in the pipeline. */
  static final String UTF8_VALIDATOR = "switchboard-utf8-validator";

  /** How long a refused client has to read its Close frame before TCP is dropped anyway. */
  static final long CLOSE_FLUSH_TIMEOUT_MS = 5_000;

  /** Close reasons are limited to 123 bytes by RFC 6455; ours stay well below. */
  private static final int MAX_REASON_CHARS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(FrameGuard.class);

  private final int maxMessageBytes;
  private final boolean compression;
  private boolean upgraded;
  private long messageBytes;
  private boolean refused;
  private ChannelFuture closeWritten;

  FrameGuard(int maxMessageBytes, boolean compression) {
    this.maxMessageBytes = maxMessageBytes;
    this.compression = compression;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (!upgraded
        && msg instanceof HttpResponse response
        && HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status())) {
      upgraded = true;
      try {
        installStrictDecoder(ctx.pipeline(), ctx.name());
      } catch (RuntimeException e) {
        // Fail closed: a socket without the guard's decoder would accept what it must refuse.
        LOG.error("WebSocket upgrade refused: {}", e.getMessage());
        ReferenceCountUtil.release(msg);
        promise.tryFailure(e);
        ctx.close();
        return;
      }
    }
    if (msg instanceof WebSocketFrame && closeWritten != null) {
      // RFC 6455 §5.5.1: nothing follows a Close. A second Close (Micronaut's own, after the
      // guard's) completes once the first is on the wire, so its listener cannot cut it short.
      ReferenceCountUtil.release(msg);
      closeWritten.addListener(written -> promise.trySuccess());
      return;
    }
    ChannelPromise written = promise;
    if (msg instanceof CloseWebSocketFrame) {
      // A void promise takes no listeners; later frames wait on this one.
      written = promise.unvoid();
      closeWritten = written;
    }
    ctx.write(msg, written);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof WebSocketFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (refused) {
      frame.release();
      return;
    }
    if (frame.rsv() != 0) {
      frame.release();
      refuse(ctx, CloseCode.PROTOCOL_ERROR, "reserved bits set without a negotiated extension");
      return;
    }
    if (frame instanceof BinaryWebSocketFrame) {
      frame.release();
      refuse(ctx, CloseCode.UNSUPPORTED_DATA, "binary frames are not accepted; send JSON text");
      return;
    }
    if (frame instanceof TextWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
      messageBytes =
          (frame instanceof TextWebSocketFrame ? 0 : messageBytes)
              + frame.content().readableBytes();
      if (messageBytes > maxMessageBytes) {
        frame.release();
        refuse(
            ctx,
            CloseCode.MESSAGE_TOO_BIG,
            "message exceeds " + maxMessageBytes + " bytes across its fragments");
        return;
      }
    }
    if (frame instanceof CloseWebSocketFrame close) {
      answerClose(ctx, close);
      return;
    }
    ctx.fireChannelRead(frame);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    CloseCode code = upgraded ? closeCodeOf(cause) : null;
    if (code == null) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    // Handled here: passed on, Micronaut would answer every decoder error with 1011.
    if (!refused) {
      refuse(ctx, code, cause.getMessage() == null ? code.name() : cause.getMessage());
    }
  }

  /**
   * The close code for a frame-level error, or null if the error is not about the client's frames.
   */
  static CloseCode closeCodeOf(Throwable cause) {
    if (cause instanceof CorruptedWebSocketFrameException corrupted) {
      return switch (corrupted.closeStatus().code()) {
        case 1003 -> CloseCode.UNSUPPORTED_DATA;
        case 1007 -> CloseCode.INVALID_PAYLOAD;
        case 1009 -> CloseCode.MESSAGE_TOO_BIG;
        default -> CloseCode.PROTOCOL_ERROR;
      };
    }
    if (cause instanceof TooLongFrameException || cause instanceof DecompressionException) {
      return CloseCode.MESSAGE_TOO_BIG;
    }
    return null;
  }

  /**
   * Replaces Netty's lenient decoder with one that refuses reserved bits (unless permessage-deflate
   * may be negotiated, in which case {@link #channelRead} checks them after inflation), frames over
   * the message limit and unmasked frames, and adds UTF-8 validation across fragments.
   */
  private void installStrictDecoder(ChannelPipeline pipeline, String guardName) {
    if (pipeline.get(NETTY_WS_DECODER) == null) {
      throw new IllegalStateException(
          "Netty's WebSocket decoder \""
              + NETTY_WS_DECODER
              + "\" is not in the pipeline; the frame guard depends on that name (Netty 4.2.9)."
              + " Check the Netty/Micronaut upgrade and the guard's tests.");
    }
    WebSocketDecoderConfig config =
        WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(maxMessageBytes)
            .allowExtensions(compression)
            .expectMaskedFrames(true)
            .allowMaskMismatch(false)
            .closeOnProtocolViolation(false)
            .build();
    pipeline.replace(NETTY_WS_DECODER, NETTY_WS_DECODER, new WebSocket13FrameDecoder(config));
    pipeline.addBefore(guardName, UTF8_VALIDATOR, new Utf8FrameValidator(false));
  }

  /** Answers the client's Close with a Close (once), then lets Micronaut run {@code @OnClose}. */
  private void answerClose(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
    refused = true;
    if (closeWritten == null) {
      int code = close.statusCode();
      CloseWebSocketFrame answer =
          code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, "");
      closeWritten = ctx.writeAndFlush(answer);
      closeWritten.addListener(ChannelFutureListener.CLOSE);
      scheduleHardClose(ctx);
    } else {
      // The client's answer to our Close: the handshake is complete.
      closeWritten.addListener(ChannelFutureListener.CLOSE);
    }
    ctx.fireChannelRead(close);
  }

  private void refuse(ChannelHandlerContext ctx, CloseCode code, String reason) {
    refused = true;
    ctx.channel().config().setAutoRead(false);
    String shortReason =
        reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason;
    LOG.info(
        "Closing WebSocket from {} with {}: {}",
        ctx.channel().remoteAddress(),
        code.code(),
        shortReason);
    if (closeWritten == null) {
      closeWritten = ctx.writeAndFlush(new CloseWebSocketFrame(code.code(), shortReason));
    }
    closeWritten.addListener(ChannelFutureListener.CLOSE);
    scheduleHardClose(ctx);
    ctx.fireChannelRead(new CloseWebSocketFrame(code.code(), shortReason));
  }

  private static void scheduleHardClose(ChannelHandlerContext ctx) {
    ctx.executor()
        .schedule(
            () -> {
              if (ctx.channel().isOpen()) {
                ctx.close();
              }
            },
            CLOSE_FLUSH_TIMEOUT_MS,
            TimeUnit.MILLISECONDS);
  }
}
