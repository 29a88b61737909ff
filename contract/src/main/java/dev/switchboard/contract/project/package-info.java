/** The {@code project:<id>} channel family: live changes to a project's sessions. */
package dev.switchboard.contract.project;
