package dev.switchboard.server.ws.guard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.auth.IssuedToken;
import dev.switchboard.server.auth.TokenStore;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sockets per token (issue 4, item 4): past {@code max-connections-per-token} the upgrade is
 * refused with 429 before the 101, a closed socket gives its slot back, and one token's sockets
 * never count against another's.
 */
@MicronautTest
@Property(name = "switchboard.token", value = ConnectionLimitIT.TOKEN)
@Property(name = "switchboard.ws.max-connections-per-token", value = "" + ConnectionLimitIT.MAX)
class ConnectionLimitIT {

  static final String TOKEN = "sb_connection-limit-it-admin-token";
  static final int MAX = 3;

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;
  @Inject TokenConnectionLimit limit;
  @Inject TokenStore tokens;

  TestSocket connected(String token) {
    TestSocket socket = TestSocket.connect(server.getPort(), token, mapper);
    socket.awaitType("connected");
    return socket;
  }

  RawWebSocket upgrade(String token) throws IOException {
    return RawWebSocket.open(server.getPort(), "/ws", Map.of("Authorization", "Bearer " + token));
  }

  void awaitOpen(String tokenId, int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> limit.openCount(tokenId) == count);
  }

  @Test
  void refusesTheUpgradePastTheCapAndGivesTheSlotBackOnClose() throws Exception {
    String admin = Caller.ADMIN_TOKEN_ID;
    String scoped = tokens.create("connection-limit-it", List.of(), false).token();
    List<TestSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < MAX; i++) {
        sockets.add(connected(TOKEN));
      }
      awaitOpen(admin, MAX);

      try (RawWebSocket refused = upgrade(TOKEN)) {
        assertEquals(429, refused.status());
        String body = refused.body();
        assertTrue(body.contains("\"code\":\"rate_limited\""), body);
        assertTrue(body.contains("max-connections-per-token"), body);
      }
      assertEquals(MAX, limit.openCount(admin), "a refused upgrade must not take a slot");

      // Another token is not affected by the admin token being full.
      try (TestSocket other = connected(scoped)) {
        assertEquals(MAX, limit.openCount(admin));
      }

      // Closing one socket frees its slot for the next upgrade.
      sockets.remove(0).close();
      awaitOpen(admin, MAX - 1);
      sockets.add(connected(TOKEN));
      awaitOpen(admin, MAX);
    } finally {
      sockets.forEach(TestSocket::close);
    }
    awaitOpen(admin, 0);
  }

  @Test
  void concurrentUpgradesNeverExceedTheCap() throws Exception {
    IssuedToken issued = tokens.create("connection-limit-race", List.of(), false);
    String scoped = issued.token();
    String tokenId = issued.id();
    int attempts = 4 * MAX;
    ExecutorService pool = Executors.newFixedThreadPool(attempts);
    List<RawWebSocket> sockets = new ArrayList<>();
    try {
      List<CompletableFuture<RawWebSocket>> upgrades = new ArrayList<>();
      for (int i = 0; i < attempts; i++) {
        upgrades.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return upgrade(scoped);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                },
                pool));
      }
      int accepted = 0;
      for (CompletableFuture<RawWebSocket> upgrade : upgrades) {
        RawWebSocket socket = upgrade.get(20, TimeUnit.SECONDS);
        sockets.add(socket);
        if (socket.status() == 429) {
          continue;
        }
        assertEquals(101, socket.status());
        // A socket that lost the race for the last slot after the filter is closed with 4503.
        RawWebSocket.Frame first = socket.read();
        if (first.opcode() == RawWebSocket.OP_CLOSE) {
          assertEquals(CloseCode.TOO_MANY_CONNECTIONS.code(), first.closeCode());
        } else {
          assertTrue(first.text().contains("\"connected\""), first.text());
          accepted++;
        }
      }
      assertEquals(MAX, accepted);
      awaitOpen(tokenId, MAX);
    } finally {
      for (RawWebSocket socket : sockets) {
        socket.close();
      }
      pool.shutdownNow();
    }
    awaitOpen(tokenId, 0);
  }
}
