/** Channel streams: the broker, per-channel history and offsets, and local fan-out. */
package dev.switchboard.server.channel;
