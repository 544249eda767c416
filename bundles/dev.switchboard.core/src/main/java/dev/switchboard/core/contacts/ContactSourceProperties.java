package dev.switchboard.core.contacts;

/**
 * Service properties of a {@link ContactSource}. Caller identification asks sources in the order
 * local book, directory, roster, history, so a source says which kind it is.
 */
public final class ContactSourceProperties {

    /** Service property naming the source's kind: one of the constants below. */
    public static final String KIND = "switchboard.contacts.kind";

    public static final String LOCAL = "local";
    public static final String DIRECTORY = "directory";
    public static final String ROSTER = "roster";
    public static final String HISTORY = "history";

    private ContactSourceProperties() {
    }
}
