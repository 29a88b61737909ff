/**
 * The Switchboard wire contract: channel names, frame metadata and protocol constants shared by the
 * server and, through generated TypeScript, by the web client.
 */
package dev.switchboard.contract;
