/** The {@code global} channel: connection lifecycle, heartbeat and subscriptions. */
package dev.switchboard.contract.global;
