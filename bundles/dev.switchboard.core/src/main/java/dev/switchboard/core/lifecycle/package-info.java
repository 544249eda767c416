/**
 * How the core ends the running front end when the process is told to stop from outside (a signal), so that it
 * stops as cleanly as a Quit.
 */
@Version("1.0.0")
package dev.switchboard.core.lifecycle;

import org.osgi.annotation.versioning.Version;
