package dev.switchboard.server.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ShellInput writes a shell's input to its PTY on a thread of its own, so that input is never
 * queued behind output and Ctrl-C reaches the PTY's line discipline while output floods. At most
 * {@value #MAX_UNWRITTEN_BYTES} bytes wait unwritten: past that the program is not reading its
 * terminal, and further input is refused rather than buffered.
 */
final class ShellInput {

  /** The most input bytes that may wait for the PTY. */
  static final long MAX_UNWRITTEN_BYTES = 1 << 20;

  private static final Logger LOG = LoggerFactory.getLogger(ShellInput.class);

  private final String shellId;
  private final OutputStream pty;
  private final ExecutorService writer;
  private final AtomicLong unwrittenBytes = new AtomicLong();

  ShellInput(String shellId, OutputStream pty) {
    this.shellId = shellId;
    this.pty = pty;
    this.writer =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "shell-" + shellId + "-in");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Queues input for the PTY; false when more than 1 MiB of earlier input is still unwritten (the
   * program is not reading its terminal).
   */
  boolean write(String data) {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    if (unwrittenBytes.addAndGet(bytes.length) > MAX_UNWRITTEN_BYTES) {
      unwrittenBytes.addAndGet(-bytes.length);
      return false;
    }
    try {
      writer.execute(
          () -> {
            try {
              pty.write(bytes);
              pty.flush();
            } catch (IOException e) {
              LOG.debug("Shell {}: input not written, the PTY is closed", shellId);
            } finally {
              unwrittenBytes.addAndGet(-bytes.length);
            }
          });
    } catch (RejectedExecutionException e) {
      unwrittenBytes.addAndGet(-bytes.length);
    }
    return true;
  }

  /** Drops input not yet written and stops the writer thread, once the shell has exited. */
  void close() {
    writer.shutdownNow();
  }
}
