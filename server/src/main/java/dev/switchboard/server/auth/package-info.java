/**
 * Authentication (admin and scoped tokens, session cookie), per-channel authorization and who may
 * read the metrics.
 */
package dev.switchboard.server.auth;
