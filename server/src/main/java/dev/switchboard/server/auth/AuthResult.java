package dev.switchboard.server.auth;

import io.micronaut.core.annotation.Nullable;

/** AuthResult is the caller a credential authenticates as, or why it does not. */
record AuthResult(@Nullable Caller caller, @Nullable String failure) {

  static AuthResult success(Caller caller) {
    return new AuthResult(caller, null);
  }

  static AuthResult failure(String reason) {
    return new AuthResult(null, reason);
  }

  boolean succeeded() {
    return caller != null;
  }
}
