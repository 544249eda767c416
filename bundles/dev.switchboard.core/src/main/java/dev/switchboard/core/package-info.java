/**
 * Types shared by every part of the core API.
 */
@Version("1.0.0")
package dev.switchboard.core;

import org.osgi.annotation.versioning.Version;
