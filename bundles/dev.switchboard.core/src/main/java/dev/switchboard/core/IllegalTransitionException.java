package dev.switchboard.core;

/** A state machine was asked to move along an edge it does not have. */
public final class IllegalTransitionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public IllegalTransitionException(String machine, Object from, Object to) {
        super(machine + ": illegal transition " + from + " -> " + to);
    }
}
