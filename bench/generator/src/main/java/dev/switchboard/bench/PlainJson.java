package dev.switchboard.bench;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * The raw Netty peer's plain JSON protocol: {@code {"subscribe":"room"}} answered by {@code
 * {"subscribed":"room"}}, events {@code {"channel","data"}}, WebSocket ping frames every 30 s.
 */
final class PlainJson implements Protocol {

  private static final byte[] SUBSCRIBED = Bytes.ascii("{\"subscribed\"");

  @Override
  public String path() {
    return "/ws";
  }

  @Override
  public void onOpen(Client client) {
    client.opened();
  }

  @Override
  public void subscribe(Client client, int index) {
    client.send("{\"subscribe\":\"" + client.channels[index] + "\"}");
  }

  @Override
  public void heartbeat(Client client) {
    client.send(new PingWebSocketFrame());
  }

  @Override
  public long heartbeatIntervalMs() {
    return 30_000;
  }

  @Override
  public void onText(Client client, ByteBuf frame) {
    if (Bytes.startsWith(frame, SUBSCRIBED)) {
      client.acked(true);
    } else {
      Protocol.readEvent(client, frame, frame.readerIndex());
    }
  }

  @Override
  public HttpRequest.Builder publishRequest(URI base, String channel) {
    return plainPublish(base, channel);
  }

  @Override
  public String publishBody(long seq, long intendedNanos, int payloadBytes) {
    return plainBody(seq, intendedNanos, payloadBytes);
  }

  static HttpRequest.Builder plainPublish(URI base, String channel) {
    return HttpRequest.newBuilder(base.resolve("/publish/" + channel))
        .header("Content-Type", "application/json");
  }

  static String plainBody(long seq, long intendedNanos, int payloadBytes) {
    return "{\"seq\":" + seq + ",\"chunk\":\"" + Protocol.chunk(intendedNanos, payloadBytes) + "\"}";
  }
}
