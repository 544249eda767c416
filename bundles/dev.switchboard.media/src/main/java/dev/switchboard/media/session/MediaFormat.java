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
 * @param comfortNoisePayloadType   the RFC 3389 comfort-noise payload type at the codec's clock rate (13 for
 *                                  8000), or a negative number when not negotiated; with it the session sends
 *                                  noise-level packets instead of audio while the microphone hears only
 *                                  background, and plays noise at the level the peer's packets give
 * @param peerFmtp                  the peer's format parameters for the payload type (SDP {@code a=fmtp}),
 *                                  {@code ""} when it gave none; the encoder follows them where the codec
 *                                  has something to follow (Opus: {@code usedtx=1} turns DTX on; iLBC:
 *                                  {@code mode=20} makes 20 ms frames when the packet holds whole ones)
 * @param receivePayloadType        the payload type the peer sends the codec with; usually
 *                                  {@code payloadType}, but H.245 lets each direction's logical channel
 *                                  name its own dynamic type (since 1.2)
 */
public record MediaFormat(AudioCodec codec, int payloadType, int packetMillis, int telephoneEventPayloadType,
        int comfortNoisePayloadType, String peerFmtp, int receivePayloadType) {

    /** The {@code telephoneEventPayloadType} that means "no RFC 4733". */
    public static final int NO_TELEPHONE_EVENT = -1;
    /** The {@code comfortNoisePayloadType} that means "no RFC 3389". */
    public static final int NO_COMFORT_NOISE = -1;

    /** A format without RFC 3389 comfort noise. */
    public MediaFormat(AudioCodec codec, int payloadType, int packetMillis, int telephoneEventPayloadType) {
        this(codec, payloadType, packetMillis, telephoneEventPayloadType, NO_COMFORT_NOISE);
    }

    /** A format whose peer gave no format parameters. */
    public MediaFormat(AudioCodec codec, int payloadType, int packetMillis, int telephoneEventPayloadType,
            int comfortNoisePayloadType) {
        this(codec, payloadType, packetMillis, telephoneEventPayloadType, comfortNoisePayloadType, "");
    }

    /** A format whose codec travels with the same payload type both ways. */
    public MediaFormat(AudioCodec codec, int payloadType, int packetMillis, int telephoneEventPayloadType,
            int comfortNoisePayloadType, String peerFmtp) {
        this(codec, payloadType, packetMillis, telephoneEventPayloadType, comfortNoisePayloadType, peerFmtp, payloadType);
    }

    public MediaFormat {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(peerFmtp, "peerFmtp");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0-127: " + payloadType);
        }
        if (receivePayloadType < 0 || receivePayloadType > 127) {
            throw new IllegalArgumentException("receive payload type must be 0-127: " + receivePayloadType);
        }
        if (telephoneEventPayloadType > 127) {
            throw new IllegalArgumentException("telephone-event payload type must be 0-127: " + telephoneEventPayloadType);
        }
        if (comfortNoisePayloadType > 127) {
            throw new IllegalArgumentException("comfort-noise payload type must be 0-127: " + comfortNoisePayloadType);
        }
        int frameMillis = frameMillis(codec, packetMillis, peerFmtp);
        if (packetMillis <= 0 || packetMillis % frameMillis != 0) {
            throw new IllegalArgumentException(
                    "packet length " + packetMillis + " ms is not a multiple of the codec's " + frameMillis + " ms frame");
        }
    }

    /** This format with the peer sending the codec with {@code payloadType} (0-127). */
    public MediaFormat withReceivePayloadType(int payloadType) {
        return new MediaFormat(codec, this.payloadType, packetMillis, telephoneEventPayloadType, comfortNoisePayloadType,
                peerFmtp, payloadType);
    }

    /**
     * The length of the frames the encoder makes: the one the codec names for the peer's parameters when
     * the packet holds whole frames of it, else the codec's own.
     *
     * @since 1.2
     */
    public int frameMillis() {
        return frameMillis(codec, packetMillis, peerFmtp);
    }

    private static int frameMillis(AudioCodec codec, int packetMillis, String peerFmtp) {
        int forPeer = codec.frameMillis(peerFmtp);
        return forPeer > 0 && packetMillis > 0 && packetMillis % forPeer == 0 ? forPeer : codec.info().frameMillis();
    }

    /** Whether DTMF goes as RFC 4733 telephone events (else in-band tones). */
    public boolean hasTelephoneEvents() {
        return telephoneEventPayloadType >= 0;
    }

    /** Whether RFC 3389 comfort noise was negotiated. */
    public boolean hasComfortNoise() {
        return comfortNoisePayloadType >= 0;
    }
}
