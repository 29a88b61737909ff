package dev.switchboard.server.web;

import dev.switchboard.server.ws.guard.EachConnection;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import jakarta.inject.Singleton;

/** Puts a {@link LingeringClose} first in every HTTP/1.1 connection's pipeline (after TLS). */
@Singleton
final class LingeringCloseInstaller
    implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    event
        .getBean()
        .register(
            EachConnection.install(
                channel -> {
                  ChannelPipeline pipeline = channel.pipeline();
                  SslHandler tls = pipeline.get(SslHandler.class);
                  if (tls == null) {
                    pipeline.addFirst(LingeringClose.NAME, new LingeringClose());
                  } else {
                    pipeline.addAfter(
                        pipeline.context(tls).name(), LingeringClose.NAME, new LingeringClose());
                  }
                }));
    return event.getBean();
  }
}
