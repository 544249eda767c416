/**
 * Accounts of every protocol, their persisted settings and their registration state machine.
 */
@Version("1.2.0")
package dev.switchboard.core.account;

import org.osgi.annotation.versioning.Version;
