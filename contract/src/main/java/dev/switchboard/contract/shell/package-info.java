/** The shell socket's family: a PTY's input, output, size and exit. */
package dev.switchboard.contract.shell;
