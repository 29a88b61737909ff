package dev.switchboard.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.config.DataDirectory;
import dev.switchboard.server.config.SwitchboardConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthCookieCodecTest {

  private static final byte[] BINDING = "binding".getBytes(StandardCharsets.UTF_8);
  private static final Instant EXPIRY = Instant.parse("2030-01-02T03:04:05Z");

  private final AuthCookieCodec codec = new AuthCookieCodec(Secrets.randomBytes(32));

  @Test
  void decodesWhatItEncodes() {
    String value = codec.encode("0123456789abcdef", EXPIRY, BINDING);

    AuthCookieCodec.Claims claims = codec.decode(value).orElseThrow();

    assertEquals("0123456789abcdef", claims.tokenId());
    assertEquals(EXPIRY, claims.expiresAt());
    assertTrue(codec.verify(claims, BINDING));
  }

  @Test
  void valueIsCookieSafe() {
    String value = codec.encode("admin", EXPIRY, BINDING);

    assertTrue(value.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), value);
  }

  @Test
  void rejectsAnotherBinding() {
    AuthCookieCodec.Claims claims =
        codec.decode(codec.encode("admin", EXPIRY, BINDING)).orElseThrow();

    assertFalse(codec.verify(claims, "other".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void rejectsAnAlteredPayload() {
    String value = codec.encode("0123456789abcdef", EXPIRY, BINDING);
    String mac = value.substring(value.indexOf('.'));
    String forgedPayload =
        Secrets.encode(
            ("admin\n" + EXPIRY.plusSeconds(3600).getEpochSecond())
                .getBytes(StandardCharsets.UTF_8));

    AuthCookieCodec.Claims claims = codec.decode(forgedPayload + mac).orElseThrow();

    assertFalse(codec.verify(claims, BINDING));
  }

  @Test
  void rejectsAValueSignedWithAnotherKey() {
    AuthCookieCodec other = new AuthCookieCodec(Secrets.randomBytes(32));

    AuthCookieCodec.Claims claims =
        codec.decode(other.encode("admin", EXPIRY, BINDING)).orElseThrow();

    assertFalse(codec.verify(claims, BINDING));
  }

  @Test
  void decodesGarbageAsEmpty() {
    for (String value :
        new String[] {
          null,
          "",
          ".",
          "abc",
          "abc.def",
          "!!!.###",
          Secrets.encode("no-newline".getBytes()) + ".AA"
        }) {
      assertEquals(Optional.empty(), codec.decode(value), String.valueOf(value));
    }
  }

  @Test
  void createsItsKeyFileOnceOwnerOnly() throws Exception {
    Path dataDir = AuthTestSupport.createTempDataDir("cookie-codec-test");
    try {
      Path file = dataDir.resolve(AuthCookieCodec.SECRET_FILE_NAME);
      DataDirectory directory = new DataDirectory(SwitchboardConfiguration.of(dataDir));
      String value = new AuthCookieCodec(directory).encode("admin", EXPIRY, BINDING);

      AuthCookieCodec reopened = new AuthCookieCodec(directory);

      assertTrue(reopened.verify(reopened.decode(value).orElseThrow(), BINDING));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    } finally {
      AuthTestSupport.deleteRecursively(dataDir);
    }
  }
}
