package dev.switchboard.server;

import dev.switchboard.server.config.DataDirectory;
import io.micronaut.http.netty.channel.EventLoopGroupConfiguration;
import io.micronaut.http.netty.channel.EventLoopGroupFactory;
import io.micronaut.http.netty.channel.NettyChannelType;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * StartupLogger logs one line once the server is up: the URL it listens on, the network transport
 * (Linux's epoll or Java's NIO, see {@code micronaut.netty.event-loops.default}) and the data dir.
 */
@Singleton
public class StartupLogger {

  private static final Logger LOG = LoggerFactory.getLogger(StartupLogger.class);

  private final Path dataDir;
  private final String transport;

  StartupLogger(
      DataDirectory dataDirectory,
      EventLoopGroupFactory eventLoops,
      @Named(EventLoopGroupConfiguration.DEFAULT) EventLoopGroupConfiguration defaultLoops) {
    this.dataDir = dataDirectory.path();
    this.transport = transport(eventLoops, defaultLoops);
  }

  /**
   * The transport the server socket uses, as Micronaut picks it: the channel class its event loop
   * factory binds with ({@code EpollServerSocketChannel} or {@code NioServerSocketChannel}).
   */
  static String transport(EventLoopGroupFactory eventLoops, EventLoopGroupConfiguration loops) {
    String channel = eventLoops.channelClass(NettyChannelType.SERVER_SOCKET, loops).getSimpleName();
    return channel.startsWith("Epoll") ? "epoll" : channel.startsWith("Nio") ? "nio" : channel;
  }

  /** The transport named in the start-up log: {@code epoll}, {@code nio}, or a channel class. */
  public String transport() {
    return transport;
  }

  @EventListener
  void onStartup(ServerStartupEvent event) {
    // Never a token here: logs get shared. Auth will print its own ready-to-open URL.
    LOG.info(
        "Switchboard listening on {} ({} transport, data dir {})",
        event.getSource().getURL(),
        transport,
        dataDir);
  }
}
