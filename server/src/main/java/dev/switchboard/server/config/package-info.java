/** Server configuration: the {@code switchboard.*} properties and the data directory. */
package dev.switchboard.server.config;
