/** A deliberate two-package cycle, the fixture that shows the package-cycle rule can fail. */
package dev.switchboard.server.architecture.cycle;
