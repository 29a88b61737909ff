package dev.switchboard.server;

import io.micronaut.runtime.Micronaut;

/** Application is the entry point of the Switchboard server jar. */
public final class Application {

  private Application() {}

  /** Starts the server; configuration comes from application.yml and the environment. */
  public static void main(String[] args) {
    Micronaut.run(Application.class, args);
  }
}
