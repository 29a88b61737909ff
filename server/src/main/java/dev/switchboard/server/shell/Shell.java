package dev.switchboard.server.shell;

import com.pty4j.PtyProcess;
import com.pty4j.WinSize;
import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.contract.shell.ShellExitData;
import dev.switchboard.contract.shell.ShellSize;
import io.micrometer.core.instrument.Counter;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shell is one login shell on a PTY and the socket attached to it, if any.
 *
 * <p>A reader thread per shell reads the PTY with blocking reads (pty4j's {@code available()} is
 * always 0), keeps the output in the {@link Scrollback} and forwards it to the attached socket.
 * <b>Flow control:</b> when the socket holds more than {@code high-water-bytes} unsent, the reader
 * stops reading, so the program blocks on its own writes (as on a real terminal that is not read)
 * and memory stays bounded; it resumes at {@code low-water-bytes}. Input goes through {@link
 * ShellInput}, never queued behind output.
 *
 * <p>One socket writes to a shell at a time: attaching another replaces it ({@link
 * CloseCode#SHELL_REPLACED}). When the socket drops, the shell lives on for the grace period; then,
 * or when it is deleted or the server stops, its processes get SIGHUP and, {@code kill-after}
 * later, SIGKILL. pty4j reaps the shell itself; its children are reaped by it or, once reparented,
 * by init, so no zombie stays behind.
 */
public final class Shell {

  private static final Logger LOG = LoggerFactory.getLogger(Shell.class);
  private static final int READ_BUFFER_BYTES = 8192;
  private static final int REPLAY_CHUNK_CHARS = 16384;
  private static final long PAUSE_RECHECK_MS = 1000;

  private final String id;
  private final String projectId;
  private final String tokenId;
  private final String cwd;
  private final Instant createdAt;
  private final PtyProcess process;
  private final ShellConfiguration configuration;
  private final ScheduledExecutorService timers;
  private final Counter pauses;
  private final Scrollback scrollback;
  private final Utf8Chunker decoder = new Utf8Chunker();
  private final ShellInput input;
  private final CompletableFuture<ShellExitData> exit = new CompletableFuture<>();
  private final Object lock = new Object();

  // Guarded by lock.
  private @Nullable ShellAttachment attachment;
  private ShellSize size;
  private volatile boolean paused;
  private boolean ended;
  private boolean terminating;
  private @Nullable ScheduledFuture<?> expiry;

  Shell(
      String id,
      String projectId,
      String tokenId,
      String cwd,
      ShellSize size,
      PtyProcess process,
      ShellConfiguration configuration,
      ScheduledExecutorService timers,
      Counter pauses) {
    this.id = id;
    this.projectId = projectId;
    this.tokenId = tokenId;
    this.cwd = cwd;
    this.size = size;
    this.process = process;
    this.configuration = configuration;
    this.timers = timers;
    this.pauses = pauses;
    this.createdAt = Instant.now();
    this.scrollback = new Scrollback(configuration.scrollbackBytes());
    this.input = new ShellInput(id, process.getOutputStream());
  }

  /** Starts reading the PTY and the grace period of a shell nobody has attached to yet. */
  void start() {
    Thread reader = new Thread(this::pump, "shell-" + id + "-out");
    reader.setDaemon(true);
    reader.start();
    synchronized (lock) {
      scheduleExpiry();
    }
  }

  public String id() {
    return id;
  }

  public String projectId() {
    return projectId;
  }

  /** The id of the token that created the shell. */
  public String tokenId() {
    return tokenId;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** The shell process's pid (also its process group and session id). */
  public long pid() {
    return process.pid();
  }

  public ShellSize size() {
    synchronized (lock) {
      return size;
    }
  }

  /** Whether a socket is attached. */
  public boolean attached() {
    synchronized (lock) {
      return attachment != null;
    }
  }

  /** Unsent bytes of the attached socket (0 when detached). */
  public long unsentBytes() {
    synchronized (lock) {
      return attachment == null ? 0 : attachment.unsentBytes();
    }
  }

  /** The most unsent bytes the attached socket ever held (0 when detached). */
  public long peakUnsentBytes() {
    synchronized (lock) {
      return attachment == null ? 0 : attachment.peakUnsentBytes();
    }
  }

  /** Completes with the exit status once the shell process has ended. */
  public CompletableFuture<ShellExitData> exit() {
    return exit;
  }

  /**
   * Attaches a socket at the given size: answers {@code init}, replays the scrollback, then
   * forwards live output. A socket already attached elsewhere is closed with {@code 4505}. Returns
   * false when the shell has ended.
   */
  boolean attach(ShellAttachment socket, ShellSize requested, @Nullable String ref) {
    ShellAttachment replaced;
    synchronized (lock) {
      if (ended || terminating) {
        return false;
      }
      resizeLocked(requested);
      replaced = attachment == socket ? null : attachment;
      boolean replay = attachment != socket;
      attachment = socket;
      paused = false;
      lock.notifyAll();
      cancelExpiry();
      socket.onWritten(this::written);
      socket.init(id, size, cwd, ref);
      if (replay) {
        replay(socket);
      }
    }
    if (replaced != null) {
      LOG.info("Shell {}: socket {} replaced by socket {}", id, replaced.id(), socket.id());
      replaced.close(CloseCode.SHELL_REPLACED, "another socket attached to this shell");
    }
    return true;
  }

  /** Detaches the socket if it is the attached one, and starts the grace period. */
  void detach(ShellAttachment socket) {
    synchronized (lock) {
      if (attachment != socket) {
        return;
      }
      attachment = null;
      paused = false;
      lock.notifyAll();
      if (!ended) {
        scheduleExpiry();
      }
    }
    LOG.info(
        "Shell {} detached from socket {}; ends in {} s unless reattached",
        id,
        socket.id(),
        configuration.gracePeriod().toSeconds());
  }

  /** Whether this socket is the one attached. */
  boolean isAttached(ShellAttachment socket) {
    synchronized (lock) {
      return attachment == socket;
    }
  }

  /** Applies a new terminal size. */
  void resize(ShellSize requested) {
    synchronized (lock) {
      if (!ended) {
        resizeLocked(requested);
      }
    }
  }

  /**
   * Queues input for the PTY; false when more than 1 MiB of earlier input is still unwritten (the
   * program is not reading its terminal).
   */
  boolean write(String data) {
    return input.write(data);
  }

  /**
   * Ends the shell: SIGHUP to every process of it now, SIGKILL to those left after {@code
   * kill-after}. Returns at once; {@link #exit()} completes when the shell process is gone.
   */
  void terminate(String reason) {
    synchronized (lock) {
      if (terminating) {
        return;
      }
      terminating = true;
      cancelExpiry();
    }
    LOG.info("Shell {} of project {} terminating: {}", id, projectId, reason);
    ProcessTree.hangUpThenKill(process.pid(), configuration.killAfter(), timers, id);
  }

  private void pump() {
    byte[] buffer = new byte[READ_BUFFER_BYTES];
    InputStream in = process.getInputStream();
    try {
      while (awaitCapacity()) {
        int read;
        try {
          read = in.read(buffer);
        } catch (IOException e) {
          break; // EIO once the PTY's last writer is gone.
        }
        if (read < 0) {
          break;
        }
        publish(decoder.decode(buffer, read));
      }
      publish(decoder.flush());
      finish(process.waitFor());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("Shell {}: reading the PTY failed", id, e);
      terminate("reading its output failed");
    }
  }

  /**
   * Waits while the attached socket is over the high-water mark, until it drains to the low one;
   * false once the shell ended. {@code paused} is raised before the unsent count is read, so a
   * write that completes in between either sees it and wakes the reader, or is already counted.
   */
  private boolean awaitCapacity() throws InterruptedException {
    synchronized (lock) {
      ShellAttachment socket = attachment;
      if (socket != null) {
        paused = true;
        if (socket.unsentBytes() > configuration.highWaterBytes()) {
          pauses.increment();
          while (paused
              && !ended
              && attachment == socket
              && socket.unsentBytes() > configuration.lowWaterBytes()) {
            lock.wait(PAUSE_RECHECK_MS);
          }
        }
        paused = false;
      }
      return !ended;
    }
  }

  private void written(ShellAttachment socket) {
    if (!paused) {
      return; // see awaitCapacity: a reader about to pause reads the count after this write
    }
    synchronized (lock) {
      if (paused
          && (attachment != socket || socket.unsentBytes() <= configuration.lowWaterBytes())) {
        paused = false;
        lock.notifyAll();
      }
    }
  }

  private void publish(String text) {
    if (text.isEmpty()) {
      return;
    }
    synchronized (lock) {
      scrollback.append(text.getBytes(StandardCharsets.UTF_8));
      if (attachment != null) {
        attachment.output(text);
      }
    }
  }

  private void finish(int status) {
    ShellAttachment socket;
    ShellExitData data;
    synchronized (lock) {
      data = new ShellExitData(status, terminating ? signalName(status) : null);
      ended = true;
      paused = false;
      lock.notifyAll();
      cancelExpiry();
      socket = attachment;
      attachment = null;
    }
    if (socket != null) {
      socket.exit(data);
      socket.close(CloseCode.NORMAL, "shell exited");
    }
    input.close();
    LOG.info("Shell {} of project {} exited with status {}", id, projectId, status);
    // Background jobs may outlive the shell itself; they go the same way.
    ProcessTree.hangUpThenKill(process.pid(), configuration.killAfter(), timers, id);
    exit.complete(data);
  }

  /**
   * The signal the server sent that ended the shell, from its status (pty4j reports 128 + n); null
   * for any other status, which the shell chose itself.
   */
  private static @Nullable String signalName(int status) {
    return switch (status - 128) {
      case ProcessTree.SIGHUP -> "SIGHUP";
      case ProcessTree.SIGKILL -> "SIGKILL";
      default -> null;
    };
  }

  private void replay(ShellAttachment socket) {
    String text = new String(scrollback.snapshot(), StandardCharsets.UTF_8);
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + REPLAY_CHUNK_CHARS);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      socket.output(text.substring(start, end));
      start = end;
    }
  }

  private void resizeLocked(ShellSize requested) {
    if (!requested.equals(size)) {
      process.setWinSize(new WinSize(requested.cols(), requested.rows()));
      size = requested;
    }
  }

  private void scheduleExpiry() {
    cancelExpiry();
    expiry =
        timers.schedule(
            () ->
                terminate(
                    "no socket attached for " + configuration.gracePeriod().toSeconds() + " s"),
            configuration.gracePeriod().toMillis(),
            TimeUnit.MILLISECONDS);
  }

  private void cancelExpiry() {
    if (expiry != null) {
      expiry.cancel(false);
      expiry = null;
    }
  }
}
