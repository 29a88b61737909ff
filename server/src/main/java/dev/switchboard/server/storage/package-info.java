/** Storage plumbing shared by projects and sessions: the default database and generated ids. */
package dev.switchboard.server.storage;
