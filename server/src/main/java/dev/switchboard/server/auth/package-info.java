/** Authentication (admin and scoped tokens, session cookie) and per-channel authorization. */
package dev.switchboard.server.auth;
