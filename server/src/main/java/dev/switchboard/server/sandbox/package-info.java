/**
 * Child processes: the sandbox every agent run and shell runs in, the environment they get, and the
 * ledger that lets the next start-up stop what a crashed server left running.
 */
package dev.switchboard.server.sandbox;
