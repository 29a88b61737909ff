package dev.switchboard.server.ws.guard;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import java.util.function.Consumer;

/**
 * EachConnection is a Netty server customizer that hands every HTTP/1.1 connection to {@code
 * install} once Micronaut has built its pipeline, which is where WebSocket upgrades happen; HTTP/2
 * streams and the listener get a no-op. Register it with {@code
 * NettyServerCustomizer.Registry.register(EachConnection.install(...))}.
 */
public final class EachConnection implements NettyServerCustomizer {

  private final Consumer<Channel> install;
  private final @Nullable Channel channel;

  private EachConnection(Consumer<Channel> install, @Nullable Channel channel) {
    this.install = install;
    this.channel = channel;
  }

  /** A customizer that runs {@code install} on each connection's finished pipeline. */
  public static NettyServerCustomizer install(Consumer<Channel> install) {
    return new EachConnection(install, null);
  }

  @Override
  public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
    return new EachConnection(install, role == ChannelRole.CONNECTION ? channel : null);
  }

  @Override
  public void onStreamPipelineBuilt() {
    if (channel != null) {
      install.accept(channel);
    }
  }
}
