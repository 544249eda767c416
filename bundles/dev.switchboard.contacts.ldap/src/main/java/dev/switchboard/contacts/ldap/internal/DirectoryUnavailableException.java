package dev.switchboard.contacts.ldap.internal;

/** The directory cannot answer now: not reachable, TLS refused, bind refused or a broken connection. */
public final class DirectoryUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public DirectoryUnavailableException(String message) {
        super(message);
    }

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
