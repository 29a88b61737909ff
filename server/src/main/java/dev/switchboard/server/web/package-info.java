/**
 * Serving the web client and what browsers may do with it: the single-page-app fallback, the
 * client's UI settings, the refusal of requests forged by other sites, and the security headers.
 */
package dev.switchboard.server.web;
