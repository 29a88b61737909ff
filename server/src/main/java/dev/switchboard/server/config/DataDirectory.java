package dev.switchboard.server.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DataDirectory is the server's data directory, created when the application context starts.
 *
 * <p>It is a {@link Context} bean so that an unusable directory stops the server before it binds
 * its port, instead of failing on the first write.
 */
@Context
public class DataDirectory {

  private static final String FIX =
      "set SWITCHBOARD_DATA_DIR (or switchboard.data-dir) to a writable directory";

  private final Path path;

  /** Creates the configured directory and its parents if missing. */
  public DataDirectory(SwitchboardConfiguration configuration) {
    this.path = configuration.dataDir().toAbsolutePath().normalize();
    try {
      Files.createDirectories(path);
    } catch (IOException | SecurityException e) {
      throw new ConfigurationException(
          "Cannot create the data directory " + path + " (" + reason(e) + "): " + FIX, e);
    }
    if (!Files.isWritable(path)) {
      throw new ConfigurationException(
          "The data directory " + path + " is not writable: fix its permissions or " + FIX);
    }
  }

  /** Returns the absolute path of the data directory. */
  public Path path() {
    return path;
  }

  private static String reason(Exception e) {
    if (e instanceof FileAlreadyExistsException exists) {
      return exists.getFile() + " exists and is not a directory";
    }
    if (e instanceof AccessDeniedException denied) {
      return "permission denied on " + denied.getFile();
    }
    return e.toString();
  }
}
