/** Test support shared by the server's integration tests: a WebSocket client and frames. */
package dev.switchboard.server.testing;
