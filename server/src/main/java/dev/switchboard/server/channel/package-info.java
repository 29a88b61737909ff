/**
 * Channel streams: the hub (this node's listeners and the one local fan-out), the broker interface
 * and the in-memory broker (offsets, epochs, bounded history), and per-channel authorization.
 */
package dev.switchboard.server.channel;
