/** The Switchboard server: the Micronaut application and its start-up wiring. */
package dev.switchboard.server;
