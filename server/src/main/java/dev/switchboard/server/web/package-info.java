/** Serving the web client: the single-page-app fallback and the client's UI settings. */
package dev.switchboard.server.web;
