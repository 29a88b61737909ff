package dev.switchboard.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.ScheduledFuture;

/**
 * Fleet is a set of clients of one server sharing the process's event loops: it opens them with a
 * bounded number of handshakes in flight, counts connections and subscriptions, runs client
 * heartbeats spread over the interval, and routes received events to the current {@link Phase}.
 */
final class Fleet implements AutoCloseable {

  /** Epoll where Linux has it (less CPU per received frame than NIO), else NIO. */
  private static final boolean EPOLL = Epoll.isAvailable() && !Boolean.getBoolean("bench.nio");

  static final EventLoopGroup LOOPS =
      new MultiThreadIoEventLoopGroup(
          Integer.getInteger("bench.loops", 2),
          EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
  private static final AtomicInteger LOCAL_HOSTS =
      new AtomicInteger(Integer.getInteger("bench.localBase", 0));

  final Protocol protocol;
  final URI uri;
  final List<Client> clients = new ArrayList<>();
  final AtomicInteger subscribedCount = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();
  final AtomicInteger closedAfterSubscribe = new AtomicInteger();
  final LongAdder eventsOutsidePhase = new LongAdder();
  private final InetSocketAddress remote;
  // Each fleet connects from its own loopback address, so sockets left in TIME_WAIT by earlier
  // scenarios never exhaust one address's ephemeral ports.
  private final InetSocketAddress local;
  private final Semaphore handshakes;
  private volatile Phase phase;
  private ScheduledFuture<?> heartbeats;

  Fleet(Protocol protocol, int port, int maxHandshakes) {
    this.protocol = protocol;
    this.uri = URI.create("ws://127.0.0.1:" + port + protocol.path());
    this.remote = new InetSocketAddress("127.0.0.1", port);
    int n = LOCAL_HOSTS.getAndIncrement() % 250;
    this.local = new InetSocketAddress("127.0." + (1 + n / 250) + "." + (2 + n % 250), 0);
    this.handshakes = new Semaphore(maxHandshakes);
  }

  Client add(String... channels) {
    Client client = new Client(clients.size(), this, channels);
    clients.add(client);
    return client;
  }

  void phase(Phase phase) {
    this.phase = phase;
  }

  void event(Client client, long seq, long sentNanos) {
    Phase current = phase;
    if (current == null || client.slow) {
      eventsOutsidePhase.increment();
    } else {
      current.record(client, seq, sentNanos, Clock.nanos());
    }
  }

  void subscribed(Client client) {
    subscribedCount.incrementAndGet();
    handshakes.release();
  }

  /**
   * Connects and subscribes the given clients, at most {@code maxHandshakes} in flight; returns
   * once each is subscribed or has failed, or at the deadline.
   */
  void connect(List<Client> which, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    int target = subscribedCount.get() + which.size();
    for (Client client : which) {
      if (!handshakes.tryAcquire(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
        break;
      }
      open(client, false);
    }
    while (subscribedCount.get() + failed.get() < target && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
  }

  /** Opens one client; {@code smallReceiveBuffer} makes a client that is easy to stall. */
  ChannelFuture open(Client client, boolean smallReceiveBuffer) {
    client.subscribed = false;
    HttpHeaders headers = new DefaultHttpHeaders();
    protocol.upgradeHeaders(headers);
    WebSocketClientProtocolConfig config =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .customHeaders(headers)
            .maxFramePayloadLength(1 << 24)
            .handshakeTimeoutMillis(120_000)
            .dropPongFrames(true)
            .handleCloseFrames(true)
            .build();
    Bootstrap bootstrap =
        new Bootstrap()
            .group(LOOPS)
            .channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 120_000)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(65536))
                        .addLast(new WebSocketClientProtocolHandler(config))
                        .addLast(new WebSocketFrameAggregator(1 << 24))
                        .addLast(new Handler(client));
                  }
                });
    if (smallReceiveBuffer) {
      bootstrap.option(ChannelOption.SO_RCVBUF, 16 * 1024);
    }
    ChannelFuture future = bootstrap.connect(remote, local);
    client.socket = future.channel();
    future.addListener(
        f -> {
          if (!f.isSuccess()) {
            fail(client);
          }
        });
    return future;
  }

  private void fail(Client client) {
    if (!client.subscribed) {
      failed.incrementAndGet();
      handshakes.release();
    }
  }

  /** Sends each client's heartbeat once per interval, spread over the interval. */
  void startHeartbeats() {
    long interval = protocol.heartbeatIntervalMs();
    if (interval <= 0) {
      return;
    }
    long slices = Math.max(1, interval / 1000);
    AtomicInteger tick = new AtomicInteger();
    heartbeats =
        LOOPS.scheduleAtFixedRate(
            () -> {
              int slice = (int) (tick.getAndIncrement() % slices);
              for (int i = slice; i < clients.size(); i += slices) {
                Client client = clients.get(i);
                if (client.subscribed) {
                  protocol.heartbeat(client);
                }
              }
            },
            1,
            1,
            TimeUnit.SECONDS);
  }

  /** Drops every connection at once, as a network failure would: TCP reset, no close frame. */
  void dropAll() throws InterruptedException {
    List<ChannelFuture> closing = new ArrayList<>();
    for (Client client : clients) {
      Channel s = client.socket;
      client.socket = null; // the handler ignores the close of a socket it no longer owns
      client.subscribed = false;
      if (s != null && s.isOpen()) {
        s.config().setOption(ChannelOption.SO_LINGER, 0);
        closing.add(s.close());
      }
    }
    for (ChannelFuture f : closing) {
      f.await(10, TimeUnit.SECONDS);
    }
    subscribedCount.set(0);
    failed.set(0);
  }

  @Override
  public void close() throws InterruptedException {
    if (heartbeats != null) {
      heartbeats.cancel(false);
    }
    phase = null;
    dropAll();
  }

  /** Routes frames to the protocol; counts sockets that close after subscribing. */
  private final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final Client client;

    Handler(Client client) {
      this.client = client;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        protocol.onOpen(client);
      } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        ctx.close();
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof TextWebSocketFrame) {
        ByteBuf content = frame.content();
        protocol.onText(client, content);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (client.socket == ctx.channel()) {
        client.closedAtNanos = Clock.nanos();
        if (client.subscribed) {
          client.subscribed = false;
          closedAfterSubscribe.incrementAndGet();
        } else {
          fail(client);
        }
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      Report.warnOnce("client " + client.id + ": " + cause);
      ctx.close();
    }
  }
}
