package dev.switchboard.server.channel.redis;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.InvalidChannelException;
import dev.switchboard.contract.StreamPosition;
import dev.switchboard.server.channel.ChannelStreamsConfiguration;
import dev.switchboard.server.channel.StreamEvent;
import dev.switchboard.server.channel.StreamRead;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * RedisChannelStore is the Redis side of the broker: each recoverable channel has a hash {@code
 * <prefix>:{<channel>}:meta} (its {@code epoch} and last {@code offset}) and a stream {@code
 * <prefix>:{<channel>}:stream} whose entry ids are the offsets ({@code <offset>-0}) and whose
 * fields are the publish time {@code t} and the frame {@code f}. Every change runs as one Lua
 * script, so numbering, recording and announcing an event (or reading a position with its missed
 * events) is atomic whichever node does it.
 *
 * <p>Events are announced as {@code node\nchannel\nepoch\noffset\npublishedAtMs\nframe} (an empty
 * frame announces a new epoch): on a standalone Redis on one pub/sub channel, {@code
 * <prefix>:events}, that every node subscribes to; on a cluster with {@code SPUBLISH} on the
 * channel's own sharded channel {@code <prefix>:{<channel>}:events}, in the slot of its keys, which
 * only the nodes listening to the channel subscribe to.
 *
 * <p>On a cluster the meta hash also records the replication id of the master that wrote it ({@code
 * replid}). A replica promoted by a failover has a new one, and may lack the last writes the old
 * master acknowledged: the first script to touch the channel there sees the ids differ and gives
 * the channel a new epoch, so no client's position from before the failover is taken for a whole
 * one (recovery answers {@code recovered: false}; live listeners are reset).
 *
 * <p>Every method runs a synchronous command bounded by the client's command timeout and throws a
 * {@link RuntimeException} (Lettuce's {@code RedisException}) when Redis cannot answer.
 */
final class RedisChannelStore {

  /** How long a channel's epoch and offset outlive its last use. */
  static final Duration META_TTL = Duration.ofDays(1);

  private static final String ENSURE_EPOCH =
      """
      local epoch = redis.call('HGET', KEYS[1], 'epoch')
      if not epoch then
        epoch = ARGV[1]
        redis.call('HSET', KEYS[1], 'epoch', epoch)
        redis.call('DEL', KEYS[2])
      end
      redis.call('PEXPIRE', KEYS[1], ARGV[2])
      """;

  // ARGV: 1 new epoch, 2 meta ttl, 3 prefix, 4 suffix or '' (no offset in the frame), 5 insert
  // offset 1/0, 6 recoverable 1/0, 7 max events, 8 published at, 9 stream ttl, 10 pub/sub
  // channel, 11 node, 12 channel, 13 max bytes.
  // The meta hash's 'bytes' counts the frames the stream holds (Lua's # is a length in bytes); it
  // restarts at 0 whenever the stream is gone (expired or dropped with an old epoch). Trimming is
  // exact, oldest first, so the count and the byte bounds hold after every publish.
  private static final String PUBLISH =
      ENSURE_EPOCH
          + """
              local offset = 0
              local frame = ARGV[3]
              if ARGV[6] == '1' then
                offset = redis.call('HINCRBY', KEYS[1], 'offset', 1)
                if ARGV[5] == '1' then frame = frame .. offset .. ARGV[4] end
                if redis.call('EXISTS', KEYS[2]) == 0 then redis.call('HSET', KEYS[1], 'bytes', 0) end
                redis.call('XADD', KEYS[2], offset .. '-0', 't', ARGV[8], 'f', frame)
                local bytes = redis.call('HINCRBY', KEYS[1], 'bytes', #frame)
                local count = redis.call('XLEN', KEYS[2])
                local maxEvents = tonumber(ARGV[7])
                local maxBytes = tonumber(ARGV[13])
                while count > 0 and (count > maxEvents or bytes > maxBytes) do
                  local first = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)[1]
                  redis.call('XDEL', KEYS[2], first[1])
                  bytes = redis.call('HINCRBY', KEYS[1], 'bytes', -#first[2][4])
                  count = count - 1
                end
                redis.call('PEXPIRE', KEYS[2], ARGV[9])
              end
              redis.call('PUBLISH', ARGV[10], ARGV[11] .. '\\n' .. ARGV[12] .. '\\n' .. epoch
                .. '\\n' .. offset .. '\\n' .. ARGV[8] .. '\\n' .. frame)
              return {epoch, offset}
              """;

  // ARGV: 1 new epoch, 2 meta ttl, 3 epoch asked for ('' none), 4 offset asked for, 5 max events
  private static final String READ =
      ENSURE_EPOCH
          + """
              local offset = tonumber(redis.call('HGET', KEYS[1], 'offset') or '0')
              if ARGV[3] ~= epoch then return {epoch, offset} end
              local missed = offset - tonumber(ARGV[4])
              if missed <= 0 or missed > tonumber(ARGV[5]) then return {epoch, offset} end
              return {epoch, offset,
                redis.call('XRANGE', KEYS[2], (offset - missed + 1) .. '-0', '+', 'COUNT', missed)}
              """;

  // ARGV: 1 new epoch, 2 meta ttl, 3 pub/sub channel, 4 node, 5 channel, 6 now
  private static final String NEW_EPOCH =
      """
          redis.call('HSET', KEYS[1], 'epoch', ARGV[1])
          redis.call('DEL', KEYS[2])
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          local offset = tonumber(redis.call('HGET', KEYS[1], 'offset') or '0')
          redis.call('PUBLISH', ARGV[3], ARGV[4] .. '\\n' .. ARGV[5] .. '\\n' .. ARGV[1]
            .. '\\n' .. offset .. '\\n' .. ARGV[6] .. '\\n')
          return {ARGV[1], offset}
          """;

  // On a cluster: the master's replication id, stored with the epoch and compared on every use.
  private static final String REPLID =
      "local replid = string.match(redis.call('INFO', 'replication'), 'master_replid:(%w+)')\n";

  /** The scripts for a standalone Redis, or for a cluster (sharded announcements, replid check). */
  private static Script[] scripts(boolean cluster) {
    if (!cluster) {
      return new Script[] {new Script(PUBLISH), new Script(READ), new Script(NEW_EPOCH)};
    }
    String ensure =
        REPLID
            + edit(
                edit(
                    ENSURE_EPOCH,
                    "if not epoch then",
                    "if epoch and redis.call('HGET', KEYS[1], 'replid') ~= replid then\n"
                        + "  epoch = false\nend\nif not epoch then"),
                "redis.call('HSET', KEYS[1], 'epoch', epoch)",
                "redis.call('HSET', KEYS[1], 'epoch', epoch, 'replid', replid)");
    return new Script[] {
      new Script(sharded(edit(PUBLISH, ENSURE_EPOCH, ensure))),
      new Script(edit(READ, ENSURE_EPOCH, ensure)),
      new Script(
          REPLID
              + sharded(
                  edit(
                      NEW_EPOCH,
                      "redis.call('HSET', KEYS[1], 'epoch', ARGV[1])",
                      "redis.call('HSET', KEYS[1], 'epoch', ARGV[1], 'replid', replid)")))
    };
  }

  private static String sharded(String script) {
    return edit(script, "redis.call('PUBLISH',", "redis.call('SPUBLISH',");
  }

  /** Replaces text that must be there: a script edited out of shape fails at once, not quietly. */
  private static String edit(String script, String from, String to) {
    if (!script.contains(from)) {
      throw new IllegalStateException("The script no longer contains: " + from);
    }
    return script.replace(from, to);
  }

  /**
   * One announcement received over pub/sub; {@code event.frameUtf8()} is empty for a new epoch,
   * which {@code event}'s epoch and offset then give.
   */
  record Announcement(String node, StreamEvent event) {

    boolean isNewEpoch() {
      return event.frameUtf8().length == 0;
    }
  }

  private final RedisConnections connections;
  private final RedisClusterCommands<String, String> commands;
  private final String node;
  private final String eventsChannel;
  private final boolean cluster;
  private final Script publishScript;
  private final Script readScript;
  private final Script newEpochScript;
  private final int historyMaxEvents;
  private final long historyMaxAgeMs;
  private final long historyMaxBytes;

  RedisChannelStore(
      RedisConnections connections, String node, ChannelStreamsConfiguration streams) {
    this.connections = connections;
    this.commands = connections.commands();
    this.node = node;
    this.eventsChannel = connections.key("events");
    this.cluster = connections.cluster();
    Script[] scripts = scripts(cluster);
    this.publishScript = scripts[0];
    this.readScript = scripts[1];
    this.newEpochScript = scripts[2];
    this.historyMaxEvents = streams.historyMaxEvents();
    this.historyMaxAgeMs = streams.historyMaxAge().toMillis();
    this.historyMaxBytes = streams.historyMaxBytes();
  }

  /** The pub/sub channel every node listens on (standalone Redis). */
  String eventsChannel() {
    return eventsChannel;
  }

  /**
   * Where the channel's events are announced: its sharded channel on a cluster, the one events
   * channel on a standalone Redis.
   */
  String eventsChannel(ChannelName channel) {
    return cluster ? connections.taggedKey(channel.toString(), "events") : eventsChannel;
  }

  /** The channel's meta hash, whose slot is the channel's on a cluster. */
  String metaKey(ChannelName channel) {
    return connections.taggedKey(channel.toString(), "meta");
  }

  /**
   * Numbers, records and announces one event. The frame is {@code prefix + offset + suffix}, or
   * just {@code prefix} when {@code suffix} is null (a frame that does not show its offset).
   */
  StreamPosition publish(
      ChannelName channel,
      boolean recoverable,
      String prefix,
      @Nullable String suffix,
      long publishedAtMs,
      String newEpoch) {
    List<Object> reply =
        run(
            publishScript,
            keys(channel),
            newEpoch,
            Long.toString(META_TTL.toMillis()),
            prefix,
            suffix == null ? "" : suffix,
            suffix == null ? "0" : "1",
            recoverable ? "1" : "0",
            Integer.toString(historyMaxEvents),
            Long.toString(publishedAtMs),
            Long.toString(historyMaxAgeMs),
            eventsChannel(channel),
            node,
            channel.toString(),
            Long.toString(historyMaxBytes));
    return new StreamPosition((String) reply.get(0), (Long) reply.get(1));
  }

  /**
   * Reads the channel's position (creating its epoch on first use) and, when {@code since} is
   * given, the events after it that history still holds, none older than the age bound at {@code
   * nowMs}.
   */
  StreamRead read(
      ChannelName channel, @Nullable StreamPosition since, long nowMs, String newEpoch) {
    List<Object> reply =
        run(
            readScript,
            keys(channel),
            newEpoch,
            Long.toString(META_TTL.toMillis()),
            since == null ? "" : since.epoch(),
            since == null ? "0" : Long.toString(since.offset()),
            Integer.toString(historyMaxEvents));
    String epoch = (String) reply.get(0);
    long offset = (Long) reply.get(1);
    StreamPosition position = new StreamPosition(epoch, offset);
    if (since == null || !since.epoch().equals(epoch) || since.offset() > offset) {
      return new StreamRead(position, null);
    }
    if (since.offset() == offset) {
      return new StreamRead(position, List.of());
    }
    if (reply.size() < 3) {
      return new StreamRead(position, null);
    }
    List<StreamEvent> missed = events(channel, epoch, reply.get(2));
    boolean whole =
        contiguous(missed, since.offset() + 1, offset)
            && missed.stream().allMatch(e -> nowMs - e.publishedAtMs() <= historyMaxAgeMs);
    return new StreamRead(position, whole ? missed : null);
  }

  /**
   * Gives the channel a new epoch, dropping its history (positions of the old epoch can no longer
   * be trusted), and announces it to every node.
   */
  StreamPosition newEpoch(ChannelName channel, String epoch, long nowMs) {
    List<Object> reply =
        run(
            newEpochScript,
            keys(channel),
            epoch,
            Long.toString(META_TTL.toMillis()),
            eventsChannel(channel),
            node,
            channel.toString(),
            Long.toString(nowMs));
    return new StreamPosition((String) reply.get(0), (Long) reply.get(1));
  }

  /**
   * Parses an announcement (its channel name once, here), or returns null for a message of another
   * format.
   */
  static @Nullable Announcement parse(String message) {
    int[] cuts = new int[5];
    int from = 0;
    for (int i = 0; i < cuts.length; i++) {
      int cut = message.indexOf('\n', from);
      if (cut < 0) {
        return null;
      }
      cuts[i] = cut;
      from = cut + 1;
    }
    try {
      StreamEvent event =
          new StreamEvent(
              ChannelName.parse(message.substring(cuts[0] + 1, cuts[1])),
              message.substring(cuts[1] + 1, cuts[2]),
              Long.parseLong(message, cuts[2] + 1, cuts[3], 10),
              Long.parseLong(message, cuts[3] + 1, cuts[4], 10),
              message.substring(cuts[4] + 1));
      return new Announcement(message.substring(0, cuts[0]), event);
    } catch (NumberFormatException | InvalidChannelException e) {
      return null;
    }
  }

  private String[] keys(ChannelName channel) {
    String tag = channel.toString();
    return new String[] {connections.taggedKey(tag, "meta"), connections.taggedKey(tag, "stream")};
  }

  private static boolean contiguous(List<StreamEvent> events, long first, long last) {
    if (events.size() != last - first + 1) {
      return false;
    }
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).offset() != first + i) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static List<StreamEvent> events(ChannelName channel, String epoch, Object entries) {
    List<Object> list = (List<Object>) entries;
    List<StreamEvent> events = new ArrayList<>(list.size());
    for (Object entry : list) {
      List<Object> parts = (List<Object>) entry;
      String id = (String) parts.get(0);
      List<Object> fields = (List<Object>) parts.get(1);
      long publishedAt = 0;
      String frame = null;
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        String value = (String) fields.get(i + 1);
        switch ((String) fields.get(i)) {
          case "t" -> publishedAt = Long.parseLong(value);
          case "f" -> frame = value;
          default -> {}
        }
      }
      long offset = Long.parseLong(id, 0, id.indexOf('-'), 10);
      events.add(new StreamEvent(channel, epoch, offset, publishedAt, frame));
    }
    return events;
  }

  private List<Object> run(Script script, String[] keys, String... args) {
    try {
      return commands.evalsha(script.sha(commands), ScriptOutputType.MULTI, keys, args);
    } catch (RedisNoScriptException e) {
      // Redis restarted or flushed its script cache: send the script itself once.
      return commands.eval(script.text, ScriptOutputType.MULTI, keys, args);
    }
  }

  /** A Lua script and its SHA-1, computed once. */
  private static final class Script {

    private final String text;
    private volatile String sha;

    Script(String text) {
      this.text = text;
    }

    String sha(RedisClusterCommands<String, String> commands) {
      String digest = sha;
      if (digest == null) {
        digest = commands.digest(text);
        sha = digest;
      }
      return digest;
    }
  }
}
