/** Stable error codes for error frames and REST errors, and WebSocket close codes. */
package dev.switchboard.contract.error;
