package dev.switchboard.bench.peer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * BroadcastServer is the benchmark's raw Netty peer: WebSocket clients on {@code /ws} send {@code
 * {"subscribe":"room"}}; {@code POST /publish/<room>} wraps the body once as {@code
 * {"channel","data"}} and writes that one pre-encoded frame to every channel of the room's {@link
 * ChannelGroup}. No history, no limits, no authentication: the JVM's practical ceiling.
 */
public final class BroadcastServer {

  private static final Map<String, ChannelGroup> ROOMS = new ConcurrentHashMap<>();

  private BroadcastServer() {}

  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args.length > 0 ? args[0] : "8090");
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    try {
      Channel server =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 4096)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new HttpObjectAggregator(65536))
                          .addLast(new WebSocketServerProtocolHandler("/ws"))
                          .addLast(new HttpHandler())
                          .addLast(new SubscribeHandler());
                    }
                  })
              .bind("127.0.0.1", port)
              .sync()
              .channel();
      System.out.println("netty broadcast server listening on 127.0.0.1:" + port);
      server.closeFuture().sync();
    } finally {
      boss.shutdownGracefully();
      workers.shutdownGracefully();
    }
  }

  private static ChannelGroup room(String name) {
    return ROOMS.computeIfAbsent(
        name, n -> new DefaultChannelGroup(n, GlobalEventExecutor.INSTANCE));
  }

  /** Publishing and health over plain HTTP (requests that are not WebSocket upgrades). */
  private static final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      String uri = request.uri();
      FullHttpResponse response;
      if (request.method() == HttpMethod.POST && uri.startsWith("/publish/")) {
        String name = uri.substring("/publish/".length());
        ChannelGroup group = ROOMS.get(name);
        int size = group == null ? 0 : group.size();
        if (group != null) {
          ByteBuf frame =
              Unpooled.wrappedBuffer(
                  Unpooled.copiedBuffer(
                      "{\"channel\":\"" + name + "\",\"data\":", StandardCharsets.UTF_8),
                  request.content().retain(),
                  Unpooled.copiedBuffer("}", StandardCharsets.UTF_8));
          // One frame, written to every member as a retained duplicate: encoded once.
          group.writeAndFlush(new TextWebSocketFrame(frame));
        }
        response = text(HttpResponseStatus.OK, "{\"subscribers\":" + size + "}");
      } else if (request.method() == HttpMethod.GET && uri.equals("/health")) {
        response = text(HttpResponseStatus.OK, "{\"status\":\"UP\"}");
      } else {
        response = text(HttpResponseStatus.NOT_FOUND, "{\"error\":\"not found\"}");
      }
      HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
      ctx.writeAndFlush(response);
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              status,
              Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      HttpUtil.setContentLength(response, response.content().readableBytes());
      return response;
    }
  }

  /** {@code {"subscribe":"room"}} joins the room and is answered {@code {"subscribed":"room"}}. */
  private static final class SubscribeHandler
      extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      String text = frame.text();
      int key = text.indexOf("\"subscribe\"");
      if (key < 0) {
        return;
      }
      int start = text.indexOf('"', text.indexOf(':', key)) + 1;
      int end = text.indexOf('"', start);
      String name = text.substring(start, end);
      room(name).add(ctx.channel());
      ctx.writeAndFlush(new TextWebSocketFrame("{\"subscribed\":\"" + name + "\"}"));
    }
  }
}
