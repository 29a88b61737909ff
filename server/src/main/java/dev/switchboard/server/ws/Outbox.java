package dev.switchboard.server.ws;

import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Outbox is the one way frames reach the sockets of one Netty event loop. A connection with frames
 * to send waits in its loop's outbox once, however many frames it gathers meanwhile (they wait in
 * the connection, see {@link Connection#writePending}); the loop takes connections from the outbox
 * in tasks, and writes each one's frames and flushes it once.
 *
 * <p>So a publish to 10,000 subscribers costs each event loop a few tasks rather than one per
 * subscriber, and when a loop falls behind (a burst of publishes, a hot channel at saturation) the
 * frames a socket gathered meanwhile leave in one {@code write} system call instead of one each:
 * the more loaded the server, the fewer system calls per frame. Nothing waits on a timer: on an
 * idle loop the task runs at once, so an idle server adds no latency.
 *
 * <p>A task serves at most {@link #MAX_CONNECTIONS_PER_TASK} connections and then yields to the
 * loop's other work (reading the next publish, timers): a big fan-out cannot starve reads, and a
 * publish read meanwhile adds its frames to the connections still waiting, which then send both.
 */
final class Outbox implements Runnable {

  static final int MAX_CONNECTIONS_PER_TASK = 1024;

  private final EventLoop loop;
  private final Queue<Connection> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  private Outbox(EventLoop loop) {
    this.loop = loop;
  }

  /** Puts a connection that has frames to send in line; called once until it has sent them. */
  void add(Connection connection) {
    waiting.add(connection);
    if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
      loop.execute(this);
    }
  }

  @Override
  public void run() {
    try {
      Connection next;
      for (int count = 0;
          count < MAX_CONNECTIONS_PER_TASK && (next = waiting.poll()) != null;
          count++) {
        next.writePending();
      }
    } finally {
      reschedule();
    }
  }

  // More connections wait than one task serves, or one was added after the last poll and before
  // the flag was cleared (its sender saw the flag set and did not schedule): run again.
  private void reschedule() {
    if (!waiting.isEmpty()) {
      loop.execute(this);
      return;
    }
    scheduled.set(false);
    if (!waiting.isEmpty() && scheduled.compareAndSet(false, true)) {
      loop.execute(this);
    }
  }

  /** The outboxes of a server's event loops, one per loop, made as loops first send. */
  static final class Registry {

    private final Map<EventLoop, Outbox> outboxes = new ConcurrentHashMap<>();

    Outbox of(EventLoop loop) {
      Outbox outbox = outboxes.get(loop);
      return outbox != null ? outbox : outboxes.computeIfAbsent(loop, Outbox::new);
    }
  }
}
