package dev.switchboard.contacts.vcard;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

import dev.switchboard.contacts.BookEntry;

/** Reads and writes vCard files (2.1, 3.0 and 4.0 read; 3.0 and 4.0 written). */
@ProviderType
public interface VcardCodec {

    enum Version {
        V3_0, V4_0
    }

    /**
     * Something in a file that was not imported.
     *
     * @param line 1-based line of the file where the problem is
     */
    record Problem(int line, String message) {
        public Problem {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }

    /**
     * What a file held: the good entries (without ids, ready for
     * {@link dev.switchboard.contacts.AddressBook#addAll}), and every entry left out with its line.
     */
    record ImportResult(List<BookEntry> entries, List<Problem> problems) {
        public ImportResult {
            entries = List.copyOf(entries);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Reads every vCard of {@code text}. An entry with a malformed line, an unreadable value, no
     * {@code END:VCARD} or neither a name nor an address is left out whole and reported.
     */
    ImportResult read(String text);

    void write(List<BookEntry> entries, Version version, Writer out) throws IOException;
}
