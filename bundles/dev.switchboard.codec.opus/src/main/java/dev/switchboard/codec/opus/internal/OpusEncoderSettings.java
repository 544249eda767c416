package dev.switchboard.codec.opus.internal;

/**
 * How an Opus encoder is set up.
 *
 * @param codedChannels       channels put on the wire (1 or 2); RFC 7587's default without
 *                            {@code stereo=1} is mono, whatever the PCM has
 * @param bitrate             target bit rate in bit/s
 * @param inbandFec           whether to add in-band forward error correction (fmtp {@code useinbandfec=1})
 * @param expectedLossPercent the packet loss the encoder plans for; FEC is only sent when above 0
 * @param dtx                 discontinuous transmission: packets of at most 2 bytes in silence, which
 *                            need not be sent (fmtp {@code usedtx=1})
 * @param complexity          0-10, speed against quality
 */
public record OpusEncoderSettings(int codedChannels, int bitrate, boolean inbandFec, int expectedLossPercent,
        boolean dtx, int complexity) {

    /** A voice call: mono, 32 kbit/s (wideband speech with room for FEC), FEC for 10 % loss, no DTX. */
    public static final OpusEncoderSettings VOICE = new OpusEncoderSettings(1, 32_000, true, 10, false, 10);

    public OpusEncoderSettings {
        if (codedChannels != 1 && codedChannels != 2) {
            throw new IllegalArgumentException("Opus codes 1 or 2 channels here: " + codedChannels);
        }
        if (bitrate < 6_000 || bitrate > 510_000) {
            throw new IllegalArgumentException("Opus bit rates are 6-510 kbit/s: " + bitrate);
        }
        if (expectedLossPercent < 0 || expectedLossPercent > 100 || complexity < 0 || complexity > 10) {
            throw new IllegalArgumentException("loss is 0-100 %, complexity 0-10");
        }
    }

    public OpusEncoderSettings withDtx(boolean enabled) {
        return new OpusEncoderSettings(codedChannels, bitrate, inbandFec, expectedLossPercent, enabled, complexity);
    }

    /** These settings coding {@code channels} channels, at twice the bit rate for stereo. */
    public OpusEncoderSettings forChannels(int channels) {
        return new OpusEncoderSettings(channels, bitrate * channels / codedChannels, inbandFec, expectedLossPercent, dtx, complexity);
    }
}
