package dev.switchboard.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.auth.TokenStore;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Projects over REST: create with a real directory, list, get, delete, and scoped access. */
@MicronautTest(transactional = false)
@Property(name = "switchboard.token", value = ProjectControllerIT.ADMIN_TOKEN)
class ProjectControllerIT {

  static final String ADMIN_TOKEN = "sb_project-controller-it-admin";

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;
  @Inject TokenStore tokens;

  @TempDir Path temp;
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(server.getPort(), mapper);
  }

  JsonNode create(String name, Path path) {
    HttpResponse<String> response =
        api.send(
            "POST",
            "/api/projects",
            "{\"name\":" + api.quote(name) + ",\"path\":" + api.quote(path.toString()) + "}",
            ADMIN_TOKEN);
    assertEquals(201, response.statusCode(), response.body());
    return api.json(response);
  }

  static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.values().forEach(node -> ids.add(node.get("id").getStringValue()));
    return ids;
  }

  void assertBadRequest(String body, String messagePart) {
    HttpResponse<String> response = api.send("POST", "/api/projects", body, ADMIN_TOKEN);
    assertEquals(400, response.statusCode(), response.body());
    JsonNode error = api.json(response);
    assertEquals("bad_request", error.get("code").getStringValue());
    String message = error.get("message").getStringValue();
    assertTrue(message.contains(messagePart), message);
  }

  @Test
  void createsAProjectForAnExistingDirectory() throws IOException {
    Path directory = Files.createDirectory(temp.resolve("web"));
    JsonNode project = create("  Web app  ", directory);

    String id = project.get("id").getStringValue();
    assertTrue(id.matches("[A-Za-z0-9_-]{1,64}"), id);
    assertEquals("Web app", project.get("name").getStringValue());
    assertEquals(directory.toRealPath().toString(), project.get("path").getStringValue());
    assertTrue(project.get("createdAt").getStringValue().endsWith("Z"));

    HttpResponse<String> got = api.send("GET", "/api/projects/" + id, null, ADMIN_TOKEN);
    assertEquals(200, got.statusCode());
    assertEquals(project, api.json(got));
    assertTrue(ids(api.json(api.send("GET", "/api/projects", null, ADMIN_TOKEN))).contains(id));
  }

  @Test
  void refusesPathsThatAreNotExistingDirectoriesAndSaysWhy() throws IOException {
    Path file = Files.writeString(temp.resolve("file.txt"), "x");
    assertBadRequest(
        "{\"name\":\"x\",\"path\":" + api.quote(temp.resolve("nope").toString()) + "}",
        "does not exist");
    assertBadRequest("{\"name\":\"x\",\"path\":" + api.quote(file.toString()) + "}", "is a file");
    assertBadRequest("{\"name\":\"x\",\"path\":\"relative/dir\"}", "absolute path");
    assertBadRequest("{\"name\":\"x\"}", "path is required");
  }

  @Test
  void refusesBadNamesAndBodies() {
    String path = api.quote(temp.toString());
    assertBadRequest("{\"path\":" + path + "}", "name is required");
    assertBadRequest("{\"name\":\"   \",\"path\":" + path + "}", "name is required");
    assertBadRequest(
        "{\"name\":\"" + "n".repeat(101) + "\",\"path\":" + path + "}", "use at most 100");
    assertBadRequest("{oops", "Send JSON like");
    assertBadRequest("[1,2]", "Send JSON like");
  }

  @Test
  void deletesAProject() {
    String id = create("doomed", temp).get("id").getStringValue();
    assertEquals(204, api.send("DELETE", "/api/projects/" + id, null, ADMIN_TOKEN).statusCode());

    HttpResponse<String> gone = api.send("GET", "/api/projects/" + id, null, ADMIN_TOKEN);
    assertEquals(404, gone.statusCode());
    assertEquals("not_found", api.json(gone).get("code").getStringValue());
    assertEquals(404, api.send("DELETE", "/api/projects/" + id, null, ADMIN_TOKEN).statusCode());
  }

  @Test
  void scopedTokensSeeOnlyTheirProjectsAndCannotCreateAny() {
    String mine = create("mine", temp).get("id").getStringValue();
    String other = create("other", temp).get("id").getStringValue();
    String token = tokens.create("scoped", Set.of(mine), false).token();

    assertEquals(List.of(mine), ids(api.json(api.send("GET", "/api/projects", null, token))));
    assertEquals(200, api.send("GET", "/api/projects/" + mine, null, token).statusCode());

    HttpResponse<String> denied = api.send("GET", "/api/projects/" + other, null, token);
    assertEquals(403, denied.statusCode());
    assertEquals("forbidden", api.json(denied).get("code").getStringValue());
    assertEquals(403, api.send("DELETE", "/api/projects/" + other, null, token).statusCode());
    // Projects the token does not cover are refused alike, whether or not they exist.
    assertEquals(403, api.send("GET", "/api/projects/no-such-project", null, token).statusCode());

    HttpResponse<String> create =
        api.send(
            "POST",
            "/api/projects",
            "{\"name\":\"x\",\"path\":" + api.quote(temp.toString()) + "}",
            token);
    assertEquals(403, create.statusCode());
    assertTrue(api.json(create).get("message").getStringValue().contains("admin token"));
  }

  @Test
  void needsAToken() {
    assertEquals(401, api.send("GET", "/api/projects", null, null).statusCode());
  }
}
