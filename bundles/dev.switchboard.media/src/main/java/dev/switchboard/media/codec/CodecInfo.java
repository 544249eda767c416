package dev.switchboard.media.codec;

import java.util.Locale;
import java.util.Objects;

/**
 * What negotiation needs to know of a codec.
 *
 * @param encodingName      RTP encoding name as in SDP {@code a=rtpmap} (e.g. {@code PCMU}, {@code G722})
 * @param clockRate         RTP clock rate, which is not always the sample rate (G.722: 8000 for 16 kHz audio)
 * @param sampleRate        rate of the PCM the codec takes and gives
 * @param channels          number of audio channels
 * @param staticPayloadType RTP/AVP static payload type (RFC 3551), or {@link #DYNAMIC}
 * @param frameMillis       the packet duration the codec prefers
 * @param fmtp              SDP format parameters to offer, empty when none
 */
public record CodecInfo(String encodingName, int clockRate, int sampleRate, int channels, int staticPayloadType,
        int frameMillis, String fmtp) {

    /** A payload type chosen at negotiation (96-127). */
    public static final int DYNAMIC = -1;

    public CodecInfo {
        Objects.requireNonNull(encodingName, "encodingName");
        Objects.requireNonNull(fmtp, "fmtp");
        if (clockRate <= 0 || sampleRate <= 0 || channels <= 0 || frameMillis <= 0) {
            throw new IllegalArgumentException("rates, channels and frame length must be positive");
        }
        if (staticPayloadType != DYNAMIC && (staticPayloadType < 0 || staticPayloadType > 95)) {
            throw new IllegalArgumentException("static payload types are 0-95: " + staticPayloadType);
        }
    }

    /** PCM samples per channel in one frame of {@link #frameMillis()}. */
    public int samplesPerFrame() {
        return sampleRate * frameMillis / 1000;
    }

    /** {@code NAME/clock[/channels]}, as in an SDP rtpmap and in the call model's codec field. */
    public String rtpmap() {
        return encodingName + "/" + clockRate + (channels > 1 ? "/" + channels : "");
    }

    /** Whether this codec is the one an SDP rtpmap names (names compare without case, as SDP says). */
    public boolean matches(String name, int clock) {
        return encodingName.toUpperCase(Locale.ROOT).equals(name.toUpperCase(Locale.ROOT)) && clockRate == clock;
    }
}
