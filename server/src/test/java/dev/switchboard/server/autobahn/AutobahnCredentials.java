package dev.switchboard.server.autobahn;

import dev.switchboard.server.ws.ConformanceEcho;
import dev.switchboard.server.ws.guard.EachConnection;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * AutobahnCredentials gives the Autobahn fuzzing client, which cannot send headers of its own, the
 * admin token: on each connection it adds {@code Authorization: Bearer <switchboard.token>} to the
 * first request, then leaves the pipeline, so the {@code /ws} upgrade checks the credentials as it
 * checks any client's and the upgraded socket's pipeline is the production one.
 *
 * <p>It sits right after Micronaut's HTTP codec, ahead of the frame guard and the upgrade whichever
 * customizer runs first; a Micronaut without that handler name fails the run loudly.
 */
@Singleton
@Requires(property = ConformanceEcho.PROPERTY, value = "true")
final class AutobahnCredentials
    implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

  static final String NAME = "switchboard-autobahn-credentials";

  private final String authorization;

  AutobahnCredentials(@Value("${switchboard.token}") String token) {
    this.authorization = "Bearer " + token;
  }

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    event.getBean().register(EachConnection.install(this::install));
    return event.getBean();
  }

  private void install(Channel channel) {
    if (channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) == null) {
      throw new IllegalStateException(
          "no \"" + ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC + "\" handler");
    }
    channel
        .pipeline()
        .addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, NAME, new AddToken());
  }

  private final class AddToken extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest request) {
        if (!request.headers().contains(HttpHeaderNames.AUTHORIZATION)) {
          request.headers().set(HttpHeaderNames.AUTHORIZATION, authorization);
        }
        ctx.pipeline().remove(this);
      }
      ctx.fireChannelRead(msg);
    }
  }
}
