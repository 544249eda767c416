package dev.switchboard.protocol.iax2.internal;

import java.util.List;
import java.util.Optional;

/**
 * IAX2 media format bits (RFC 5456 section 8.7, and the 64-bit ones Asterisk added later) and their
 * names in the call model (the rtpmap names the media engine's codecs carry). Only formats the media
 * engine can code are offered.
 */
final class MediaFormats {
    static final long G723_1 = 0x1;
    static final long GSM = 0x2;
    static final long ULAW = 0x4;
    static final long ALAW = 0x8;
    static final long G726 = 0x10;
    static final long SLINEAR = 0x40;
    static final long G729 = 0x100;
    static final long SPEEX = 0x200;
    static final long ILBC = 0x400;
    static final long G722 = 0x1000;
    /**
     * Opus: not in RFC 5456, which predates it; bit 34 as Asterisk's format_compatibility.h numbers it.
     * Above 32 bits, so it only travels in the 64-bit FORMAT2/CAPABILITY2 elements.
     */
    static final long OPUS = 1L << 34;

    /**
     * Formats we can code. Opus is last: it is taken when the other side prefers it or the account's
     * {@code codecs} name it, while two Switchboards left to themselves keep talking G.722.
     */
    static final List<Long> SUPPORTED = List.of(G722, ULAW, ALAW, ILBC, OPUS);

    private MediaFormats() {
    }

    /** The call model's codec name, e.g. {@code PCMU/8000} (G.722 keeps its RTP clock name). */
    static Optional<String> rtpmap(long format) {
        if (format == ULAW) {
            return Optional.of("PCMU/8000");
        }
        if (format == ALAW) {
            return Optional.of("PCMA/8000");
        }
        if (format == G722) {
            return Optional.of("G722/8000");
        }
        if (format == ILBC) {
            return Optional.of("iLBC/8000");
        }
        if (format == OPUS) {
            return Optional.of("opus/48000/2");
        }
        return Optional.empty();
    }

    static Optional<Long> format(String rtpmap) {
        return SUPPORTED.stream().filter(format -> rtpmap(format).orElseThrow().equalsIgnoreCase(rtpmap)).findFirst();
    }

    /** The capability bitmask of formats. */
    static long capability(List<Long> formats) {
        long mask = 0;
        for (long format : formats) {
            mask |= format;
        }
        return mask;
    }

    /**
     * What a called side picks: the caller's preferred format if we can code it, else the first of
     * our preferences that the caller's capability contains.
     */
    static Optional<Long> choose(long preferred, long capability, List<Long> ours) {
        if (ours.contains(preferred)) {
            return Optional.of(preferred);
        }
        return ours.stream().filter(format -> (capability & format) != 0).findFirst();
    }

    /** Whether a format or capability needs the 64-bit elements (FORMAT2, CAPABILITY2) to be carried. */
    static boolean needs64Bits(long formats) {
        return (formats & ~0xffffffffL) != 0;
    }
}
