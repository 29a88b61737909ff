package dev.switchboard.server.ws.guard;

import dev.switchboard.contract.error.CloseCode;
import io.micronaut.core.annotation.Nullable;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;

/**
 * StrictDecoder is the frame decoder every upgraded socket reads through in place of Netty's
 * lenient one, and the close code each of its errors earns: it refuses reserved bits (unless
 * permessage-deflate may be negotiated, in which case {@link FrameRulesHandler} checks them after
 * inflation), frames over the message limit and unmasked frames, and validates UTF-8 across
 * fragments.
 */
final class StrictDecoder {

  /** The UTF-8 validator's name in the pipeline. */
  static final String UTF8_VALIDATOR = "switchboard-utf8-validator";

  private StrictDecoder() {}

  /**
   * Replaces Netty's decoder in a pipeline whose handshaker has just installed it, and puts the
   * UTF-8 validator before the handler named {@code before}.
   *
   * @throws IllegalStateException when Netty's decoder is not there, so that the caller fails the
   *     upgrade rather than leave a socket unguarded
   */
  static void install(
      ChannelPipeline pipeline, String before, int maxMessageBytes, boolean compression) {
    FrameworkInternals.requireNettyHandler(pipeline, FrameworkInternals.NETTY_WS_DECODER);
    WebSocketDecoderConfig config =
        WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(maxMessageBytes)
            .allowExtensions(compression)
            .expectMaskedFrames(true)
            .allowMaskMismatch(false)
            .closeOnProtocolViolation(false)
            .build();
    pipeline.replace(
        FrameworkInternals.NETTY_WS_DECODER,
        FrameworkInternals.NETTY_WS_DECODER,
        new WebSocket13FrameDecoder(config));
    pipeline.addBefore(before, UTF8_VALIDATOR, new Utf8FrameValidator(false));
  }

  /**
   * The close code for a frame-level error, or null if the error is not about the client's frames.
   */
  static @Nullable CloseCode closeCodeOf(Throwable cause) {
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
}
