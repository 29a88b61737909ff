/** Checks of the server's structure over its compiled classes. */
package dev.switchboard.server.architecture;
