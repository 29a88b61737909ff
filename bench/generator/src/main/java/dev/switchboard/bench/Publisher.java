package dev.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Publisher posts benchmark events over HTTP on a fixed schedule. Each event carries its intended
 * send time, so a publisher (or server) that falls behind shows up as latency instead of silently
 * sending later (no coordinated omission).
 */
final class Publisher {

  /** Where a publish goes and how many subscribers should receive it. */
  record Target(String channel, int subscribers) {}

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .executor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "publisher-http");
            t.setDaemon(true);
            return t;
          }))
          .build();
  private final Protocol protocol;
  private final URI base;
  private final int payloadBytes;
  /**
   * Publishes waiting for their answer. The HTTP client opens another connection for each
   * request while the others are busy, so a server that answers slowly at 2,000 publishes/s
   * (Spring STOMP in the many-small-channels scenario) made it open connections until the
   * generator ran out of files. Past this many, the next publish waits: it goes out late, and
   * its latency, counted from its intended time, shows it.
   */
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

  static final int MAX_IN_FLIGHT = 256;

  Publisher(Protocol protocol, int port, int payloadBytes) {
    this.protocol = protocol;
    this.base = URI.create("http://127.0.0.1:" + port + "/");
    this.payloadBytes = payloadBytes;
  }

  /**
   * Publishes {@code count} events at {@code perSecond}, the i-th intended at start + i/rate;
   * blocks until the last is sent (not until it is answered).
   */
  void run(Phase phase, double perSecond, int count, IntFunction<Target> targets) {
    long periodNanos = (long) (1e9 / perSecond);
    long start = Clock.nanos();
    for (int i = 0; i < count; i++) {
      long intended = start + i * periodNanos;
      long wait;
      while ((wait = intended - Clock.nanos()) > 0) {
        LockSupport.parkNanos(wait);
      }
      send(phase, targets.apply(i), intended);
    }
  }

  /** Publishes one event now. */
  void send(Phase phase, Target target, long intended) {
    int index = phase.register(intended, target.subscribers());
    if (index < 0) {
      return;
    }
    long seq = phase.startSeq + index;
    HttpRequest request =
        protocol
            .publishRequest(base, target.channel())
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(protocol.publishBody(seq, intended, payloadBytes)))
            .build();
    inFlight.acquireUninterruptibly();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              inFlight.release();
              if (error != null || response.statusCode() / 100 != 2) {
                phase.failed(index);
                Report.warnOnce(
                    "publish failed: "
                        + (error != null ? error.toString() : "HTTP " + response.statusCode()));
              }
              phase.completed.incrementAndGet();
            });
  }

  /** Waits until every publish of the phase was answered. */
  static void awaitAnswers(Phase phase, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (phase.completed.get() < Math.min(phase.issued.get(), phase.capacity)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
  }

  /**
   * Waits until every expected delivery arrived, or nothing arrived for {@code quietMs}; returns
   * the time the wait ended.
   */
  static void drain(Phase phase, long quietMs, long timeoutMs) throws InterruptedException {
    awaitAnswers(phase, timeoutMs);
    long deadline = System.currentTimeMillis() + timeoutMs;
    long last = phase.receivedTotal();
    long lastChange = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadline) {
      long now = phase.receivedTotal();
      if (now >= phase.expectedTotal()) {
        return;
      }
      if (now != last) {
        last = now;
        lastChange = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - lastChange > quietMs) {
        return;
      }
      Thread.sleep(10);
    }
  }
}
