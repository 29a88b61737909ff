package dev.switchboard.server.web;

import io.micronaut.http.MutableHttpResponse;
import java.util.Map;

/**
 * SecurityHeaders are the response headers that tell a browser what a Switchboard page may do: load
 * code and data from this server only, never be framed, never have a type sniffed, never leak its
 * URL to another site (ADR 0010).
 *
 * <p>The policy is what the built web client needs, measured in Chromium: its scripts, styles and
 * chunks come from {@code /assets}; sonner (toasts) and xterm.js (the terminal's theme and cell
 * size) insert {@code <style>} elements at run time, with content xterm computes, so style elements
 * need {@code 'unsafe-inline'}; style attributes are never written (React and xterm set styles
 * through the DOM, which CSP does not govern), so {@code style-src-attr 'none'}; the favicon is a
 * {@code data:} URL; the sockets are on the page's own origin ({@code 'self'} covers {@code ws:}
 * and {@code wss:} there). No inline script and no {@code eval}.
 */
public final class SecurityHeaders {

  /** The Content-Security-Policy of every response. */
  public static final String CONTENT_SECURITY_POLICY =
      String.join(
          "; ",
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self' 'unsafe-inline'",
          "style-src-attr 'none'",
          "img-src 'self' data:",
          "connect-src 'self'",
          "object-src 'none'",
          "base-uri 'none'",
          "form-action 'self'",
          "frame-ancestors 'none'");

  /** Every header, by name; {@code X-Frame-Options} repeats frame-ancestors for old browsers. */
  public static final Map<String, String> ALL =
      Map.of(
          "Content-Security-Policy", CONTENT_SECURITY_POLICY,
          "X-Content-Type-Options", "nosniff",
          "X-Frame-Options", "DENY",
          "Referrer-Policy", "no-referrer");

  private SecurityHeaders() {}

  /** Adds every header the response does not set itself. */
  public static <R extends MutableHttpResponse<?>> R addTo(R response) {
    ALL.forEach(
        (name, value) -> {
          if (!response.getHeaders().contains(name)) {
            response.header(name, value);
          }
        });
    return response;
  }
}
