/** Strict input: JSON bodies and frames checked field by field before they are bound. */
package dev.switchboard.server.input;
