/**
 * The wire format every socket and the REST publish path share: the frame codec, inbound frames and
 * their errors, the publisher that encodes events once for the channels, and the narrow interface a
 * command's handler replies through.
 */
package dev.switchboard.server.wire;
