package dev.switchboard.server.auth;

import io.micronaut.core.annotation.Nullable;

/** AuthResult is the caller a credential authenticates as, or why it does not. */
public record AuthResult(@Nullable Caller caller, @Nullable String failure) {

  /** How to authenticate, appended to every 401 message. */
  static final String HOW_TO_AUTHENTICATE =
      "send \"Authorization: Bearer <token>\", or sign in by opening /?token=<token> (the URL"
          + " the server prints at start-up)";

  static AuthResult success(Caller caller) {
    return new AuthResult(caller, null);
  }

  static AuthResult failure(String reason) {
    return new AuthResult(null, reason);
  }

  /** Whether the credentials authenticated a caller. */
  public boolean succeeded() {
    return caller != null;
  }

  /** The message of the 401 for a failure: why, then how to authenticate. */
  public String refusal() {
    String why = failure == null ? "not authenticated" : failure;
    return Character.toUpperCase(why.charAt(0)) + why.substring(1) + "; " + HOW_TO_AUTHENTICATE;
  }
}
