package dev.switchboard.server.api;

import dev.switchboard.contract.ChannelKind;
import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.InvalidChannelException;
import dev.switchboard.contract.error.ErrorCode;
import dev.switchboard.contract.project.ProjectEvent;
import dev.switchboard.contract.project.ProjectEventType;
import dev.switchboard.contract.session.SessionEvent;
import dev.switchboard.contract.session.SessionEventType;
import dev.switchboard.server.auth.ApiError;
import dev.switchboard.server.auth.Callers;
import dev.switchboard.server.channel.ChannelStreamsConfiguration;
import dev.switchboard.server.channel.StreamEvent;
import dev.switchboard.server.wire.ChannelPublisher;
import dev.switchboard.server.wire.FrameCodec;
import dev.switchboard.server.wire.FrameException;
import dev.switchboard.server.wire.InboundFrame;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.nio.charset.StandardCharsets;

/**
 * ChannelEventsController lets other backends (and benchmarks) publish to channels: {@code POST
 * /api/channels/{channel}/events} with {@code {"type", "data"}}, validated against the channel
 * family's contract, answered with the event's offset. Admin only. A body larger than {@code
 * switchboard.channels.max-publish-bytes} (64 KiB, a socket message's limit) is refused with 413
 * before it is parsed: every published event is kept in channel history and sent to every
 * subscriber, so its size is bounded like a message a client sends.
 */
@Controller("/api/channels")
public final class ChannelEventsController {

  private final FrameCodec codec;
  private final ChannelPublisher publisher;
  private final int maxPublishBytes;

  ChannelEventsController(
      FrameCodec codec, ChannelPublisher publisher, ChannelStreamsConfiguration streams) {
    this.codec = codec;
    this.publisher = publisher;
    this.maxPublishBytes = streams.maxPublishBytes();
  }

  /** Publishes one event to the channel. */
  @Post("/{channel}/events")
  HttpResponse<?> publish(HttpRequest<?> request, @PathVariable String channel, @Body String body) {
    MutableHttpResponse<ApiError> denied = Callers.denyUnlessAdmin(request, "publish to channels");
    if (denied != null) {
      return denied;
    }
    MutableHttpResponse<ApiError> tooLarge = refuseIfTooLarge(body);
    if (tooLarge != null) {
      return tooLarge;
    }
    ChannelName name;
    try {
      name = ChannelName.parse(channel);
    } catch (InvalidChannelException e) {
      return HttpResponse.badRequest(new ApiError(ErrorCode.INVALID_CHANNEL, e.getMessage()));
    }
    if (name.kind() != ChannelKind.SESSION && name.kind() != ChannelKind.PROJECT) {
      return HttpResponse.badRequest(
          new ApiError(
              ErrorCode.INVALID_CHANNEL,
              "Only project and session channels take published events; "
                  + channel
                  + " does not."));
    }
    try {
      // The path's name, parsed once above, is the frame's: the body is read once and not
      // re-validated as an envelope, and the event is encoded by the publisher outside any lock.
      InboundFrame frame = codec.decodeEnvelope(name, body);
      StreamEvent published =
          name.kind() == ChannelKind.SESSION
              ? publisher.publish(
                  name,
                  codec.decode(
                      frame,
                      SessionEvent.class,
                      SessionEventType.class,
                      SessionEventType::wireName))
              : publisher.publish(
                  name,
                  codec.decode(
                      frame,
                      ProjectEvent.class,
                      ProjectEventType.class,
                      ProjectEventType::wireName));
      return HttpResponse.ok(
          new PublishedEvent(
              published.channel().toString(), published.epoch(), published.offset()));
    } catch (FrameException e) {
      return HttpResponse.status(HttpStatus.BAD_REQUEST)
          .body(new ApiError(e.code(), e.getMessage()));
    }
  }

  /** 413 when the body is over {@code max-publish-bytes} in UTF-8; null when it fits. */
  private MutableHttpResponse<ApiError> refuseIfTooLarge(String body) {
    // A char is at least one UTF-8 byte: a body longer in chars than the limit is over it.
    long bytes =
        body.length() > maxPublishBytes
            ? body.length()
            : body.getBytes(StandardCharsets.UTF_8).length;
    if (bytes <= maxPublishBytes) {
      return null;
    }
    return HttpResponse.<ApiError>status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
        .body(
            new ApiError(
                ErrorCode.PAYLOAD_TOO_LARGE,
                "The event is "
                    + (body.length() > maxPublishBytes ? "at least " : "")
                    + bytes
                    + " bytes; events may be at most "
                    + maxPublishBytes
                    + " bytes (switchboard.channels.max-publish-bytes). Publish smaller events,"
                    + " e.g. a reference to data the client loads over REST."));
  }
}
