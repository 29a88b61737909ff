package dev.switchboard.server.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DataDirectory is the server's data directory, created when the application context starts.
 *
 * <p>Everything in it is the server user's alone: the directory is created {@code 0700}, and at
 * start-up (again once the server listens, after the database has created its files) every file and
 * directory in it loses its group and other permissions, each change logged by name. A file the
 * server cannot restrict stops it: its conversations and secrets would be readable.
 *
 * <p>It is a {@link Context} bean so that an unusable directory stops the server before it binds
 * its port, instead of failing on the first write.
 */
@Context
public class DataDirectory {

  /** Permissions of the directories the server creates in it. */
  public static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  /** Permissions of the files the server writes in it. */
  public static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
  private static final Set<PosixFilePermission> GROUP_AND_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);
  private static final String FIX =
      "set SWITCHBOARD_DATA_DIR (or switchboard.data-dir) to a writable directory";

  private final Path path;

  /** Creates the configured directory (owner-only) and its parents if missing. */
  public DataDirectory(SwitchboardConfiguration configuration) {
    this.path = configuration.dataDir().toAbsolutePath().normalize();
    try {
      if (!Files.isDirectory(path) && posix(path.getParent())) {
        Files.createDirectories(path.getParent());
        Files.createDirectory(path, OWNER_ONLY_DIRECTORY);
      } else {
        Files.createDirectories(path);
      }
    } catch (IOException | SecurityException e) {
      throw new ConfigurationException(
          "Cannot create the data directory " + path + " (" + reason(e) + "): " + FIX, e);
    }
    if (!Files.isWritable(path)) {
      throw new ConfigurationException(
          "The data directory " + path + " is not writable: fix its permissions or " + FIX);
    }
    restrictToOwner();
  }

  /** Returns the absolute path of the data directory. */
  public Path path() {
    return path;
  }

  /** Restricts what the database created while the server started. */
  @EventListener
  void onStartup(ServerStartupEvent started) {
    restrictToOwner();
  }

  /**
   * Removes group and other permissions from the directory and everything in it (symbolic links are
   * not followed); returns the paths changed. Throws when one cannot be changed.
   */
  public List<Path> restrictToOwner() {
    List<Path> changed = new ArrayList<>();
    if (!posix(path)) {
      return changed;
    }
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
                throws IOException {
              restrict(dir, changed);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              if (!attributes.isSymbolicLink()) {
                restrict(file, changed);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              // Removed since its directory was listed (a secret's temporary file, renamed into
              // place while the server starts): nothing left to expose.
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }
          });
    } catch (IOException | SecurityException e) {
      throw new ConfigurationException(
          "Cannot restrict the data directory "
              + path
              + " to its owner ("
              + reason(e)
              + "): other users could read its conversations and secrets. Make the server's"
              + " user own it (chown -R) or "
              + FIX,
          e);
    }
    if (!changed.isEmpty()) {
      LOG.warn(
          "Restricted {} paths in the data directory to their owner (were readable by others):"
              + " {}",
          changed.size(),
          changed);
    }
    return changed;
  }

  private static void restrict(Path entry, List<Path> changed) throws IOException {
    try {
      Set<PosixFilePermission> permissions =
          Files.getPosixFilePermissions(entry, LinkOption.NOFOLLOW_LINKS);
      if (permissions.removeAll(GROUP_AND_OTHERS)) {
        Files.setPosixFilePermissions(entry, permissions);
        changed.add(entry);
      }
    } catch (NoSuchFileException gone) {
      // Removed since the walk found it: nothing left to expose.
    }
  }

  private static boolean posix(Path path) {
    return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
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
