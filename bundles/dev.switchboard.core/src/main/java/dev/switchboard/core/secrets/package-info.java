/**
 * Secrets of anything that is not an account (e.g. a directory's bind password), kept in the
 * core's secure storage, never in settings or logs.
 */
@Version("1.0.0")
package dev.switchboard.core.secrets;

import org.osgi.annotation.versioning.Version;
