package dev.switchboard.server;

import dev.switchboard.server.ws.ServerDrain;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Application is the entry point of the Switchboard server jar. */
public final class Application {

  private Application() {}

  /**
   * Starts the server; configuration comes from application.yml and the environment.
   *
   * <p>SIGTERM drains the node before it stops ({@link ServerDrain}). Micronaut's own shutdown hook
   * closes the HTTP server first, which would leave nothing to answer readiness or to drain
   * through, so SIGTERM gets a handler of its own (the JDK's supported {@code sun.misc.Signal}, in
   * {@code jdk.unsupported}): drain while everything runs, then exit, which runs the usual hooks.
   */
  public static void main(String[] args) {
    ApplicationContext context = Micronaut.run(Application.class, args);
    Signal.handle(
        new Signal("TERM"),
        signal ->
            new Thread(
                    () -> {
                      try {
                        context.getBean(ServerDrain.class).drain();
                      } catch (RuntimeException e) {
                        LoggerFactory.getLogger(Application.class).error("Drain failed", e);
                      } finally {
                        System.exit(0);
                      }
                    },
                    "drain")
                .start());
  }
}
