package dev.switchboard.server.session.agent;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** LocalSessionRunLock keeps the one-reply-per-session locks of this server in memory. */
@Singleton
@Requires(missingBeans = SessionRunLock.class)
final class LocalSessionRunLock implements SessionRunLock {

  private final Map<String, String> holders = new ConcurrentHashMap<>();

  @Override
  public boolean tryAcquire(String sessionId, String messageId) {
    return holders.putIfAbsent(sessionId, messageId) == null;
  }

  @Override
  public void release(String sessionId, String messageId) {
    holders.remove(sessionId, messageId);
  }

  @Override
  public String holder(String sessionId) {
    return holders.get(sessionId);
  }
}
