package dev.switchboard.core.call;

public enum Direction {
    INCOMING, OUTGOING
}
