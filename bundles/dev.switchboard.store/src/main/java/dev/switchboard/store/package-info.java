/**
 * The shared embedded database of a profile: one store for chat history, call history and the
 * local address book, each owner keeping its own tables and its own migration steps.
 */
@Version("1.0.0")
package dev.switchboard.store;

import org.osgi.annotation.versioning.Version;
