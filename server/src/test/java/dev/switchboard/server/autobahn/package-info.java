/** The Autobahn WebSocket conformance run against {@code /ws} and the gate that judges it. */
package dev.switchboard.server.autobahn;
