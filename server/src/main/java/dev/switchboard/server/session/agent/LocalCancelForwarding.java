package dev.switchboard.server.session.agent;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.function.BiConsumer;

/**
 * LocalCancelForwarding is the single-node case: every reply runs here, so nothing is forwarded.
 */
@Singleton
@Requires(missingBeans = CancelForwarding.class)
final class LocalCancelForwarding implements CancelForwarding {

  @Override
  public boolean forward(String sessionId, String messageId) {
    return false;
  }

  @Override
  public void receiveWith(BiConsumer<String, String> stop) {}
}
