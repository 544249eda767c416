/** Checks every protocol plug-in must pass, shared by the plug-ins' test bundles. */
package dev.switchboard.testing.contracts;
