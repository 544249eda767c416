package dev.switchboard.media.session;

import java.util.Objects;

import dev.switchboard.media.codec.AudioCodec;

/**
 * What both ends agreed for a call's audio.
 *
 * @param codec                     the codec both ends use
 * @param payloadType               its RTP payload type (static or the negotiated dynamic one); framed
 *                                  sessions ignore it
 * @param packetMillis              audio per packet in ms (SDP {@code ptime}); a multiple of the codec's
 *                                  frame length
 * @param telephoneEventPayloadType the RFC 4733 payload type, or a negative number when the peer has no
 *                                  RFC 4733 and DTMF goes in-band
 */
public record MediaFormat(AudioCodec codec, int payloadType, int packetMillis, int telephoneEventPayloadType) {

    /** The {@code telephoneEventPayloadType} that means "no RFC 4733". */
    public static final int NO_TELEPHONE_EVENT = -1;

    public MediaFormat {
        Objects.requireNonNull(codec, "codec");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0-127: " + payloadType);
        }
        if (telephoneEventPayloadType > 127) {
            throw new IllegalArgumentException("telephone-event payload type must be 0-127: " + telephoneEventPayloadType);
        }
        int frameMillis = codec.info().frameMillis();
        if (packetMillis <= 0 || packetMillis % frameMillis != 0) {
            throw new IllegalArgumentException(
                    "packet length " + packetMillis + " ms is not a multiple of the codec's " + frameMillis + " ms frame");
        }
    }

    /** Whether DTMF goes as RFC 4733 telephone events (else in-band tones). */
    public boolean hasTelephoneEvents() {
        return telephoneEventPayloadType >= 0;
    }
}
