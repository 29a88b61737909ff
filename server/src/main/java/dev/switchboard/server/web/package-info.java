/**
 * Serving the web client and what browsers may do with it: the single-page-app fallback, the
 * client's UI settings, and the refusal of requests forged by other sites.
 */
package dev.switchboard.server.web;
