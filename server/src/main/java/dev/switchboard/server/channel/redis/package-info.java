/**
 * The Redis broker ({@code switchboard.broker: redis}): channel offsets, epochs and history in
 * Redis Streams, live fan-out to every node over Redis pub/sub, so several nodes serve one
 * deployment with the recovery guarantees of one.
 */
package dev.switchboard.server.channel.redis;
