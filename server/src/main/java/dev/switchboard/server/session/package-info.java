/** Agent sessions and their messages: the {@code sessions} and {@code messages} tables. */
package dev.switchboard.server.session;
