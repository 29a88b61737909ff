package dev.switchboard.server.ws;

import dev.switchboard.contract.ChannelKind;
import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.Channels;
import dev.switchboard.contract.InvalidChannelException;
import dev.switchboard.contract.error.ErrorCode;
import dev.switchboard.contract.global.GlobalCommand;
import dev.switchboard.contract.global.GlobalEvent;
import dev.switchboard.contract.global.PingCommand;
import dev.switchboard.contract.global.PongData;
import dev.switchboard.contract.global.PongEvent;
import dev.switchboard.contract.global.SubscribeCommand;
import dev.switchboard.contract.global.SubscriptionErrorData;
import dev.switchboard.contract.global.SubscriptionErrorEvent;
import dev.switchboard.contract.global.SubscriptionSuccessData;
import dev.switchboard.contract.global.SubscriptionSuccessEvent;
import dev.switchboard.contract.global.UnsubscribeCommand;
import dev.switchboard.contract.global.UnsubscribedData;
import dev.switchboard.server.channel.Access;
import dev.switchboard.server.channel.ChannelAccess;
import dev.switchboard.server.channel.ChannelHub;
import dev.switchboard.server.channel.SubscribeResult;
import dev.switchboard.server.wire.FrameCodec;
import dev.switchboard.server.ws.guard.WebSocketConfiguration;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GlobalCommands carries out the {@code global} channel's commands: heartbeat, subscribe (with
 * authorization, limits and recovery) and unsubscribe.
 */
@Singleton
final class GlobalCommands {

  static final Argument<GlobalEvent> GLOBAL_EVENTS = Argument.of(GlobalEvent.class);
  private static final Logger LOG = LoggerFactory.getLogger(GlobalCommands.class);
  private static final String GLOBAL = Channels.global();

  private final ChannelHub hub;
  private final ChannelAccess access;
  private final FrameCodec codec;
  private final WebSocketConfiguration configuration;
  private final Clock clock;

  GlobalCommands(
      ChannelHub hub,
      ChannelAccess access,
      FrameCodec codec,
      WebSocketConfiguration configuration) {
    this.hub = hub;
    this.access = access;
    this.codec = codec;
    this.configuration = configuration;
    this.clock = Clock.systemUTC();
  }

  void handle(Connection connection, GlobalCommand command, @Nullable String ref) {
    // A switch expression over the type enum, without default: javac refuses it when a command
    // type has no case here.
    Runnable handler =
        switch (command.type()) {
          case PING -> () -> ping(connection, (PingCommand) command, ref);
          case SUBSCRIBE -> () -> subscribe(connection, (SubscribeCommand) command, ref);
          case UNSUBSCRIBE -> () -> unsubscribe(connection, (UnsubscribeCommand) command, ref);
        };
    handler.run();
  }

  private void ping(Connection connection, PingCommand ping, @Nullable String ref) {
    PongData pong = new PongData(ping.data().timestamp(), clock.millis());
    connection.send(codec.encode(GLOBAL_EVENTS, new PongEvent(GLOBAL, pong), ref, null));
  }

  private void subscribe(Connection connection, SubscribeCommand command, @Nullable String ref) {
    String requested = command.data().channel();
    ChannelName channel;
    try {
      channel = ChannelName.parse(requested);
    } catch (InvalidChannelException e) {
      refuse(connection, requested, ErrorCode.INVALID_CHANNEL, e.getMessage(), ref);
      return;
    }
    if (channel.kind() == ChannelKind.GLOBAL) {
      refuse(
          connection,
          requested,
          ErrorCode.INVALID_CHANNEL,
          "Every connection is subscribed to \"global\"; it needs no subscribe.",
          ref);
      return;
    }
    if (channel.kind() == ChannelKind.SHELL) {
      refuse(
          connection,
          requested,
          ErrorCode.INVALID_CHANNEL,
          "Shell channels are served on their own socket: connect to /ws/shell/"
              + channel.id()
              + ".",
          ref);
      return;
    }
    Access verdict = access.authorize(connection.caller(), channel);
    if (verdict != Access.ALLOWED) {
      LOG.info(
          "Subscribe refused: connection {} token {} channel {} ({})",
          connection.id(),
          connection.caller().tokenId(),
          requested,
          verdict);
      ErrorCode code = verdict == Access.NOT_FOUND ? ErrorCode.NOT_FOUND : ErrorCode.FORBIDDEN;
      String reason =
          verdict == Access.NOT_FOUND
              ? requested + " does not exist."
              : "This token may not use "
                  + requested
                  + ". Ask an admin for a token that covers it.";
      refuse(connection, requested, code, reason, ref);
      return;
    }
    ChannelSubscription subscription = new ChannelSubscription(connection, requested, codec);
    ChannelSubscription existing = connection.subscriptions().putIfAbsent(requested, subscription);
    if (existing != null) {
      // A repeated subscribe changes nothing; it is answered with the current position.
      var position = hub.position(channel);
      connection.send(success(requested, position.epoch(), position.offset(), false, ref));
      return;
    }
    if (connection.subscriptions().size() > configuration.maxSubscriptions()) {
      connection.subscriptions().remove(requested, subscription);
      refuse(
          connection,
          requested,
          ErrorCode.TOO_MANY_SUBSCRIPTIONS,
          "This connection already holds "
              + configuration.maxSubscriptions()
              + " subscriptions, the limit. Unsubscribe from channels it no longer shows.",
          ref);
      return;
    }
    SubscribeResult result = hub.subscribe(channel, command.data().since(), subscription);
    var position = result.position();
    subscription.start(
        result.handle(),
        success(requested, position.epoch(), position.offset(), result.recovered(), ref),
        result.replay());
    if (connection.isClosed()) {
      subscription.close();
    }
  }

  private void unsubscribe(
      Connection connection, UnsubscribeCommand command, @Nullable String ref) {
    String channel = command.data().channel();
    ChannelSubscription subscription = connection.subscriptions().remove(channel);
    if (subscription != null) {
      subscription.close();
    }
    sendUnsubscribed(connection, channel, UnsubscribedData.CLIENT, ref);
  }

  private void sendUnsubscribed(
      Connection connection, String channel, String reason, @Nullable String ref) {
    connection.send(ChannelSubscription.unsubscribed(codec, channel, reason, ref));
  }

  private String success(
      String channel, String epoch, long offset, boolean recovered, @Nullable String ref) {
    return codec.encode(
        GLOBAL_EVENTS,
        new SubscriptionSuccessEvent(
            GLOBAL, new SubscriptionSuccessData(channel, epoch, offset, recovered)),
        ref,
        null);
  }

  private void refuse(
      Connection connection, String channel, ErrorCode code, String reason, @Nullable String ref) {
    connection.send(
        codec.encode(
            GLOBAL_EVENTS,
            new SubscriptionErrorEvent(GLOBAL, new SubscriptionErrorData(channel, code, reason)),
            ref,
            null));
  }
}
