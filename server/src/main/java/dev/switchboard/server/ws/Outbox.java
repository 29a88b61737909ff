package dev.switchboard.server.ws;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Outbox is the one way frames reach the sockets of one Netty event loop: every thread that sends
 * to a {@code /ws} connection appends to its loop's outbox, and the loop empties it in one task,
 * writing each frame and then flushing each socket once.
 *
 * <p>So a publish to 10,000 subscribers costs each event loop one task rather than one per
 * subscriber, and frames that reach a socket while its loop is busy (a burst of publishes, several
 * channels) leave in one {@code write} system call instead of one each. Nothing waits on a timer:
 * when the loop is idle the task runs at once, so an idle server adds no latency.
 *
 * <p>Frames of one connection stay in the order they were sent, whichever thread sent them, because
 * replies, events and the Close all go through the same queue. A task writes at most {@link
 * #MAX_FRAMES_PER_TASK} frames and then yields to the loop's other work (reads, timers), so a flood
 * of publishes cannot starve the sockets' reads.
 */
final class Outbox implements Runnable {

  static final int MAX_FRAMES_PER_TASK = 16_384;

  private final EventLoop loop;
  private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  // Touched only on the loop: connections written to in the current task.
  private final List<Connection> written = new ArrayList<>();

  private Outbox(EventLoop loop) {
    this.loop = loop;
  }

  /** Appends a frame for {@code connection}; {@code closeAfter} closes the socket once written. */
  void add(Connection connection, WebSocketFrame frame, boolean closeAfter) {
    queue.add(new Pending(connection, frame, closeAfter));
    if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
      loop.execute(this);
    }
  }

  @Override
  public void run() {
    try {
      Pending next;
      for (int count = 0; count < MAX_FRAMES_PER_TASK && (next = queue.poll()) != null; count++) {
        Connection connection = next.connection;
        if (next.closeAfter) {
          connection.channel().write(next.frame).addListener(ChannelFutureListener.CLOSE);
        } else {
          connection.channel().write(next.frame, connection.voidPromise());
        }
        if (!connection.flushPending) {
          connection.flushPending = true;
          written.add(connection);
        }
      }
      for (Connection connection : written) {
        connection.flushPending = false;
        connection.channel().flush();
      }
    } finally {
      written.clear();
      reschedule();
    }
  }

  // More was added than one task writes, or added after the last poll and before the flag was
  // cleared (its sender saw the flag set and did not schedule): run again.
  private void reschedule() {
    if (!queue.isEmpty()) {
      loop.execute(this);
      return;
    }
    scheduled.set(false);
    if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
      loop.execute(this);
    }
  }

  private record Pending(Connection connection, WebSocketFrame frame, boolean closeAfter) {}

  /** The outboxes of a server's event loops, one per loop, made as loops first send. */
  static final class Registry {

    private final Map<EventLoop, Outbox> outboxes = new ConcurrentHashMap<>();

    Outbox of(EventLoop loop) {
      Outbox outbox = outboxes.get(loop);
      return outbox != null ? outbox : outboxes.computeIfAbsent(loop, Outbox::new);
    }
  }
}
