package dev.switchboard.server.session.agent;

import dev.switchboard.contract.session.OutputStreamName;
import dev.switchboard.server.sandbox.Launch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AgentProcess is one reply's agent command as an operating-system process: started through the
 * sandbox in the project directory and recorded in the process ledger, with one daemon thread per
 * output stream that decodes its bytes as UTF-8 and hands them to the run, and one that writes the
 * message to its standard input when the agent reads it there ({@code switchboard.agent.stdin}).
 *
 * <p>Supervising it (timeouts, cancel, the stop sequence) is {@link AgentRun}'s; this class only
 * starts it and reads it.
 */
final class AgentProcess {

  private static final Logger LOG = LoggerFactory.getLogger(AgentProcess.class);
  private static final int READ_BYTES = 8_192;

  private final Process process;
  private final int wrapperDepth;
  private final String agentId;
  private final CountDownLatch readersDone = new CountDownLatch(2);

  private AgentProcess(Process process, int wrapperDepth, String agentId) {
    this.process = process;
    this.wrapperDepth = wrapperDepth;
    this.agentId = agentId;
  }

  /**
   * Starts the agent command for {@code text} in {@code directory}; each decoded piece of its
   * output goes to {@code output}, from that stream's reader thread.
   */
  static AgentProcess start(
      RunContext context,
      String sessionId,
      String agentId,
      String text,
      Path directory,
      BiConsumer<OutputStreamName, String> output)
      throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new IOException("the project directory no longer exists");
    }
    AgentConfiguration configuration = context.configuration();
    Launch launch =
        context.sandbox().agent(configuration.argv(text), directory, configuration.environment());
    ProcessBuilder builder = new ProcessBuilder(launch.command()).directory(directory.toFile());
    builder.environment().clear();
    builder.environment().putAll(launch.environment());
    AgentProcess agent = new AgentProcess(builder.start(), launch.wrapperDepth(), agentId);
    Process process = agent.process;
    context.ledger().record(process.pid(), "reply", agentId);
    LOG.info(
        "Reply {} in session {}: started pid {}{}",
        agentId,
        sessionId,
        process.pid(),
        agent.wrapperDepth > 0 ? " (sandboxed)" : "");
    agent.startThread(
        "stdout", () -> agent.read(process.getInputStream(), OutputStreamName.STDOUT, output));
    agent.startThread(
        "stderr", () -> agent.read(process.getErrorStream(), OutputStreamName.STDERR, output));
    if (configuration.stdin()) {
      agent.startThread("stdin", () -> agent.writeStdin(process.getOutputStream(), text));
    } else {
      process.getOutputStream().close();
    }
    return agent;
  }

  /** The process. */
  Process process() {
    return process;
  }

  /** The command's process tree now, below the sandbox's wrappers. */
  ProcessTree tree() {
    return ProcessTree.of(process.toHandle(), wrapperDepth);
  }

  /** Stops the process tree after a failure of the run itself, so that nothing is left behind. */
  void stopAfterFailure(Duration killGrace) {
    if (process.isAlive()) {
      tree().stop(killGrace);
    }
  }

  /** Removes the process from the ledger once the run is over. */
  void forget(RunContext context) {
    context.ledger().forget(process.pid());
  }

  /** Whether both output streams have been read to their end. */
  boolean outputDrained() {
    return readersDone.getCount() == 0;
  }

  /** Waits up to {@code millis} for both output streams to end. */
  void awaitOutput(long millis) throws InterruptedException {
    readersDone.await(millis, TimeUnit.MILLISECONDS);
  }

  private void startThread(String role, Runnable work) {
    Thread thread = new Thread(work, "agent-" + agentId + "-" + role);
    thread.setDaemon(true);
    thread.start();
  }

  private void writeStdin(OutputStream stdin, String text) {
    try (stdin) {
      stdin.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      LOG.info("Reply {}: the agent closed its standard input early: {}", agentId, e.toString());
    }
  }

  private void read(
      InputStream stream, OutputStreamName name, BiConsumer<OutputStreamName, String> output) {
    Utf8Decoder decoder = new Utf8Decoder();
    byte[] buffer = new byte[READ_BYTES];
    try (stream) {
      int read;
      while ((read = stream.read(buffer)) >= 0) {
        String decoded = decoder.decode(buffer, 0, read);
        if (!decoded.isEmpty()) {
          output.accept(name, decoded);
        }
      }
    } catch (IOException e) {
      LOG.debug("Reply {}: {} closed: {}", agentId, name, e.toString());
    } finally {
      String rest = decoder.finish();
      if (!rest.isEmpty()) {
        output.accept(name, rest);
      }
      readersDone.countDown();
    }
  }
}
