package dev.switchboard.media.session;

/**
 * SDP-style direction of a call's media, from our side (RFC 3264 §6.1). Hold is {@link #SENDONLY} or
 * {@link #INACTIVE} on our side.
 */
public enum MediaDirection {
    SENDRECV(true, true),
    SENDONLY(true, false),
    RECVONLY(false, true),
    INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    MediaDirection(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    /** Whether our side sends audio in this direction. */
    public boolean sends() {
        return sends;
    }

    /** Whether our side plays what it receives in this direction. */
    public boolean receives() {
        return receives;
    }

    /** What the far side must answer to this offer (SENDONLY becomes RECVONLY and the other way round). */
    public MediaDirection reverse() {
        return of(receives, sends);
    }

    /** The direction that sends and receives as given. */
    public static MediaDirection of(boolean sends, boolean receives) {
        if (sends) {
            return receives ? SENDRECV : SENDONLY;
        }
        return receives ? RECVONLY : INACTIVE;
    }
}
