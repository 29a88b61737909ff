package dev.switchboard.server.session.agent;

import jakarta.inject.Singleton;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * SessionMutex serializes, per session, "store a change and publish its event" against "read the
 * stream position and the stored messages", so a snapshot taken under it matches its position
 * exactly: every event up to the position is in the snapshot (output not yet flushed included),
 * none after it. Sessions share a fixed set of locks by hash, so memory does not grow with them.
 *
 * <p>Hold it only for short work (a small transaction, a publish); never wait on a database
 * connection before taking it while holding one, and never take it inside a transaction.
 */
@Singleton
final class SessionMutex {

  private static final int STRIPES = 64;

  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  SessionMutex() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** Runs {@code work} holding the session's lock and returns its result. */
  <T> T call(String sessionId, Supplier<T> work) {
    ReentrantLock lock = locks[Math.floorMod(sessionId.hashCode(), STRIPES)];
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code work} holding the session's lock. */
  void run(String sessionId, Runnable work) {
    call(
        sessionId,
        () -> {
          work.run();
          return null;
        });
  }
}
