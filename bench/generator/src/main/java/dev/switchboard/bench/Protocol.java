package dev.switchboard.bench;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * Protocol is one server family's wire: how a client connects, subscribes, keeps alive, reads a
 * benchmark event out of a frame, and how the publisher posts one event over HTTP.
 */
interface Protocol {

  /** The WebSocket path, with query. */
  String path();

  /** Headers for the upgrade request (credentials). */
  default void upgradeHeaders(HttpHeaders headers) {}

  /** Called once the WebSocket handshake completed. */
  void onOpen(Client client);

  /** Sends the subscribe for the client's channel {@code index} (with its recovery position). */
  void subscribe(Client client, int index);

  /** Sends a client heartbeat, if the protocol has client-driven heartbeats. */
  void heartbeat(Client client);

  /** Milliseconds between client heartbeats; 0 for none. */
  long heartbeatIntervalMs();

  /** Handles one received text frame. */
  void onText(Client client, ByteBuf frame);

  /** The HTTP request that publishes {@code body} to {@code channel}. */
  HttpRequest.Builder publishRequest(URI base, String channel);

  /** The publish body for one event, about {@code payloadBytes} long. */
  String publishBody(long seq, long intendedNanos, int payloadBytes);

  /** Whether a resubscribe can recover missed events ({@code since}). */
  default boolean recovers() {
    return false;
  }

  /** Reads seq and intended time of a benchmark event at or after {@code from}; false if none. */
  static boolean readEvent(Client client, ByteBuf frame, int from) {
    int chunk = Bytes.indexOf(frame, Bytes.CHUNK, from);
    if (chunk < 0) {
      return false;
    }
    long seq = Bytes.longAfter(frame, Bytes.SEQ, from);
    long sentNanos = Bytes.readLong(frame, chunk + Bytes.CHUNK.length);
    client.event(seq, sentNanos);
    return true;
  }

  /** A chunk of {@code payloadBytes}: the intended send time, then padding. */
  static String chunk(long intendedNanos, int payloadBytes) {
    StringBuilder out = new StringBuilder(payloadBytes);
    out.append(intendedNanos).append(' ');
    while (out.length() < payloadBytes) {
      out.append('x');
    }
    return out.toString();
  }
}
