/** The {@code session:<id>} channel family: messages and the agent's streamed replies. */
package dev.switchboard.contract.session;
