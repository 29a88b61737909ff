/** The REST API under {@code /api}. */
package dev.switchboard.server.api;
