package dev.switchboard.media.session;

import java.util.Objects;

import dev.switchboard.media.dtmf.DtmfEvent;

/**
 * A call-progress or feedback tone. The frequencies and cadences are documented on {@link Kind}; which
 * national plan is used is the media engine's choice (see the architecture document).
 *
 * @param kind the tone
 * @param key  for {@link Kind#DTMF_FEEDBACK} the key whose Q.23 pair is played, else null
 */
public record Tone(Kind kind, DtmfEvent key) {

    /** The tones the engine plays. */
    public enum Kind {
        /** The far end is ringing (played to the caller). */
        RINGBACK,
        /** The far end is busy. */
        BUSY,
        /** The network cannot complete the call (reorder / fast busy). */
        CONGESTION,
        /** A second call is waiting (a short beep into the current call). */
        CALL_WAITING,
        /** An incoming call rings (on the ringer device, outside a call). */
        RINGING,
        /** The user pressed a key: its DTMF pair, short. */
        DTMF_FEEDBACK
    }

    public static final Tone RINGBACK = new Tone(Kind.RINGBACK, null);
    public static final Tone BUSY = new Tone(Kind.BUSY, null);
    public static final Tone CONGESTION = new Tone(Kind.CONGESTION, null);
    public static final Tone CALL_WAITING = new Tone(Kind.CALL_WAITING, null);
    public static final Tone RINGING = new Tone(Kind.RINGING, null);

    public Tone {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.DTMF_FEEDBACK) != (key != null)) {
            throw new IllegalArgumentException("a key is given for DTMF feedback and only for it");
        }
        if (key != null && !key.hasTone()) {
            throw new IllegalArgumentException("hook flash has no tone");
        }
    }

    /** The feedback tone for a key press. */
    public static Tone dtmfFeedback(DtmfEvent key) {
        return new Tone(Kind.DTMF_FEEDBACK, Objects.requireNonNull(key, "key"));
    }
}
