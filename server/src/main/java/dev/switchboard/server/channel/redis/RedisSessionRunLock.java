package dev.switchboard.server.channel.redis;

import dev.switchboard.contract.Channels;
import dev.switchboard.server.session.agent.SessionRunLock;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RedisSessionRunLock makes "one running reply per session" hold across every node of a deployment
 * ({@code switchboard.broker: redis}): the lock is the key {@code <prefix>:run-lock:<sessionId>}
 * (on a cluster {@code <prefix>:{session:<sessionId>}:run-lock}, in the slot of the session's
 * channel), set with {@code SET NX PX} to the reply's id, renewed by the node holding it every
 * third of its time to live, and released by a compare-and-delete script, so a node can only ever
 * release or renew its own reply's lock.
 *
 * <p>If the holding node dies the lock expires after {@link #DEFAULT_TTL}, and the session takes
 * replies again. If Redis cannot be reached, {@link #tryAcquire} fails with an exception rather
 * than risk two replies at once; a release that cannot reach Redis is left to expiry.
 */
@Singleton
@Replaces(SessionRunLock.class)
@Requires(property = "switchboard.broker", value = "redis")
public final class RedisSessionRunLock implements SessionRunLock, AutoCloseable {

  /** How long a lock outlives its last renewal. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(RedisSessionRunLock.class);

  private static final String RELEASE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end"
          + " return 0";
  private static final String RENEW =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then"
          + " return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";

  private final RedisConnections connections;
  private final RedisClusterCommands<String, String> commands;
  private final @Nullable RedisCancelForwarding cancels;
  private final Duration ttl;
  private final Map<String, String> held = new ConcurrentHashMap<>();
  private final ScheduledExecutorService renewals;

  /**
   * Creates the lock with the default time to live, telling {@code cancels} which sessions' replies
   * run here (on a cluster, cancels reach only the node holding the lock).
   */
  @Inject
  RedisSessionRunLock(RedisConnections connections, RedisCancelForwarding cancels) {
    this(connections, DEFAULT_TTL, cancels);
  }

  /** Creates the lock with the default time to live. */
  public RedisSessionRunLock(RedisConnections connections) {
    this(connections, DEFAULT_TTL, null);
  }

  /** Creates the lock; held locks are renewed every {@code ttl / 3}. */
  public RedisSessionRunLock(RedisConnections connections, Duration ttl) {
    this(connections, ttl, null);
  }

  private RedisSessionRunLock(
      RedisConnections connections, Duration ttl, @Nullable RedisCancelForwarding cancels) {
    this.connections = connections;
    this.cancels = cancels;
    this.commands = connections.commands();
    this.ttl = ttl;
    this.renewals =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "switchboard-run-lock-renewal");
              thread.setDaemon(true);
              return thread;
            });
    long every = Math.max(1, ttl.toMillis() / 3);
    renewals.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean tryAcquire(String sessionId, String messageId) {
    String reply;
    try {
      reply = commands.set(key(sessionId), messageId, SetArgs.Builder.nx().px(ttl.toMillis()));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Cannot take the run lock of session "
              + sessionId
              + ": Redis is unreachable, and without it another node might run a reply too",
          e);
    }
    if (!"OK".equals(reply)) {
      return false;
    }
    held.put(sessionId, messageId);
    if (cancels != null) {
      cancels.holding(sessionId);
    }
    return true;
  }

  @Override
  public void release(String sessionId, String messageId) {
    if (held.remove(sessionId, messageId) && cancels != null) {
      cancels.released(sessionId);
    }
    try {
      commands.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key(sessionId)}, messageId);
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not release the run lock of session {}; it expires within {}: {}",
          sessionId,
          ttl,
          e.toString());
    }
  }

  @Override
  public @Nullable String holder(String sessionId) {
    try {
      return commands.get(key(sessionId));
    } catch (RuntimeException e) {
      return held.get(sessionId);
    }
  }

  /** Stops renewing; locks still held expire on their own. */
  @Override
  @PreDestroy
  public void close() {
    renewals.shutdownNow();
  }

  private void renewAll() {
    for (Map.Entry<String, String> lock : held.entrySet()) {
      try {
        Long renewed =
            commands.eval(
                RENEW,
                ScriptOutputType.INTEGER,
                new String[] {key(lock.getKey())},
                lock.getValue(),
                Long.toString(ttl.toMillis()));
        if (renewed == null || renewed == 0) {
          if (held.remove(lock.getKey(), lock.getValue()) && cancels != null) {
            cancels.released(lock.getKey());
          }
          LOG.error(
              "Run lock of session {} expired while reply {} was running (Redis unreachable for"
                  + " longer than {}); another reply may have started",
              lock.getKey(),
              lock.getValue(),
              ttl);
        }
      } catch (RuntimeException e) {
        LOG.warn("Could not renew the run lock of session {}: {}", lock.getKey(), e.toString());
      }
    }
  }

  private String key(String sessionId) {
    return connections.cluster()
        ? connections.taggedKey(Channels.session(sessionId), "run-lock")
        : connections.key("run-lock:" + sessionId);
  }
}
