/**
 * The agent runner: runs the configured agent command for each {@code send_message} on a session
 * channel, streams its output as coalesced, UTF-8-safe chunks, stores it in batches, and stops it
 * (with its whole process tree) on cancel, timeout or shutdown.
 */
package dev.switchboard.server.session.agent;
