package dev.switchboard.core.account;

import java.util.Objects;

/**
 * Where an account stands with its server. {@link Kind#FAILED} and {@link Kind#CONNECTION_LOST}
 * always carry a reason a person can read; the other kinds carry none.
 */
public record RegistrationState(Kind kind, String reason) {

    public enum Kind {
        UNREGISTERED, REGISTERING, REGISTERED, FAILED, CONNECTION_LOST
    }

    public static final RegistrationState UNREGISTERED = new RegistrationState(Kind.UNREGISTERED, "");
    public static final RegistrationState REGISTERING = new RegistrationState(Kind.REGISTERING, "");
    public static final RegistrationState REGISTERED = new RegistrationState(Kind.REGISTERED, "");

    public RegistrationState {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        boolean needsReason = kind == Kind.FAILED || kind == Kind.CONNECTION_LOST;
        if (needsReason == reason.isBlank()) {
            throw new IllegalArgumentException(needsReason
                    ? kind + " needs a reason"
                    : kind + " takes no reason");
        }
    }

    public static RegistrationState failed(String reason) {
        return new RegistrationState(Kind.FAILED, reason);
    }

    public static RegistrationState connectionLost(String reason) {
        return new RegistrationState(Kind.CONNECTION_LOST, reason);
    }

    @Override
    public String toString() {
        return reason.isEmpty() ? kind.name() : kind + "(" + reason + ")";
    }
}
