package dev.switchboard.server.ws.guard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocketGuardInstaller puts a {@link FrameRulesHandler} on every HTTP/1.1 connection, so that
 * every WebSocket upgrade ({@code /ws}, {@code /ws/shell/**} and any socket added later) refuses
 * what bare Micronaut 4.10 accepts, and after it the handler of the upgrade served in front of
 * Micronaut's router ({@link GuardedUpgrade}: {@code /ws}).
 *
 * <p>What is refused, and why (RFC 6455 close codes from {@code CloseCode}):
 *
 * <ul>
 *   <li>A message over {@code switchboard.ws.max-message-bytes} (64 KiB) counted across all its
 *       fragments: 1009, without buffering the rest. Micronaut's {@code maxPayloadLength} caps one
 *       frame only, so 200 fragments of 60 KB (12 MB) were accepted.
 *   <li>permessage-deflate is not negotiated ({@code switchboard.ws.compression: false}, the
 *       default): Micronaut always offers it with no decompression cap, so a 50 MiB message
 *       deflated into one small frame was accepted. When enabled, inflation is capped at the
 *       message limit (1009 past it).
 *   <li>A binary frame: 1003 (the protocol is JSON text; Micronaut hands binary to a {@code String}
 *       handler as if it were text).
 *   <li>A text message that is not UTF-8: 1007.
 *   <li>Reserved bits without a negotiated extension, unmasked client frames and other RFC 6455
 *       violations: 1002. Decoder errors get these codes instead of Micronaut's 1011.
 *   <li>The client's Close is answered with a Close before TCP is dropped, as RFC 6455 §5.5.1
 *       requires.
 *   <li>A client that stops reading: frames written while its channel is not writable wait in a
 *       per-connection {@link OutboundQueue}; more than {@code switchboard.ws.max-pending-bytes} (1
 *       MiB) queued and unsent for {@code slow-consumer-grace} (2 s), or more than {@code
 *       max-pending-bytes-hard} (8 MiB) at any moment, is evicted with 4000 and a TCP reset, since
 *       Micronaut's close waits on the stalled socket and held 217 MiB of direct memory in a probe.
 * </ul>
 *
 * <p><b>Dependency on internals.</b> The pipeline names this relies on, which neither Micronaut nor
 * Netty guarantees, are {@link FrameworkInternals}'s: an upgrade without Netty's decoder is refused
 * rather than left unguarded.
 */
@Singleton
final class WebSocketGuardInstaller
    implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketGuardInstaller.class);

  private final int maxMessageBytes;
  private final boolean compression;
  private final WebSocketConfiguration socketConfiguration;
  private final Counter evictions;
  private final AtomicLong queuedBytes = new AtomicLong();
  private final Provider<GuardedUpgrade> upgrade;

  WebSocketGuardInstaller(
      WebSocketConfiguration socketConfiguration,
      MeterRegistry meters,
      Provider<GuardedUpgrade> upgrade) {
    this.upgrade = upgrade;
    this.maxMessageBytes = socketConfiguration.maxMessageBytes();
    this.compression = socketConfiguration.compression();
    this.socketConfiguration = socketConfiguration;
    this.evictions =
        Counter.builder("switchboard.ws.slow_consumer.evictions")
            .description("WebSockets evicted for not reading their outbound frames")
            .register(meters);
    Gauge.builder("switchboard.ws.outbound.queued", queuedBytes, AtomicLong::get)
        .description("Bytes held in WebSockets' outbound queues, waiting for slow clients")
        .baseUnit("bytes")
        .register(meters);
  }

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    event.getBean().register(EachConnection.install(this::install));
    return event.getBean();
  }

  /** Installs the guard on a connection's pipeline once Micronaut has built it. */
  private void install(Channel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    if (pipeline.get(FrameworkInternals.MICRONAUT_INBOUND) == null) {
      LOG.error(
          "No \"{}\" handler on this connection: the WebSocket frame guard is not installed"
              + " (Micronaut version changed?)",
          FrameworkInternals.MICRONAUT_INBOUND);
      return;
    }
    if (pipeline.get(FrameworkInternals.MICRONAUT_COMPRESSION) != null) {
      if (compression) {
        pipeline.replace(
            FrameworkInternals.MICRONAUT_COMPRESSION,
            FrameworkInternals.MICRONAUT_COMPRESSION,
            new WebSocketServerCompressionHandler(maxMessageBytes));
      } else {
        pipeline.remove(FrameworkInternals.MICRONAUT_COMPRESSION);
      }
    }
    pipeline.addBefore(
        FrameworkInternals.MICRONAUT_INBOUND,
        FrameRulesHandler.NAME,
        new FrameRulesHandler(
            maxMessageBytes,
            compression,
            new OutboundBudget(
                socketConfiguration.maxPendingBytes(),
                socketConfiguration.maxPendingBytesHard(),
                socketConfiguration.slowConsumerGrace().toNanos()),
            new OutboundQueue(queuedBytes),
            evictions));
    // After the guard, so that it sees the upgrade's 101 and every frame of the socket.
    GuardedUpgrade served = upgrade.get();
    pipeline.addAfter(FrameRulesHandler.NAME, served.handlerName(), served.newHandler());
  }
}
