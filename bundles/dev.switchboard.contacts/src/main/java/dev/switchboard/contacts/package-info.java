/**
 * The address book: the local book, the merged view over every contact source, caller
 * identification and click-to-call/chat.
 */
@Version("1.1.0")
package dev.switchboard.contacts;

import org.osgi.annotation.versioning.Version;
