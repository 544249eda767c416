package dev.switchboard.media.rtp;

/** The outcome of {@link RtpPacket#parse(byte[], int, int)}: valid, or why the datagram is not an RTP packet. */
public enum RtpParseResult {
    VALID,
    /** Shorter than the 12-byte fixed header. */
    TOO_SHORT,
    /** The version field is not 2. */
    WRONG_VERSION,
    /** The padding bit is set but the padding count is 0 or longer than what follows the header. */
    BAD_PADDING_LENGTH,
    /** The CSRC count announces more identifiers than the datagram holds. */
    CSRC_PAST_END,
    /** The header extension (or its own 4-byte header) runs past the end of the datagram. */
    EXTENSION_PAST_END
}
