package dev.switchboard.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** UiConfigEnabledIT checks that switchboard.ui.dev-tools reaches the client. */
@MicronautTest
@Property(name = "switchboard.token", value = UiConfigEnabledIT.TOKEN)
@Property(name = "switchboard.ui.dev-tools", value = "true")
@Property(name = "switchboard.ui.reply-lines", value = "2500")
class UiConfigEnabledIT {

  static final String TOKEN = "sb_ui-config-enabled-it-token";

  @Inject
  @Client("/")
  HttpClient client;

  @Test
  void devToolsAndReplyLinesAreExposedToTheClient() {
    String body = client.toBlocking().retrieve(HttpRequest.GET("/api/ui-config").bearerAuth(TOKEN));

    assertEquals("{\"devTools\":true,\"replyLines\":2500}", body);
  }

  @Test
  void theDevToolsChunkIsServed() {
    String chunk = client.toBlocking().retrieve(HttpRequest.GET(DevToolsChunk.path()));

    assertTrue(chunk.contains("switchboard-ws-devtools"), "the panel's code");
  }
}
