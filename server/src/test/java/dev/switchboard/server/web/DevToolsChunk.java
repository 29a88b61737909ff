package dev.switchboard.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds the dev tools' chunk in the web client's build, as the server serves it. */
final class DevToolsChunk {

  private DevToolsChunk() {}

  /** The chunk's URL path, {@code /assets/devtools-<hash>.js}. */
  static String path() {
    URL assets = DevToolsChunk.class.getResource("/public/assets");
    if (assets == null) {
      throw new IllegalStateException("No web client build on the classpath (public/assets)");
    }
    try (Stream<Path> files = Files.list(Path.of(assets.toURI()))) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.startsWith("devtools-") && name.endsWith(".js"))
          .findFirst()
          .map(name -> "/assets/" + name)
          .orElseThrow(() -> new IllegalStateException("No devtools-*.js chunk in " + assets));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
