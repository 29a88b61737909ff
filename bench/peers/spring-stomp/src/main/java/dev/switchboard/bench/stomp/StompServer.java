package dev.switchboard.bench.stomp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The benchmark's Spring peer: WebSocket + STOMP on {@code /stomp} with the simple broker. */
@SpringBootApplication
public class StompServer {

  public static void main(String[] args) {
    SpringApplication.run(StompServer.class, args);
  }
}
