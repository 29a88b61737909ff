/** Projects: a named directory on the server, stored in the {@code projects} table. */
package dev.switchboard.server.project;
