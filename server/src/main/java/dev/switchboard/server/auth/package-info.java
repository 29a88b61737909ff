/**
 * Authentication (admin and scoped tokens, session cookie), token-level permissions ({@link
 * dev.switchboard.server.auth.Caller}) and who may read the metrics. Whether a caller may use a
 * given channel is decided in {@code server.channel} (its channel authorizers).
 */
package dev.switchboard.server.auth;
