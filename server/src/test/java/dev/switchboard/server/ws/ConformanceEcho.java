package dev.switchboard.server.ws;

import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.ws.guard.WebSocketConfiguration;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.netty.channel.Channel;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * ConformanceEcho takes {@link ChannelSocket}'s place behind {@code /ws} and echoes every text
 * message, which is what the Autobahn fuzzing client expects of the server under test. The upgrade,
 * the frame guard, the fragment joining, the ping answers and the outbound path are the ones that
 * serve {@code /ws}; only the channel protocol (the {@code connected} greeting, routing, the
 * command rate limit) is out of the way.
 *
 * <p>It exists only in the test sources and only when {@value #PROPERTY} is true, a property no
 * production code reads: the jar has no echo to switch on.
 */
@Singleton
@Replaces(ChannelSocket.class)
@Requires(property = ConformanceEcho.PROPERTY, value = "true")
public final class ConformanceEcho implements ChannelSocketEndpoint {

  /** The test property that puts the echo behind {@code /ws}. */
  public static final String PROPERTY = "switchboard.ws.conformance-echo";

  private final WebSocketConfiguration configuration;
  private final AtomicLong ids = new AtomicLong();
  private final LongAdder framesOut = new LongAdder();
  private final Outbox.Registry outboxes = new Outbox.Registry();

  ConformanceEcho(WebSocketConfiguration configuration) {
    this.configuration = configuration;
  }

  @Override
  public Connection open(Channel channel, Caller caller) {
    return new Connection(
        "echo-" + ids.incrementAndGet(),
        caller,
        channel,
        outboxes.of(channel.eventLoop()),
        configuration,
        framesOut);
  }

  @Override
  public void onMessage(Connection connection, String text) {
    connection.send(text);
  }

  @Override
  public void onClose(Connection connection, int code, String reason) {
    connection.releaseAll();
  }
}
