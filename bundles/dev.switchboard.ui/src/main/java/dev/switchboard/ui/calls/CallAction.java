package dev.switchboard.ui.calls;

/** What the user can do to one call; each is a button in the call's row. */
public enum CallAction {
    ANSWER("Answer"),
    REJECT("Reject"),
    HANG_UP("Hang up"),
    MUTE("Mute"),
    HOLD("Hold"),
    TRANSFER("Transfer…"),
    ATTENDED_TRANSFER("Consult…"),
    MERGE("Merge"),
    RECORD("Record"),
    KEYPAD("Keypad"),
    SWAP("Swap");

    private final String label;

    CallAction(String label) {
        this.label = label;
    }

    /** The button's text when the action does not depend on the call's state. */
    public String label() {
        return label;
    }
}
