package dev.switchboard.server.session.agent;

/**
 * SessionRunLock guarantees one running agent reply per session. The local implementation holds the
 * locks in memory, which is enough for one server; several servers sharing a database need a shared
 * implementation (for example Redis {@code SET key value NX PX ttl}, renewed while the reply runs),
 * provided as a bean that replaces {@link LocalSessionRunLock}.
 */
public interface SessionRunLock {

  /** Takes the session's lock for the reply {@code messageId}; false if another reply holds it. */
  boolean tryAcquire(String sessionId, String messageId);

  /** Releases the lock if {@code messageId} holds it; otherwise does nothing. */
  void release(String sessionId, String messageId);

  /** The reply holding the session's lock, or null. */
  String holder(String sessionId);
}
