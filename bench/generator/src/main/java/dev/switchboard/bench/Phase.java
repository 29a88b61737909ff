package dev.switchboard.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Phase is one measured interval: the publishes it issued (sequence numbers from a range of its
 * own, intended send times, expected deliveries) and what the receivers saw. Latency is measured
 * from each publish's intended send time, so a late publisher does not hide delays.
 */
final class Phase {

  private static final AtomicLong SEQUENCES = new AtomicLong(1);
  private static final AtomicInteger IDS = new AtomicInteger();

  final int id = IDS.incrementAndGet();
  final long startSeq;
  final int capacity;
  final long[] intendedNanos;
  final int[] expected;
  final AtomicIntegerArray received;
  final AtomicLongArray lastArrivalNanos;
  final Recorder latencyMicros = new Recorder(3_600_000_000L, 3);
  final AtomicInteger issued = new AtomicInteger();
  final AtomicInteger completed = new AtomicInteger();
  final AtomicInteger publishErrors = new AtomicInteger();
  final LongAdder deliveries = new LongAdder();
  final LongAdder stale = new LongAdder();
  final LongAdder clientsSeen = new LongAdder();
  private Histogram latency;

  Phase(int capacity) {
    this.capacity = capacity;
    this.startSeq = SEQUENCES.getAndAdd(capacity);
    this.intendedNanos = new long[capacity];
    this.expected = new int[capacity];
    this.received = new AtomicIntegerArray(capacity);
    this.lastArrivalNanos = new AtomicLongArray(capacity);
  }

  /** Reserves the next publish; returns its index, or -1 when the phase is full. */
  int register(long intended, int expectedDeliveries) {
    int index = issued.getAndIncrement();
    if (index >= capacity) {
      issued.decrementAndGet();
      return -1;
    }
    intendedNanos[index] = intended;
    expected[index] = expectedDeliveries;
    return index;
  }

  void failed(int index) {
    expected[index] = 0;
    publishErrors.incrementAndGet();
  }

  void record(Client client, long seq, long sentNanos, long nowNanos) {
    long index = seq - startSeq;
    if (index < 0 || index >= capacity) {
      stale.increment();
      return;
    }
    int i = (int) index;
    latencyMicros.recordValue(Math.max(0, (nowNanos - sentNanos) / 1000));
    received.incrementAndGet(i);
    lastArrivalNanos.accumulateAndGet(i, nowNanos, Math::max);
    deliveries.increment();
    if (client.seenPhase != id) {
      client.seenPhase = id;
      clientsSeen.increment();
    }
  }

  long expectedTotal() {
    long total = 0;
    for (int i = 0, n = Math.min(issued.get(), capacity); i < n; i++) {
      total += expected[i];
    }
    return total;
  }

  long receivedTotal() {
    return deliveries.sum();
  }

  /** Deliveries missing, summed per publish (a duplicate never hides a loss). */
  long lost() {
    long lost = 0;
    for (int i = 0, n = Math.min(issued.get(), capacity); i < n; i++) {
      lost += Math.max(0, expected[i] - received.get(i));
    }
    return lost;
  }

  long duplicates() {
    long extra = 0;
    for (int i = 0, n = Math.min(issued.get(), capacity); i < n; i++) {
      extra += Math.max(0, received.get(i) - expected[i]);
    }
    return extra;
  }

  /** The latency histogram in microseconds; call once the phase is over. */
  synchronized Histogram latency() {
    if (latency == null) {
      latency = latencyMicros.getIntervalHistogram();
    }
    return latency;
  }

  /** Time from intended send to the last receiver, per publish that reached anyone, in micros. */
  Histogram timeToLast() {
    Histogram h = new Histogram(3_600_000_000L, 3);
    for (int i = 0, n = Math.min(issued.get(), capacity); i < n; i++) {
      long last = lastArrivalNanos.get(i);
      if (last > 0 && expected[i] > 0) {
        h.recordValue(Math.max(0, (last - intendedNanos[i]) / 1000));
      }
    }
    return h;
  }
}
