/**
 * vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) files to and from the local address book.
 */
@Version("1.0.0")
package dev.switchboard.contacts.vcard;

import org.osgi.annotation.versioning.Version;
