package dev.switchboard.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminTokenBannerTest {

  private final Path dataDir = AuthTestSupport.createTempDataDir("admin-token-banner-test");

  @AfterEach
  void deleteDataDir() {
    AuthTestSupport.deleteRecursively(dataDir);
  }

  @Test
  void showsTheStoredTokenInAReadyToOpenUrl() {
    AdminToken token = new AdminToken("", dataDir);

    String message = AdminTokenBanner.message("http://127.0.0.1:8080/", token);

    assertTrue(
        message.startsWith("Open http://127.0.0.1:8080/?token=" + token.value() + " "), message);
    assertTrue(message.contains(dataDir.resolve("admin-token").toString()), message);
  }

  @Test
  void hidesATokenThatCameFromTheEnvironment() {
    AdminToken token = new AdminToken("configured-token-0123456789", dataDir);

    String message = AdminTokenBanner.message("http://127.0.0.1:8080/", token);

    assertEquals(
        "Open http://127.0.0.1:8080/ and sign in with the token in SWITCHBOARD_TOKEN", message);
    assertFalse(message.contains("configured-token"));
  }

  @Test
  void printsTheSignInUrlOnATerminal() {
    AdminToken token = new AdminToken("", dataDir);

    String banner = new AdminTokenBanner(token, () -> true).banner("http://127.0.0.1:8080/");

    assertTrue(banner.contains("?token=" + token.value()), banner);
  }

  @Test
  void keepsTheTokenOutOfStandardOutputThatIsNotATerminal() {
    AdminToken token = new AdminToken("", dataDir);

    String banner = new AdminTokenBanner(token, () -> false).banner("http://127.0.0.1:8080/");

    assertFalse(banner.contains(token.value()), banner);
    assertFalse(banner.contains("?token="), banner);
    assertTrue(banner.startsWith("Open http://127.0.0.1:8080/ "), banner);
    assertTrue(banner.contains(dataDir.resolve("admin-token").toString()), banner);
  }

  @Test
  void keepsATokenReadFromTheFileOutOfStandardOutputThatIsNotATerminal() {
    String stored = new AdminToken("", dataDir).value();
    AdminToken token = new AdminToken("", dataDir);

    String banner = new AdminTokenBanner(token, () -> false).banner("http://127.0.0.1:8080/");

    assertEquals(AdminToken.Source.FILE, token.source());
    assertFalse(banner.contains(stored), banner);
  }

  @Test
  void aConfiguredTokenIsNeverPrinted() {
    AdminToken token = new AdminToken("configured-token-0123456789", dataDir);

    for (boolean terminal : new boolean[] {true, false}) {
      String banner = new AdminTokenBanner(token, () -> terminal).banner("http://127.0.0.1:8080/");
      assertFalse(banner.contains("configured-token"), banner);
    }
  }

  @Test
  void testsRunWithoutATerminal() {
    // Maven's forked test JVM has no console: what a service under systemd or Docker sees.
    assertFalse(Terminal.isInteractive());
  }

  @Test
  void pointsAWildcardBindAtLoopback() {
    assertEquals("http://127.0.0.1:9000/", AdminTokenBanner.baseUrl("http", "0.0.0.0", 9000));
    assertEquals("https://127.0.0.1:9000/", AdminTokenBanner.baseUrl("https", "::", 9000));
  }

  @Test
  void bracketsAnIpv6Host() {
    assertEquals("http://[::1]:8080/", AdminTokenBanner.baseUrl("http", "::1", 8080));
  }

  @Test
  void keepsAHostName() {
    assertEquals(
        "https://switchboard.example:8443/",
        AdminTokenBanner.baseUrl("https", "switchboard.example", 8443));
  }
}
