package dev.switchboard.server.auth;

/**
 * TokenRevokedEvent is published after a scoped token is revoked, so holders of live connections
 * made with it (which were authenticated at upgrade time) can be closed at once.
 */
public record TokenRevokedEvent(String tokenId) {}
