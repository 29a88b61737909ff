package dev.switchboard.server.channel;

/** Access is an authorizer's verdict on one caller and one channel. */
public enum Access {
  /** The caller may subscribe and send commands. */
  ALLOWED,
  /** The channel exists but the caller may not use it. */
  FORBIDDEN,
  /** The channel's resource does not exist (or is hidden from this caller). */
  NOT_FOUND
}
