package dev.switchboard.bench;

import io.netty.buffer.ByteBuf;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * Socket.IO v4 over a plain WebSocket, framed by hand: Engine.IO {@code 0{...}} open, Socket.IO
 * {@code 40} connect, {@code 42["event",...]} events, server ping {@code 2} answered by {@code 3}.
 */
final class SocketIo implements Protocol {

  private static final byte[] OPEN = Bytes.ascii("0");
  private static final byte[] CONNECT = Bytes.ascii("40");
  private static final byte[] PING = Bytes.ascii("2");
  private static final byte[] EVENT = Bytes.ascii("42[\"event\"");
  private static final byte[] SUBSCRIBED = Bytes.ascii("42[\"subscribed\"");

  @Override
  public String path() {
    return "/socket.io/?EIO=4&transport=websocket";
  }

  @Override
  public void onOpen(Client client) {
    // Wait for the Engine.IO open packet.
  }

  @Override
  public void subscribe(Client client, int index) {
    client.send("42[\"subscribe\",\"" + client.channels[index] + "\"]");
  }

  @Override
  public void heartbeat(Client client) {}

  @Override
  public long heartbeatIntervalMs() {
    return 0; // the server pings (every 25 s by default) and the client answers
  }

  @Override
  public void onText(Client client, ByteBuf frame) {
    if (Bytes.startsWith(frame, EVENT)) {
      Protocol.readEvent(client, frame, frame.readerIndex());
    } else if (Bytes.startsWith(frame, SUBSCRIBED)) {
      client.acked(true);
    } else if (Bytes.startsWith(frame, CONNECT)) {
      client.opened();
    } else if (Bytes.startsWith(frame, OPEN)) {
      client.send("40");
    } else if (frame.readableBytes() == 1 && Bytes.startsWith(frame, PING)) {
      client.send("3");
    } else {
      Report.warnOnce("socket.io frame: " + frame.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Override
  public HttpRequest.Builder publishRequest(URI base, String channel) {
    return PlainJson.plainPublish(base, channel);
  }

  @Override
  public String publishBody(long seq, long intendedNanos, int payloadBytes) {
    return PlainJson.plainBody(seq, intendedNanos, payloadBytes);
  }
}
