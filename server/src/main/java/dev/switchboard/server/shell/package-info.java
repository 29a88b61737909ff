/**
 * Shells: a PTY per shell in a project's directory, attached over its own socket ({@code
 * /ws/shell/<id>}), with flow control, scrollback and a grace period after the socket drops.
 */
package dev.switchboard.server.shell;
