package dev.switchboard.server.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SecretFiles reads and writes owner-only (0600) files in the data directory, atomically. */
final class SecretFiles {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);

  private SecretFiles() {}

  /** The file's content without surrounding whitespace, or empty if it is missing or blank. */
  static Optional<String> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String content = new String(readBytes(file), StandardCharsets.UTF_8).strip();
    return content.isEmpty() ? Optional.empty() : Optional.of(content);
  }

  /** The file's bytes, first restricting it to its owner if others could read it. */
  static byte[] readBytes(Path file) throws IOException {
    tightenPermissions(file);
    return Files.readAllBytes(file);
  }

  /**
   * Returns the file's content, creating it from {@code generator} if it is missing. When two
   * servers start on one data directory at once, both end up with the first one's content.
   */
  static String readOrCreate(Path file, Supplier<String> generator) throws IOException {
    Optional<String> existing = read(file);
    if (existing.isPresent()) {
      return existing.get();
    }
    String content = generator.get();
    Path temp = writeTemp(file, content.getBytes(StandardCharsets.UTF_8));
    try {
      // link() fails if the target exists, unlike rename(), which would replace a file that
      // another process created since we looked.
      Files.createLink(file, temp);
      return content;
    } catch (FileAlreadyExistsException raced) {
      return read(file).orElse(content);
    } catch (UnsupportedOperationException | IOException noHardLinks) {
      move(temp, file);
      return content;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Replaces the file's content atomically: readers see the old or the new file, never half. */
  static void writeAtomically(Path file, byte[] content) throws IOException {
    Path temp = writeTemp(file, content);
    try {
      move(temp, file);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static Path writeTemp(Path file, byte[] content) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    // Created with 0600 from the start, so the secret is never readable by others, even briefly.
    Path temp =
        posix(directory)
            ? Files.createTempFile(directory, "." + file.getFileName(), ".tmp", ownerOnly())
            : Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return temp;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void tightenPermissions(Path file) throws IOException {
    if (!posix(file)) {
      return;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY.containsAll(permissions)) {
      LOG.warn(
          "{} was readable by others ({}): restricting it to its owner (0600)",
          file,
          PosixFilePermissions.toString(permissions));
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
    return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
  }
}
