package dev.switchboard.bench;

import io.netty.buffer.ByteBuf;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * STOMP 1.2 over a plain WebSocket (Spring's simple broker): {@code CONNECT} with 25 s heartbeats,
 * {@code SUBSCRIBE} to {@code /topic/<channel>}, events in {@code MESSAGE} bodies.
 */
final class Stomp implements Protocol {

  private static final byte[] CONNECTED = Bytes.ascii("CONNECTED");
  private static final byte[] MESSAGE = Bytes.ascii("MESSAGE");

  @Override
  public String path() {
    return "/stomp";
  }

  @Override
  public void onOpen(Client client) {
    client.send("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nheart-beat:25000,25000\n\n\0");
  }

  @Override
  public void subscribe(Client client, int index) {
    client.send(
        "SUBSCRIBE\nid:sub-"
            + index
            + "\ndestination:/topic/"
            + client.channels[index]
            + "\n\n\0");
    // The simple broker sends no RECEIPT; the warm-up before every measurement proves each
    // subscription by delivering to it.
    client.ackedOnSend();
  }

  @Override
  public void heartbeat(Client client) {
    client.send("\n");
  }

  @Override
  public long heartbeatIntervalMs() {
    return 25_000;
  }

  @Override
  public void onText(Client client, ByteBuf frame) {
    if (Bytes.startsWith(frame, MESSAGE)) {
      Protocol.readEvent(client, frame, frame.readerIndex());
    } else if (Bytes.startsWith(frame, CONNECTED)) {
      client.opened();
    } else if (frame.readableBytes() > 1) {
      Report.warnOnce("stomp frame: " + frame.toString(java.nio.charset.StandardCharsets.UTF_8));
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
