/**
 * The channel socket {@code /ws}, at the edge: its transport (upgrade and per-socket handler),
 * connections and their subscriptions, command routing and drain. It depends on the domain and on
 * {@code ws.guard}; nothing outside it depends on it but the application's entry point.
 */
package dev.switchboard.server.ws;
