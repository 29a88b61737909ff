package dev.switchboard.bench;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * Switchboard's {@code /ws} protocol: admin bearer token on the upgrade, {@code connected} first,
 * {@code subscribe} (with {@code since} when recovering) answered by {@code subscription_success},
 * client pings every 30 s; events are {@code stream_output} on {@code session:<id>} channels,
 * published with {@code POST /api/channels/<channel>/events}.
 */
final class Switchboard implements Protocol {

  private static final byte[] GLOBAL = Bytes.ascii("\"channel\":\"global\"");
  private static final byte[] CONNECTED = Bytes.ascii("\"type\":\"connected\"");
  private static final byte[] SUCCESS = Bytes.ascii("\"type\":\"subscription_success\"");
  private static final byte[] DATA = Bytes.ascii("\"data\":");
  private static final byte[] EPOCH = Bytes.ascii("\"epoch\":\"");
  private static final byte[] RECOVERED = Bytes.ascii("\"recovered\":true");
  private static final byte[] PONG = Bytes.ascii("\"type\":\"pong\"");

  private final String token;

  Switchboard(String token) {
    this.token = token;
  }

  @Override
  public String path() {
    return "/ws";
  }

  @Override
  public void upgradeHeaders(HttpHeaders headers) {
    headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
  }

  @Override
  public void onOpen(Client client) {
    // Wait for `connected`.
  }

  @Override
  public void subscribe(Client client, int index) {
    String channel = client.channels[index];
    String since =
        client.useSince && client.epochs[index] != null
            ? ",\"since\":{\"epoch\":\""
                + client.epochs[index]
                + "\",\"offset\":"
                + client.offsets[index]
                + "}"
            : "";
    client.send(
        "{\"channel\":\"global\",\"type\":\"subscribe\",\"data\":{\"channel\":\""
            + channel
            + "\""
            + since
            + "},\"ref\":\""
            + index
            + "\"}");
  }

  @Override
  public void heartbeat(Client client) {
    client.send(
        "{\"channel\":\"global\",\"type\":\"ping\",\"data\":{\"timestamp\":"
            + System.currentTimeMillis()
            + "}}");
  }

  @Override
  public long heartbeatIntervalMs() {
    return 30_000;
  }

  @Override
  public void onText(Client client, ByteBuf frame) {
    int from = frame.readerIndex();
    if (Bytes.indexOf(frame, GLOBAL, from) < 0) {
      if (Protocol.readEvent(client, frame, from)) {
        int index = client.channels.length == 1 ? 0 : channelOf(client, frame, from);
        long offset = Bytes.longAfter(frame, Bytes.OFFSET, Bytes.indexOf(frame, Bytes.CHUNK, from));
        if (index >= 0 && offset > client.offsets[index]) {
          client.offsets[index] = offset;
        }
      }
      return;
    }
    if (Bytes.indexOf(frame, PONG, from) >= 0) {
      return;
    }
    if (Bytes.indexOf(frame, CONNECTED, from) >= 0) {
      client.opened();
    } else if (Bytes.indexOf(frame, SUCCESS, from) >= 0) {
      int data = Bytes.indexOf(frame, DATA, from);
      int index = channelOf(client, frame, data);
      if (index >= 0) {
        String epoch = Bytes.stringAfter(frame, EPOCH, data);
        long offset = Bytes.longAfter(frame, Bytes.OFFSET, data);
        if (!epoch.equals(client.epochs[index]) || offset > client.offsets[index]) {
          client.epochs[index] = epoch;
          client.offsets[index] = offset;
        }
      }
      client.acked(Bytes.indexOf(frame, RECOVERED, from) >= 0);
    } else {
      Report.warnOnce("switchboard frame: " + frame.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static int channelOf(Client client, ByteBuf frame, int from) {
    return client.channelIndex(Bytes.stringAfter(frame, Bytes.CHANNEL, from));
  }

  @Override
  public HttpRequest.Builder publishRequest(URI base, String channel) {
    return HttpRequest.newBuilder(base.resolve("/api/channels/" + channel + "/events"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json");
  }

  @Override
  public String publishBody(long seq, long intendedNanos, int payloadBytes) {
    return "{\"type\":\"stream_output\",\"data\":{\"messageId\":\"bench\",\"seq\":"
        + seq
        + ",\"chunk\":\""
        + Protocol.chunk(intendedNanos, payloadBytes)
        + "\",\"stream\":\"stdout\"}}";
  }

  @Override
  public boolean recovers() {
    return true;
  }
}
