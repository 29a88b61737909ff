package dev.switchboard.server.ws.guard;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * RawWebSocket is a test client that writes the HTTP upgrade and every frame byte by byte, so a
 * test can send what real clients refuse to: fragments, binary, bad UTF-8, reserved bits, unmasked
 * frames.
 */
public final class RawWebSocket implements AutoCloseable {

  static final int OP_CONTINUATION = 0x0;
  public static final int OP_TEXT = 0x1;
  static final int OP_BINARY = 0x2;
  public static final int OP_CLOSE = 0x8;
  static final int OP_PING = 0x9;
  static final int RSV1 = 0x40;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final int status;
  private final Map<String, String> headers;

  /** One frame as read from the server (servers never mask). */
  public record Frame(boolean fin, int rsv, int opcode, byte[] payload) {

    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The status code of a Close frame, or -1 when it has none. */
    public int closeCode() {
      return payload.length < 2 ? -1 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }
  }

  private RawWebSocket(
      int port, String path, Map<String, String> extraHeaders, int receiveBufferBytes)
      throws IOException {
    socket = new Socket();
    if (receiveBufferBytes > 0) {
      // Set before connect so that the TCP window offered to the server starts small.
      socket.setReceiveBufferSize(receiveBufferBytes);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    Map<String, String> request = new LinkedHashMap<>();
    request.put("Host", "127.0.0.1:" + port);
    request.put("Upgrade", "websocket");
    request.put("Connection", "Upgrade");
    byte[] key = new byte[16];
    RANDOM.nextBytes(key);
    request.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(key));
    request.put("Sec-WebSocket-Version", "13");
    request.putAll(extraHeaders);
    StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
    request.forEach(
        (name, value) -> {
          if (value != null) {
            head.append(name).append(": ").append(value).append("\r\n");
          }
        });
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    String[] lines = readHead().split("\r\n");
    status = Integer.parseInt(lines[0].split(" ")[1]);
    headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
  }

  /**
   * Sends the upgrade request for {@code path} with the given headers added to (or, when a value is
   * null, removed from) the defaults, and reads the response head.
   */
  public static RawWebSocket open(int port, String path, Map<String, String> headers)
      throws IOException {
    return new RawWebSocket(port, path, headers, 0);
  }

  /** Like {@link #open(int, String, Map)}, with a small socket receive buffer. */
  public static RawWebSocket open(
      int port, String path, Map<String, String> headers, int receiveBufferBytes)
      throws IOException {
    return new RawWebSocket(port, path, headers, receiveBufferBytes);
  }

  public int status() {
    return status;
  }

  /** A response header by lower-case name, or null. */
  String header(String name) {
    return headers.get(name);
  }

  /** The body of a refused upgrade (up to its {@code Content-Length}). */
  String body() throws IOException {
    String length = headers.get("content-length");
    byte[] body = new byte[length == null ? 0 : Integer.parseInt(length)];
    in.readFully(body);
    return new String(body, StandardCharsets.UTF_8);
  }

  void send(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
    write(fin, rsv, opcode, payload, true);
  }

  public void sendText(String text) throws IOException {
    send(true, 0, OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes one frame; {@code masked = false} breaks RFC 6455 on purpose. */
  void write(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write((fin ? 0x80 : 0) | rsv | opcode);
    int maskBit = masked ? 0x80 : 0;
    if (payload.length < 126) {
      frame.write(maskBit | payload.length);
    } else if (payload.length <= 0xffff) {
      frame.write(maskBit | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length);
    } else {
      frame.write(maskBit | 127);
      long length = payload.length;
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) (length >>> shift));
      }
    }
    byte[] body = payload.clone();
    if (masked) {
      byte[] mask = new byte[4];
      RANDOM.nextBytes(mask);
      frame.write(mask);
      for (int i = 0; i < body.length; i++) {
        body[i] ^= mask[i & 3];
      }
    }
    frame.write(body);
    out.write(frame.toByteArray());
    out.flush();
  }

  public Frame read() throws IOException {
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long length = second & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[Math.toIntExact(length)];
    in.readFully(payload);
    return new Frame((first & 0x80) != 0, first & 0x70, first & 0x0f, payload);
  }

  /** Reads until the server's Close frame and returns its code. */
  int awaitCloseCode() throws IOException {
    while (true) {
      Frame frame = read();
      if (frame.opcode() == OP_CLOSE) {
        return frame.closeCode();
      }
    }
  }

  /** Reads until a text frame contains {@code fragment}. */
  Frame awaitTextContaining(String fragment) throws IOException {
    while (true) {
      Frame frame = read();
      if (frame.opcode() == OP_CLOSE) {
        throw new AssertionError("closed with " + frame.closeCode() + " waiting for " + fragment);
      }
      if (frame.opcode() == OP_TEXT && frame.text().contains(fragment)) {
        return frame;
      }
    }
  }

  /** Whether the server dropped TCP: the next read sees end of stream (or a reset). */
  public boolean serverClosedTcp() {
    try {
      return in.read() < 0;
    } catch (EOFException e) {
      return true;
    } catch (IOException e) {
      return !(e instanceof java.net.SocketTimeoutException);
    }
  }

  OutputStream output() {
    return out;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private String readHead() throws IOException {
    InputStream stream = in;
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = stream.read();
      if (b < 0) {
        throw new EOFException("connection closed before the response head ended: " + head);
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1).trim();
  }
}
