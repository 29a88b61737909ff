package dev.switchboard.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** RawHttp writes hand-made HTTP/1.1 requests to a socket and reads response heads back. */
public final class RawHttp {

  private RawHttp() {}

  /** Writes the request lines, CRLF-separated, and the blank line that ends the head. */
  public static void send(Socket socket, String... lines) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write((String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Reads up to and including the blank line that ends a response head (or to end of stream). */
  public static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int b;
    while ((b = in.read()) != -1) {
      head.append((char) b);
      if (head.toString().endsWith("\r\n\r\n")) {
        break;
      }
    }
    return head.toString();
  }
}
